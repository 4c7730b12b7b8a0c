import { useState, type FormEvent, type KeyboardEvent, type RefObject } from 'react';
import { useI18n } from '../i18n/i18n-context.tsx';
import { navigate } from '../router/history.ts';
import { paths } from '../routes/paths.ts';

export interface ShellSearchProps {
  id: string;
  accountId: string;
  /** The `q` of the search page when it is the current page, else null: the box then starts empty. */
  currentQuery: string | null;
  inputRef: RefObject<HTMLInputElement | null>;
  className: string;
  /** Escape in the box (a phone closes the row it opened). */
  onEscape(): void;
}

/**
 * The one search box of the console, in the shell on every account page: it opens the search page for what was
 * typed. `/` focuses it (see AppShell); it shows the current search while the search page is open.
 */
export function ShellSearch({ id, accountId, currentQuery, inputRef, className, onEscape }: ShellSearchProps) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(currentQuery ?? '');
  // Follow the URL: the search page's query after back/forward or a result link, empty on other pages.
  const [shownQuery, setShownQuery] = useState(currentQuery);
  if (shownQuery !== currentQuery) {
    setShownQuery(currentQuery);
    setDraft(currentQuery ?? '');
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const q = draft.trim();
    if (!q) {
      inputRef.current?.focus();
      return;
    }
    navigate(paths.search(accountId, q));
  }

  function handleKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Escape' && draft === '') onEscape();
  }

  return (
    <form id={id} role="search" aria-label={t('search.title')} className={className} onSubmit={handleSubmit}>
      <label htmlFor={`${id}-input`} className="visually-hidden">
        {t('search.label')}
      </label>
      <input
        ref={inputRef}
        id={`${id}-input`}
        className="input search-input shell-search-input"
        type="search"
        name="q"
        placeholder={t('search.placeholder')}
        autoComplete="off"
        enterKeyHint="search"
        maxLength={200}
        aria-keyshortcuts="/"
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={handleKeyDown}
      />
      <kbd className="shell-search-key" aria-hidden="true">
        /
      </kbd>
    </form>
  );
}
