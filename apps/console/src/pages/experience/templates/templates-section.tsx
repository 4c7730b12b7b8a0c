import { EmptyState } from '../../../components/empty-state.tsx';

/** `/a/:accountId/experience/templates/…`: `rest` is the path after the section. */
export function TemplatesSection({ rest }: { rest: string[] }) {
  return <EmptyState title={rest.join('/') || 'templates'} />;
}
