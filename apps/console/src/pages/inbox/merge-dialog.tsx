import { useEffect, useId, useState } from 'react';
import { mergeConversation, searchConversations } from '../../api/inbox-endpoints.ts';
import type { InboxConversation, InboxConversationDetail } from '../../api/types.ts';
import { StatusBadge } from '../../components/badge.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { useFormAction } from '../../hooks/use-form-action.ts';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useModalDialog } from '../../hooks/use-modal-dialog.ts';

const SEARCH_DELAY_MS = 250;

/** Other conversations matching what the agent typed (a number or words), looked up as they type. */
function useMergeCandidates(accountId: string, excludeId: string, query: string) {
  const [results, setResults] = useState<InboxConversation[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const q = query.trim();
  useEffect(() => {
    if (!q) {
      setResults(null);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      searchConversations(accountId, q, controller.signal)
        .then((found) => {
          setResults(found.conversations.filter((item) => item.id !== excludeId));
          setError(null);
        })
        .catch((reason: unknown) => {
          if (!controller.signal.aborted) setError(reason);
        });
    }, SEARCH_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [accountId, excludeId, q]);
  return { results: q ? results : null, error, searching: q !== '' && results === null && !error };
}

/**
 * "Merge into…": find the conversation to keep by number or subject, see it, be warned when its customer is someone
 * else, confirm. A modal `<dialog>` (focus stays inside, Escape closes, focus returns to the opener).
 */
export function MergeDialog({ conversation, onClose, onMerged }: { conversation: InboxConversationDetail; onClose(): void; onMerged(targetId: string): void }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const ref = useModalDialog();
  const id = useId();
  const [query, setQuery] = useState('');
  const [chosenId, setChosenId] = useState<string | null>(null);
  const candidates = useMergeCandidates(account.id, conversation.id, query);
  const chosen = candidates.results?.find((item) => item.id === chosenId) ?? null;

  const { error, busy, handleSubmit } = useFormAction(async () => {
    if (!chosen) return;
    await mergeConversation(account.id, conversation.id, chosen.id);
    onMerged(chosen.id);
  });

  return (
    <dialog ref={ref} className="dialog dialog-wide" aria-labelledby={`${id}-title`} aria-describedby={`${id}-explain`} onClose={onClose}>
      <h2 id={`${id}-title`}>{t('merge.title', { number: conversation.number })}</h2>
      <p id={`${id}-explain`} className="muted">{t('merge.explain', { number: conversation.number })}</p>
      <form
        className="form"
        onSubmit={handleSubmit}
      >
        <div className="field">
          <label htmlFor={`${id}-search`}>{t('merge.search')}</label>
          <input
            id={`${id}-search`}
            type="search"
            className="input"
            autoComplete="off"
            maxLength={200}
            value={query}
            onChange={(event) => {
              setQuery(event.target.value);
              setChosenId(null);
            }}
            autoFocus
          />
        </div>
        <p className="field-hint" role="status" aria-live="polite">
          {candidates.searching ? t('merge.searching') : null}
          {candidates.results ? (candidates.results.length === 0 ? t('merge.noResults') : t('merge.results', { count: candidates.results.length })) : null}
        </p>
        <ErrorNotice error={candidates.error} />
        {candidates.results && candidates.results.length > 0 ? (
          <fieldset className="merge-results">
            <legend className="visually-hidden">{t('merge.results.legend')}</legend>
            {candidates.results.map((item) => (
              <label key={item.id} className={`merge-result${item.id === chosenId ? ' is-chosen' : ''}`}>
                <input type="radio" name={`${id}-target`} value={item.id} checked={item.id === chosenId} onChange={() => setChosenId(item.id)} />
                <span className="merge-result-text">
                  <span className="merge-result-subject">
                    <span className="muted">#{item.number}</span> {item.subject || t('conversations.noSubject')}
                  </span>
                  <span className="merge-result-meta">
                    {item.contact.name} <StatusBadge status={item.status} />
                  </span>
                </span>
              </label>
            ))}
          </fieldset>
        ) : null}
        {chosen && chosen.contact.id !== conversation.contact.id ? (
          <p className="notice notice-warning">
            {t('merge.differentContact', { number: chosen.number, target: chosen.contact.name, source: conversation.contact.name })}
          </p>
        ) : null}
        <ErrorNotice error={error} />
        <div className="dialog-actions">
          <button type="button" className="button button-ghost" onClick={() => ref.current?.close()}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={!chosen || busy}>
            {chosen ? t('merge.confirm', { number: chosen.number }) : t('merge.open')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
