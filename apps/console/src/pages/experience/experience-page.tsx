import type { ReactNode } from 'react';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Link } from '../../router/link.tsx';
import { paths } from '../../routes/paths.ts';
import { NotFoundPage } from '../not-found-page.tsx';
import { EXPERIENCE_SECTIONS, type ExperienceSectionId, findExperienceSection } from './experience-sections.ts';
import { JourneysSection } from './journeys/journeys-section.tsx';
import { MessagingLimitsSection } from './limits/limits-section.tsx';
import { TouchpointMapSection } from './map/map-section.tsx';
import { PromptsSection } from './prompts/prompts-section.tsx';
import { SegmentsSection } from './segments/segments-section.tsx';
import { SurveysSection } from './surveys/surveys-section.tsx';
import { TemplatesSection } from './templates/templates-section.tsx';
import './experience.css';

const SECTIONS: Record<ExperienceSectionId, (rest: string[]) => ReactNode> = {
  map: (rest) => <TouchpointMapSection rest={rest} />,
  journeys: (rest) => <JourneysSection rest={rest} />,
  segments: (rest) => <SegmentsSection rest={rest} />,
  prompts: (rest) => <PromptsSection rest={rest} />,
  surveys: (rest) => <SurveysSection rest={rest} />,
  templates: (rest) => <TemplatesSection rest={rest} />,
  limits: (rest) => <MessagingLimitsSection rest={rest} />,
};

/** `/a/:accountId/experience[/<section>/…]`: the customer-experience tools under one set of tabs. */
export function ExperiencePage({ rest }: { rest: string[] }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const [first, ...more] = rest;
  const section = findExperienceSection(first ?? 'map');
  if (!section) return <NotFoundPage homeTo={paths.home(account.id)} />;
  return (
    <>
      <nav className="experience-tabs" aria-label={t('experience.sections')}>
        {EXPERIENCE_SECTIONS.map((item) => (
          <Link key={item.id} to={paths.experience(account.id, item.id)} className="experience-tab" aria-current={item.id === section.id ? 'page' : undefined}>{t(item.label)}</Link>
        ))}
      </nav>
      {SECTIONS[section.id](more)}
    </>
  );
}
