import type { MessageKey } from '../../i18n/messages.ts';

/** The experience area's sections, in the order of its tabs: `/a/:accountId/experience/<id>/…`. */
export const EXPERIENCE_SECTIONS = [
  { id: 'map', label: 'experience.map' },
  { id: 'journeys', label: 'experience.journeys' },
  { id: 'segments', label: 'experience.segments' },
  { id: 'prompts', label: 'experience.prompts' },
  { id: 'surveys', label: 'experience.surveys' },
  { id: 'templates', label: 'experience.templates' },
  { id: 'limits', label: 'experience.limits' },
] as const satisfies readonly { id: string; label: MessageKey }[];

export type ExperienceSectionId = (typeof EXPERIENCE_SECTIONS)[number]['id'];

export const findExperienceSection = (id: string | undefined) => EXPERIENCE_SECTIONS.find((section) => section.id === id);
