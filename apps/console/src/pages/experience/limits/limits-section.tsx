import { EmptyState } from '../../../components/empty-state.tsx';

/** `/a/:accountId/experience/limits/…`: `rest` is the path after the section. */
export function MessagingLimitsSection({ rest }: { rest: string[] }) {
  return <EmptyState title={rest.join('/') || 'limits'} />;
}
