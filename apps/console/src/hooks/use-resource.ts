import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { useRealtimeRefresh } from '../realtime/realtime-context.tsx';

export interface Resource<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  reload(): void;
}

export interface ResourceOptions {
  /** Reload when one of these realtime events arrives for this account. */
  accountId?: string | null;
  events?: readonly string[];
}

/**
 * Loads data and keeps it fresh. A reload keeps showing the previous data (no flicker on live updates);
 * answers that arrive out of order are dropped.
 */
export function useResource<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: DependencyList,
  options: ResourceOptions = {},
): Resource<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const loader = useRef(load);
  loader.current = load;

  // A change of deps means a different resource: drop the old data so it is never shown under the new name.
  const [previousDeps, setPreviousDeps] = useState<DependencyList>(deps);
  if (deps.length !== previousDeps.length || deps.some((dep, index) => !Object.is(dep, previousDeps[index]))) {
    setPreviousDeps(deps);
    setData(null);
    setError(null);
    setLoading(true);
  }

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    loader
      .current(controller.signal)
      .then((value) => {
        if (controller.signal.aborted) return;
        setData(value);
        setError(null);
        setLoading(false);
      })
      .catch((reason: unknown) => {
        if (controller.signal.aborted) return;
        setError(reason);
        setLoading(false);
      });
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  useRealtimeRefresh(options.accountId ?? null, options.events ?? [], reload);

  return { data, error, loading, reload };
}
