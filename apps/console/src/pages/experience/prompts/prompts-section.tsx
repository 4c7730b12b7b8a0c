import { EmptyState } from '../../../components/empty-state.tsx';

/** `/a/:accountId/experience/prompts/…`: `rest` is the path after the section. */
export function PromptsSection({ rest }: { rest: string[] }) {
  return <EmptyState title={rest.join('/') || 'prompts'} />;
}
