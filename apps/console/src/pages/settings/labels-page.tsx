import { useId, useState } from 'react';
import { createLabel, deleteLabel, listLabels, updateLabel } from '../../api/helpdesk-endpoints.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useResource } from '../../hooks/use-resource.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { CreatePanel, EditableList } from './editable-list.tsx';
import { useFormAction } from '../../hooks/use-form-action.ts';

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

  const { error, busy, handleSubmit } = useFormAction(async () => {
    await onSubmit({ name: name.trim(), color });
    if (!onCancel) {
      setName('');
      setColor(DEFAULT_COLOR);
    }
  });

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
  const labels = useResource((signal) => listLabels(account.id, signal), [account.id], { accountId: account.id, events: ['label.*'] });

  return (
    <>
      <PageHeader title={t('settings.labels')} description={t('labels.description')} />

      <CreatePanel heading={t('labels.createHeading')}>
        <LabelForm
          initial={{ name: '', color: DEFAULT_COLOR }}
          submitLabel={t('labels.create')}
          onSubmit={async (value) => {
            await createLabel(account.id, value);
            labels.reload();
          }}
        />
      </CreatePanel>

      <EditableList
        heading={t('labels.listHeading')}
        resource={labels}
        emptyTitle={t('labels.empty')}
        readName={(label) => label.name}
        deleteConfirm={t('labels.deleteConfirm')}
        deleteItem={(label) => deleteLabel(account.id, label.id)}
        renderEditor={(label, close) => (
          <LabelForm
            initial={label}
            submitLabel={t('common.save')}
            onCancel={() => close(false)}
            onSubmit={async (value) => {
              await updateLabel(account.id, label.id, value);
              close(true);
            }}
          />
        )}
        renderItem={(label, actions) => (
          <div className="helpdesk-item-row">
            <span className="label-swatch" style={{ backgroundColor: label.color }} aria-hidden="true" />
            <span className="helpdesk-item-name">{label.name}</span>
            <code className="mono muted small">{label.color}</code>
            {actions}
          </div>
        )}
      />
    </>
  );
}
