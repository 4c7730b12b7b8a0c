import { EmptyState } from '../../../components/empty-state.tsx';

/** `/a/:accountId/experience/map/…`: `rest` is the path after the section. */
export function TouchpointMapSection({ rest }: { rest: string[] }) {
  return <EmptyState title={rest.join('/') || 'map'} />;
}
