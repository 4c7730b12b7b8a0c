import { useId, useState, type FormEvent } from 'react';
import {
  createCustomStatus, deleteCustomStatus, listCustomStatuses, updateCustomStatus, type CustomStatus, type StatusCategory,
} from '../../api/helpdesk-endpoints.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useResource } from '../../hooks/use-resource.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { CreatePanel, EditableList } from './editable-list.tsx';

const CATEGORIES: readonly StatusCategory[] = ['open', 'pending', 'resolved'];

function RenameForm({ status, onDone }: { status: CustomStatus; onDone(saved: boolean): void }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const id = useId();
  const [name, setName] = useState(status.name);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await updateCustomStatus(account.id, status.id, { name: name.trim() });
      onDone(true);
    } catch (reason) {
      setError(reason);
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={handleSubmit}>
      <ErrorNotice error={error} />
      <div className="form-row form-row-end">
        <div className="field field-grow">
          <label htmlFor={`${id}-name`}>{t('statuses.name')}</label>
          <input id={`${id}-name`} className="input" required maxLength={60} value={name} onChange={(event) => setName(event.target.value)} />
        </div>
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('common.save')}
        </button>
        <button type="button" className="button button-ghost" onClick={() => onDone(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

export function CustomStatusesPage() {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const id = useId();
  const statuses = useResource((signal) => listCustomStatuses(account.id, signal), [account.id], {
    accountId: account.id,
    events: ['custom_status.*'],
  });
  const [name, setName] = useState('');
  const [category, setCategory] = useState<StatusCategory>('pending');
  const [createError, setCreateError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function handleCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setCreateError(null);
    try {
      await createCustomStatus(account.id, { name: name.trim(), category });
      setName('');
      statuses.reload();
    } catch (reason) {
      setCreateError(reason);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeader title={t('settings.customStatuses')} description={t('statuses.description')} />

      <CreatePanel heading={t('statuses.createHeading')}>
        <form className="form" onSubmit={handleCreate}>
          <ErrorNotice error={createError} />
          <div className="form-row form-row-end">
            <div className="field field-grow">
              <label htmlFor={`${id}-name`}>{t('statuses.name')}</label>
              <input
                id={`${id}-name`}
                className="input"
                required
                maxLength={60}
                placeholder={t('statuses.namePlaceholder')}
                value={name}
                onChange={(event) => setName(event.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-category`}>{t('statuses.category')}</label>
              <select
                id={`${id}-category`}
                className="select"
                aria-describedby={`${id}-category-hint`}
                value={category}
                onChange={(event) => setCategory(event.target.value as StatusCategory)}
              >
                {CATEGORIES.map((value) => (
                  <option key={value} value={value}>
                    {t(`status.${value}`)}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button button-primary" disabled={busy}>
              {t('statuses.create')}
            </button>
          </div>
          <p id={`${id}-category-hint`} className="field-hint">
            {t('statuses.categoryHint')}
          </p>
        </form>
      </CreatePanel>

      <EditableList
        heading={t('statuses.listHeading')}
        resource={statuses}
        emptyTitle={t('statuses.empty')}
        compareItems={(a, b) => CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category) || a.position - b.position}
        readName={(status) => status.name}
        deleteConfirm={t('statuses.deleteConfirm')}
        deleteItem={(status) => deleteCustomStatus(account.id, status.id)}
        renderEditor={(status, close) => <RenameForm status={status} onDone={close} />}
        renderItem={(status, actions) => (
          <div className="helpdesk-item-row">
            <span className="helpdesk-item-name">{status.name}</span>
            <span className={`badge badge-status-${status.category}`}>{t(`status.${status.category}`)}</span>
            {actions}
          </div>
        )}
      />
    </>
  );
}
