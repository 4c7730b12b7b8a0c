import { EmptyState } from '../../../components/empty-state.tsx';

/** `/a/:accountId/experience/surveys/…`: `rest` is the path after the section. */
export function SurveysSection({ rest }: { rest: string[] }) {
  return <EmptyState title={rest.join('/') || 'surveys'} />;
}
