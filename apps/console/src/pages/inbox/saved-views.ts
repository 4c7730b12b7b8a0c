/**
 * Saved filters live in this browser (localStorage, per account): the server has no saved-view API yet.
 * Each is the list's query string, so opening one is just a link.
 */
export interface SavedView {
  id: string;
  name: string;
  query: string;
}

const storageKey = (accountId: string) => `touchpoint.savedViews.${accountId}`;

export function readSavedViews(accountId: string): SavedView[] {
  try {
    const raw = window.localStorage.getItem(storageKey(accountId));
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (item): item is SavedView =>
        typeof item === 'object' && item !== null && typeof (item as SavedView).id === 'string' && typeof (item as SavedView).name === 'string' && typeof (item as SavedView).query === 'string',
    );
  } catch {
    return [];
  }
}

export function writeSavedViews(accountId: string, views: SavedView[]): void {
  try {
    window.localStorage.setItem(storageKey(accountId), JSON.stringify(views));
  } catch {
    // Storage unavailable: the views last for this visit only.
  }
}
