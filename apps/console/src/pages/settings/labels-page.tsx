import { useId, useState, type FormEvent } from 'react';
import { createLabel, deleteLabel, listLabels, updateLabel, type Label } from '../../api/helpdesk-endpoints.ts';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useResource } from '../../hooks/use-resource.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { ListStates } from './helpdesk-shared.tsx';

const DEFAULT_COLOR = '#4338ca';

function LabelForm({ initial, submitLabel, onSubmit, onCancel }: {
  initial: { name: string; color: string };
  submitLabel: string;
  onSubmit(value: { name: string; color: string }): Promise<void>;
  onCancel?(): void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [name, setName] = useState(initial.name);
  const [color, setColor] = useState(initial.color);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSubmit({ name: name.trim(), color });
      if (!onCancel) {
        setName('');
        setColor(DEFAULT_COLOR);
      }
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={handleSubmit}>
      <ErrorNotice error={error} />
      <div className="form-row form-row-end">
        <div className="field field-grow">
          <label htmlFor={`${id}-name`}>{t('labels.name')}</label>
          <input id={`${id}-name`} className="input" required maxLength={60} value={name} onChange={(event) => setName(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-color`}>{t('labels.color')}</label>
          <input id={`${id}-color`} type="color" className="color-input" value={color} onChange={(event) => setColor(event.target.value)} />
        </div>
        <button type="submit" className="button button-primary" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button button-ghost" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}

export function LabelsPage() {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const id = useId();
  const labels = useResource((signal) => listLabels(account.id, signal), [account.id], { accountId: account.id, events: ['label.*'] });
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  return (
    <>
      <PageHeader title={t('settings.labels')} description={t('labels.description')} />

      <section className="panel" aria-labelledby={`${id}-create`}>
        <h2 id={`${id}-create`} className="panel-title">
          {t('labels.createHeading')}
        </h2>
        <LabelForm
          initial={{ name: '', color: DEFAULT_COLOR }}
          submitLabel={t('labels.create')}
          onSubmit={async (value) => {
            await createLabel(account.id, value);
            labels.reload();
          }}
        />
      </section>

      <section className="panel" aria-labelledby={`${id}-list`}>
        <h2 id={`${id}-list`} className="panel-title">
          {t('labels.listHeading')}
        </h2>
        <ErrorNotice error={error} />
        <ListStates resource={labels} emptyTitle={t('labels.empty')}>
          {(items: Label[]) => (
            <ul className="helpdesk-list">
              {items.map((label) => (
                <li key={label.id} className="helpdesk-item">
                  {editing === label.id ? (
                    <LabelForm
                      initial={label}
                      submitLabel={t('common.save')}
                      onCancel={() => setEditing(null)}
                      onSubmit={async (value) => {
                        await updateLabel(account.id, label.id, value);
                        setEditing(null);
                        labels.reload();
                      }}
                    />
                  ) : (
                    <div className="helpdesk-item-row">
                      <span className="label-swatch" style={{ backgroundColor: label.color }} aria-hidden="true" />
                      <span className="helpdesk-item-name">{label.name}</span>
                      <code className="mono muted small">{label.color}</code>
                      <span className="helpdesk-item-actions">
                        <button
                          type="button"
                          className="button button-secondary button-small"
                          aria-label={t('helpdesk.editNamed', { name: label.name })}
                          onClick={() => setEditing(label.id)}
                        >
                          {t('helpdesk.edit')}
                        </button>
                        <ConfirmButton
                          label={t('helpdesk.delete')}
                          ariaLabel={t('helpdesk.deleteNamed', { name: label.name })}
                          confirmLabel={t('labels.deleteConfirm')}
                          onConfirm={async () => {
                            setError(null);
                            try {
                              await deleteLabel(account.id, label.id);
                              labels.reload();
                            } catch (reason) {
                              setError(reason);
                            }
                          }}
                        />
                      </span>
                    </div>
                  )}
                </li>
              ))}
            </ul>
          )}
        </ListStates>
      </section>
    </>
  );
}
