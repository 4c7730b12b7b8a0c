import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { createApiKey, listApiKeys, listMembers, revokeApiKey } from '../../api/endpoints.ts';
import type { ApiKey, CreatedApiKey, Member } from '../../api/types.ts';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { CopyField } from '../../components/copy-field.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { DateTime, RelativeTime } from '../../components/time-text.tsx';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useResource } from '../../hooks/use-resource.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';

function readCreatorName(createdBy: ApiKey['createdBy'], members: Member[]): string {
  if (!createdBy) return '—';
  if (typeof createdBy === 'object') return createdBy.name;
  return members.find((member) => member.userId === createdBy)?.name ?? '—';
}

/** The secret is in memory only while this panel is shown; it is never fetched again. */
function NewKeyReveal({ created, onDone }: { created: CreatedApiKey; onDone(): void }) {
  const { t } = useI18n();
  const heading = useRef<HTMLParagraphElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="reveal" role="region" aria-label={t('apiKeys.createdLabel')}>
      <p className="reveal-title" ref={heading} tabIndex={-1}>
        {t('apiKeys.created', { name: created.name })}
      </p>
      <CopyField label={t('apiKeys.secret')} value={created.key} description={t('apiKeys.shownOnce')} />
      <button type="button" className="button button-secondary button-small" onClick={onDone}>
        {t('apiKeys.savedIt')}
      </button>
    </div>
  );
}

export function ApiKeysPage() {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const id = useId();
  const keys = useResource((signal) => listApiKeys(account.id, signal), [account.id], {
    accountId: account.id,
    events: ['api_key.*'],
  });
  const members = useResource((signal) => listMembers(account.id, signal), [account.id]);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setCreated(await createApiKey(account.id, name.trim()));
      setName('');
      keys.reload();
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeader title={t('settings.apiKeys')} description={t('apiKeys.description')} />

      <section className="panel" aria-labelledby={`${id}-create`}>
        <h2 id={`${id}-create`} className="panel-title">
          {t('apiKeys.createHeading')}
        </h2>
        <form className="form" onSubmit={handleSubmit}>
          <ErrorNotice error={error} />
          <div className="form-row form-row-end">
            <div className="field field-grow">
              <label htmlFor={`${id}-name`}>{t('apiKeys.name')}</label>
              <input
                id={`${id}-name`}
                className="input"
                required
                maxLength={100}
                placeholder={t('apiKeys.namePlaceholder')}
                value={name}
                onChange={(event) => setName(event.target.value)}
              />
            </div>
            <button type="submit" className="button button-primary" disabled={busy}>
              {t('apiKeys.create')}
            </button>
          </div>
        </form>
        {created ? <NewKeyReveal created={created} onDone={() => setCreated(null)} /> : null}
      </section>

      <section className="panel" aria-labelledby={`${id}-list`}>
        <h2 id={`${id}-list`} className="panel-title">
          {t('apiKeys.listHeading')}
        </h2>
        <ErrorNotice error={keys.error} />
        {keys.loading && !keys.data ? <LoadingState /> : null}
        {keys.data && keys.data.length === 0 ? <EmptyState title={t('apiKeys.empty')} /> : null}
        {keys.data && keys.data.length > 0 ? (
          <div className="table-wrap">
            <table className="table table-responsive">
              <thead>
                <tr>
                  <th scope="col">{t('apiKeys.name')}</th>
                  <th scope="col">{t('apiKeys.prefix')}</th>
                  <th scope="col">{t('apiKeys.createdAt')}</th>
                  <th scope="col">{t('apiKeys.lastUsed')}</th>
                  <th scope="col">{t('apiKeys.createdBy')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('members.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {keys.data.map((key) => (
                  <tr key={key.id}>
                    <td data-label={t('apiKeys.name')} className="strong">
                      {key.name}
                    </td>
                    <td data-label={t('apiKeys.prefix')}>
                      <code className="mono">{key.prefix}…</code>
                    </td>
                    <td data-label={t('apiKeys.createdAt')}>
                      <DateTime iso={key.createdAt} />
                    </td>
                    <td data-label={t('apiKeys.lastUsed')}>
                      {key.lastUsedAt ? <RelativeTime iso={key.lastUsedAt} /> : t('apiKeys.neverUsed')}
                    </td>
                    <td data-label={t('apiKeys.createdBy')}>{readCreatorName(key.createdBy, members.data ?? [])}</td>
                    <td data-label={t('members.actions')} className="actions-cell">
                      <ConfirmButton
                        label={t('apiKeys.revoke')}
                        ariaLabel={t('apiKeys.revokeNamed', { name: key.name })}
                        confirmLabel={t('apiKeys.revokeConfirm')}
                        onConfirm={async () => {
                          setError(null);
                          try {
                            await revokeApiKey(account.id, key.id);
                            keys.reload();
                          } catch (reason) {
                            setError(reason);
                          }
                        }}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </>
  );
}
