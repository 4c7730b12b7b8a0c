import { useMemo, useSyncExternalStore } from 'react';
import { readLocationKey, subscribeToLocation } from './history.ts';

export interface RouterLocation {
  pathname: string;
  search: URLSearchParams;
  key: string;
}

export function useLocation(): RouterLocation {
  const key = useSyncExternalStore(subscribeToLocation, readLocationKey);
  return useMemo(() => {
    const url = new URL(key, window.location.origin);
    return { pathname: url.pathname, search: url.searchParams, key };
  }, [key]);
}
