import type { InboxQuery, SavedViewFilters } from '../../api/types.ts';
import { LIST_FILTER_KEYS, readInboxQuery, writeInboxQuery } from './inbox-state.ts';

/**
 * Saved views live on the server. The list's URL and a view's stored filters differ in one default: the console opens
 * on "mine", the API lists "all". A view therefore always stores its `view`, and one without it (saved through the
 * API) opens as "all".
 */
export function filtersFromQuery(query: InboxQuery): SavedViewFilters {
  const filters: SavedViewFilters = { view: query.view };
  if (query.status !== 'open') filters.status = query.status;
  if (query.sort !== 'latest') filters.sort = query.sort;
  for (const key of LIST_FILTER_KEYS) {
    const value = query[key];
    if (value) filters[key] = value;
  }
  return filters;
}

/** The list's query string for a view's filters: opening a view is following a link. */
export function queryStringOfFilters(filters: SavedViewFilters): string {
  const search = new URLSearchParams({ view: 'all' });
  for (const [key, value] of Object.entries(filters)) if (value) search.set(key, value);
  return writeInboxQuery(readInboxQuery(search));
}

/** Views from before they were kept on the server: this browser's localStorage, per account. */
interface LegacySavedView {
  name: string;
  query: string;
}

const legacyStorageKey = (accountId: string) => `touchpoint.savedViews.${accountId}`;

export function readLegacySavedViews(accountId: string): LegacySavedView[] {
  try {
    const raw = window.localStorage.getItem(legacyStorageKey(accountId));
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (item): item is LegacySavedView =>
        typeof item === 'object' && item !== null && typeof (item as LegacySavedView).name === 'string' && typeof (item as LegacySavedView).query === 'string',
    );
  } catch {
    return [];
  }
}

export function forgetLegacySavedViews(accountId: string): void {
  try {
    window.localStorage.removeItem(legacyStorageKey(accountId));
  } catch {
    // Storage unavailable: nothing was kept there either.
  }
}

/** A legacy view as the API takes it: a name of 1–80 characters and the filters of its query string. */
export function legacyViewToInput(view: LegacySavedView) {
  return { name: view.name.trim().slice(0, 80), filters: filtersFromQuery(readInboxQuery(new URLSearchParams(view.query))) };
}
