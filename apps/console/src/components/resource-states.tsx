import type { ReactNode } from 'react';
import type { Resource } from '../hooks/use-resource.ts';
import { ErrorNotice } from './error-notice.tsx';
import { LoadingState } from './loading-state.tsx';

/** Error, loading and empty states of a loaded list; renders `children` only once the list `select` picks has items. */
export function ResourceStates<D, T>({ resource, select, empty, children }: {
  resource: Resource<D>;
  select(data: D): readonly T[];
  empty: ReactNode;
  children(items: readonly T[], data: D): ReactNode;
}) {
  const items = resource.data ? select(resource.data) : null;
  return (
    <>
      <ErrorNotice error={resource.error} />
      {resource.loading && !resource.data ? <LoadingState /> : null}
      {items && items.length === 0 ? empty : null}
      {items && items.length > 0 ? children(items, resource.data!) : null}
    </>
  );
}
