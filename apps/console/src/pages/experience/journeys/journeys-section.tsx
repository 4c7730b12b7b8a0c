import { EmptyState } from '../../../components/empty-state.tsx';

/** `/a/:accountId/experience/journeys/…`: `rest` is the path after the section. */
export function JourneysSection({ rest }: { rest: string[] }) {
  return <EmptyState title={rest.join('/') || 'journeys'} />;
}
