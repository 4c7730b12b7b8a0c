import type { MessageKey } from '../../i18n/messages.ts';

/** The engagement area's sections, in the order of its tabs: `/a/:accountId/engagement/<id>/…`. */
export const ENGAGEMENT_SECTIONS = [
  { id: 'rewards', label: 'engagement.rewards' },
  { id: 'games', label: 'engagement.games' },
  { id: 'puzzles', label: 'engagement.puzzles' },
  { id: 'gifts', label: 'engagement.gifts' },
  { id: 'live', label: 'engagement.live' },
  { id: 'delight', label: 'engagement.delight' },
  { id: 'referrals', label: 'engagement.referrals' },
] as const satisfies readonly { id: string; label: MessageKey }[];

export type EngagementSectionId = (typeof ENGAGEMENT_SECTIONS)[number]['id'];

export const findEngagementSection = (id: string | undefined) => ENGAGEMENT_SECTIONS.find((section) => section.id === id);
