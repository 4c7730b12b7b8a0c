import { useCallback, useEffect, useId, useState } from 'react';
import { listAuditLog } from '../../api/endpoints.ts';
import type { AuditEntry } from '../../api/types.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { DateTime } from '../../components/time-text.tsx';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { useRealtimeRefresh } from '../../realtime/realtime-context.tsx';

const PAGE_SIZE = 50;
const KNOWN_ACTIONS = new Set([
  'account.updated', 'api_key.created', 'api_key.revoked', 'inbox.created', 'invitation.accepted', 'invitation.created',
  'invitation.revoked', 'member.removed', 'member.updated', 'conversation.merged', 'conversation.split',
]);
type Cursor = string | number | null;

function formatDetailValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function AuditDetails({ details }: { details: Record<string, unknown> }) {
  const entries = Object.entries(details ?? {});
  if (entries.length === 0) return <span className="muted">—</span>;
  return (
    <dl className="audit-details">
      {entries.map(([key, value]) => (
        <div key={key}>
          <dt>{key}</dt>
          <dd>{formatDetailValue(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Merges pages by id, newest first; a live refresh of page one never drops pages loaded with "load more". */
function mergeEntries(existing: AuditEntry[], incoming: AuditEntry[]): AuditEntry[] {
  const byId = new Map<string, AuditEntry>();
  for (const entry of [...incoming, ...existing]) if (!byId.has(String(entry.id))) byId.set(String(entry.id), entry);
  return [...byId.values()].sort((a, b) =>
    typeof a.id === 'number' && typeof b.id === 'number' ? b.id - a.id : a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0,
  );
}

export function AuditLogPage() {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const id = useId();
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [cursor, setCursor] = useState<Cursor>(null);
  const [loadedOnce, setLoadedOnce] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    setEntries([]);
    setCursor(null);
    setLoadedOnce(false);
    setLoading(true);
    listAuditLog(account.id, { limit: PAGE_SIZE }, controller.signal)
      .then((page) => {
        setEntries(page.items);
        setCursor(page.nextCursor);
        setLoadedOnce(true);
        setError(null);
      })
      .catch((reason: unknown) => {
        if (!controller.signal.aborted) setError(reason);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [account.id]);

  // Every audited change also emits a domain event: fetch the newest page and merge it in on top.
  const refreshNewest = useCallback(async () => {
    try {
      const page = await listAuditLog(account.id, { limit: PAGE_SIZE });
      setEntries((existing) => mergeEntries(existing, page.items));
    } catch (reason) {
      setError(reason);
    }
  }, [account.id]);
  useRealtimeRefresh(account.id, ['account.*', 'member.*', 'invitation.*', 'inbox.*', 'api_key.*'], () => {
    void refreshNewest();
  });

  async function loadMore() {
    if (cursor === null) return;
    setLoading(true);
    try {
      const page = await listAuditLog(account.id, { before: cursor, limit: PAGE_SIZE });
      setEntries((existing) => mergeEntries(existing, page.items));
      setCursor(page.nextCursor);
      setError(null);
    } catch (reason) {
      setError(reason);
    } finally {
      setLoading(false);
    }
  }

  return (
    <>
      <PageHeader title={t('settings.auditLog')} description={t('audit.description')} />
      <section className="panel" aria-labelledby={`${id}-heading`}>
        <h2 id={`${id}-heading`} className="visually-hidden">
          {t('audit.entries')}
        </h2>
        <ErrorNotice error={error} />
        {loading && entries.length === 0 ? <LoadingState /> : null}
        {loadedOnce && entries.length === 0 && !error ? <EmptyState title={t('audit.empty')} /> : null}
        {entries.length > 0 ? (
          // Long details can make the table scroll sideways: the scroller takes focus so keyboards can scroll it.
          <div className="table-wrap" tabIndex={0} role="group" aria-labelledby={`${id}-heading`}>
            <table className="table table-responsive audit-table">
              <thead>
                <tr>
                  <th scope="col">{t('audit.when')}</th>
                  <th scope="col">{t('audit.actor')}</th>
                  <th scope="col">{t('audit.action')}</th>
                  <th scope="col">{t('audit.target')}</th>
                  <th scope="col">{t('audit.details')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => (
                  <tr key={String(entry.id)}>
                    <td data-label={t('audit.when')} className="nowrap">
                      <DateTime iso={entry.createdAt} />
                    </td>
                    <td data-label={t('audit.actor')}>
                      <span>
                        <span className="strong">{entry.actor.name}</span>
                        {entry.actor.type !== 'user' ? (
                          <span className="muted"> ({entry.actor.type === 'api_key' ? t('audit.apiKey') : t('audit.system')})</span>
                        ) : null}
                      </span>
                    </td>
                    <td data-label={t('audit.action')}>
                      <span className="audit-action">
                        {KNOWN_ACTIONS.has(entry.action) ? <span>{t(`auditAction.${entry.action}` as MessageKey)}</span> : null}
                        <code className="mono muted small">{entry.action}</code>
                      </span>
                    </td>
                    <td data-label={t('audit.target')}>
                      {entry.targetType ? (
                        <span>
                          {entry.targetType}
                          {entry.targetId ? <span className="muted mono small"> {entry.targetId.slice(0, 8)}</span> : null}
                        </span>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td data-label={t('audit.details')}>
                      <AuditDetails details={entry.details} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {cursor !== null ? (
          <div className="load-more">
            <button type="button" className="button button-secondary" onClick={() => void loadMore()} disabled={loading}>
              {loading ? t('common.loading') : t('audit.loadMore')}
            </button>
          </div>
        ) : null}
      </section>
    </>
  );
}
