import { EmptyState } from '../../../components/empty-state.tsx';

/** `/a/:accountId/experience/segments/…`: `rest` is the path after the section. */
export function SegmentsSection({ rest }: { rest: string[] }) {
  return <EmptyState title={rest.join('/') || 'segments'} />;
}
