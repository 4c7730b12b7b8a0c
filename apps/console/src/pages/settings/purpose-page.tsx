import { useId, useState, type FormEvent } from 'react';
import { getAccount, updateAccount } from '../../api/endpoints.ts';
import type { Account } from '../../api/types.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { QuoteIcon } from '../../components/icons.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useResource } from '../../hooks/use-resource.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';

const MAX_LENGTH = 2000;

function PurposeEditor({ account, onSaved }: { account: Account; onSaved(): void }) {
  const { t, formatNumber } = useI18n();
  const id = useId();
  const [text, setText] = useState(account.purposeStatement);
  const [base, setBase] = useState(account.purposeStatement);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  // A new saved value (ours, or another admin's live update) replaces the text unless it holds unsaved edits.
  if (account.purposeStatement !== base) {
    setBase(account.purposeStatement);
    if (text === base || text.trim() === account.purposeStatement) setText(account.purposeStatement);
  }
  const dirty = text !== base;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await updateAccount(account.id, { purposeStatement: text.trim() });
      setSaved(true);
      onSaved();
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="panel form" onSubmit={handleSubmit}>
      <ErrorNotice error={error} />
      <div className="field">
        <label htmlFor={`${id}-text`}>{t('purpose.label')}</label>
        <textarea
          id={`${id}-text`}
          className="textarea purpose-textarea"
          rows={5}
          maxLength={MAX_LENGTH}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setSaved(false);
          }}
          aria-describedby={`${id}-hint ${id}-count`}
        />
        <div className="field-hint-row">
          <p className="field-hint" id={`${id}-hint`}>
            {t('purpose.hint')}
          </p>
          <p className="field-hint" id={`${id}-count`}>
            {t('purpose.count', { count: formatNumber(text.length), max: formatNumber(MAX_LENGTH) })}
          </p>
        </div>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy || !dirty}>
          {t('purpose.save')}
        </button>
        <span className="saved-note" role="status">
          {saved ? t('purpose.saved') : ''}
        </span>
      </div>
    </form>
  );
}

export function PurposePage() {
  const { t } = useI18n();
  const current = useCurrentAccount();
  const account = useResource((signal) => getAccount(current.id, signal), [current.id], {
    accountId: current.id,
    events: ['account.updated'],
  });
  const isAdmin = current.role === 'admin';

  return (
    <>
      <PageHeader title={t('settings.purpose')} description={isAdmin ? t('purpose.descriptionAdmin') : t('purpose.descriptionAgent')} />
      <ErrorNotice error={account.error} />
      {account.loading && !account.data ? <LoadingState /> : null}
      {account.data && isAdmin ? (
        <PurposeEditor account={account.data} onSaved={account.reload} />
      ) : null}
      {account.data && !isAdmin ? (
        <section className="purpose-card" aria-label={t('home.purposeHeading')}>
          <QuoteIcon />
          <p className="purpose-text">{account.data.purposeStatement || t('home.purposeEmptyAgent')}</p>
        </section>
      ) : null}
    </>
  );
}
