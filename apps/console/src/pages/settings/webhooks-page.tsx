import { useId, useState } from 'react';
import {
  createWebhook, deleteWebhook, listWebhookDeliveries, listWebhooks, retryWebhookDelivery, rotateWebhookSecret, updateWebhook, type CreatedWebhook, type Webhook,
} from '../../api/automation-endpoints.ts';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { CopyField } from '../../components/copy-field.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { DateTime } from '../../components/time-text.tsx';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useResource } from '../../hooks/use-resource.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { CreatePanel, EditableList } from './editable-list.tsx';
import { CheckboxPills, FormButtons } from './helpdesk-shared.tsx';
import { useFormAction } from '../../hooks/use-form-action.ts';

/** The events integrations usually want (packages/core EVENT_TYPES has the full catalogue); `*` is every event. */
const WEBHOOK_EVENTS = [
  'conversation.created', 'conversation.updated', 'message.created', 'csat.rated', 'contact.created', 'contact.updated',
  'order.placed', 'sla.breached', 'label.created', 'team.created',
  'order.updated', 'return.requested', 'return.approved', 'return.received', 'return.refunded',
] as const;

interface WebhookDraft {
  url: string;
  events: string[];
  active: boolean;
}

function WebhookForm({ initial, submitLabel, onSubmit, onCancel }: {
  initial: WebhookDraft;
  submitLabel: string;
  onSubmit(draft: WebhookDraft): Promise<void>;
  onCancel?(): void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [draft, setDraft] = useState(initial);
  const all = draft.events.includes('*');

  const { error, busy, handleSubmit } = useFormAction(async () => {
    await onSubmit({ ...draft, url: draft.url.trim() });
    if (!onCancel) setDraft(initial);
  });

  return (
    <form className="form" onSubmit={handleSubmit}>
      <ErrorNotice error={error} />
      <div className="field">
        <label htmlFor={`${id}-url`}>{t('webhooks.url')}</label>
        <input
          id={`${id}-url`}
          type="url"
          className="input input-mono"
          required
          maxLength={2000}
          placeholder="https://example.com/touchpoint"
          aria-describedby={`${id}-url-hint`}
          value={draft.url}
          onChange={(event) => setDraft({ ...draft, url: event.target.value })}
        />
        <p id={`${id}-url-hint`} className="field-hint">
          {t('webhooks.urlHint')}
        </p>
      </div>
      <label className="checkbox" htmlFor={`${id}-all`}>
        <input id={`${id}-all`} type="checkbox" checked={all} onChange={() => setDraft({ ...draft, events: all ? [] : ['*'] })} />
        <span>{t('webhooks.allEvents')}</span>
      </label>
      {all ? null : (
        <CheckboxPills
          legend={t('webhooks.events')}
          options={WEBHOOK_EVENTS.map((event) => ({ value: event, label: event }))}
          selected={draft.events}
          onChange={(events) => setDraft({ ...draft, events })}
        />
      )}
      <label className="checkbox" htmlFor={`${id}-active`}>
        <input id={`${id}-active`} type="checkbox" checked={draft.active} onChange={(event) => setDraft({ ...draft, active: event.target.checked })} />
        <span>{t('webhooks.active')}</span>
      </label>
      <FormButtons disabled={busy || draft.events.length === 0} submitLabel={submitLabel} onCancel={onCancel} />
    </form>
  );
}

function Deliveries({ webhook }: { webhook: Webhook }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const deliveries = useResource((signal) => listWebhookDeliveries(account.id, webhook.id, signal), [account.id, webhook.id]);
  const [error, setError] = useState<unknown>(null);
  return (
    <div className="webhook-deliveries">
      <ErrorNotice error={deliveries.error ?? error} />
      {deliveries.loading && !deliveries.data ? <LoadingState /> : null}
      {deliveries.data && deliveries.data.length === 0 ? <EmptyState title={t('webhooks.noDeliveries')} /> : null}
      {deliveries.data && deliveries.data.length > 0 ? (
        <div className="table-wrap">
          <table className="table table-responsive">
            <caption className="visually-hidden">{t('webhooks.deliveriesFor', { url: webhook.url })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('webhooks.when')}</th>
                <th scope="col">{t('webhooks.event')}</th>
                <th scope="col">{t('webhooks.status')}</th>
                <th scope="col">{t('webhooks.response')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('members.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {deliveries.data.map((delivery) => (
                <tr key={delivery.id}>
                  <td data-label={t('webhooks.when')}>
                    <DateTime iso={delivery.createdAt} />
                  </td>
                  <td data-label={t('webhooks.event')}>
                    <code className="mono">{delivery.eventType}</code>
                  </td>
                  <td data-label={t('webhooks.status')}>
                    {t(`webhooks.status.${delivery.status}`)} · {t('webhooks.attempts', { count: delivery.attempts })}
                  </td>
                  <td data-label={t('webhooks.response')}>{delivery.responseStatus ?? delivery.error ?? '—'}</td>
                  <td data-label={t('members.actions')} className="actions-cell">
                    {delivery.status === 'failed' ? (
                      <button
                        type="button"
                        className="button button-secondary button-small"
                        onClick={async () => {
                          setError(null);
                          try {
                            await retryWebhookDelivery(account.id, webhook.id, delivery.id);
                            deliveries.reload();
                          } catch (reason) {
                            setError(reason);
                          }
                        }}
                      >
                        {t('webhooks.retry')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

export function WebhooksPage() {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const webhooks = useResource((signal) => listWebhooks(account.id, signal), [account.id], { accountId: account.id, events: ['webhook.*'] });
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  /** The outcome of the last rotation, shown under its webhook: the new secret (once), or why it failed. */
  const [rotation, setRotation] = useState<{ webhookId: string; secret: string | null; error: unknown } | null>(null);
  const [open, setOpen] = useState<string | null>(null);

  async function rotate(webhook: Webhook) {
    setRotation(null);
    try {
      const { secret } = await rotateWebhookSecret(account.id, webhook.id);
      setRotation({ webhookId: webhook.id, secret, error: null });
    } catch (reason) {
      setRotation({ webhookId: webhook.id, secret: null, error: reason });
    }
  }

  return (
    <>
      <PageHeader title={t('settings.webhooks')} description={t('webhooks.description')} />

      {webhooks.error ? null : (
        <CreatePanel heading={t('webhooks.createHeading')}>
          <WebhookForm
            initial={{ url: '', events: ['conversation.created', 'message.created'], active: true }}
            submitLabel={t('webhooks.create')}
            onSubmit={async (draft) => {
              setCreated(await createWebhook(account.id, draft));
              webhooks.reload();
            }}
          />
          {created ? (
            <div className="reveal" role="region" aria-label={t('webhooks.secretHeading')}>
              <p className="reveal-title">{t('webhooks.secretHeading')}</p>
              <CopyField label={t('webhooks.secret')} value={created.secret} description={t('webhooks.secretOnce')} />
              <button type="button" className="button button-secondary button-small" onClick={() => setCreated(null)}>
                {t('common.done')}
              </button>
            </div>
          ) : null}
        </CreatePanel>
      )}

      <EditableList
        heading={t('webhooks.listHeading')}
        resource={webhooks}
        emptyTitle={t('webhooks.empty')}
        readName={(webhook) => webhook.url}
        deleteConfirm={t('webhooks.deleteConfirm')}
        deleteItem={(webhook) => deleteWebhook(account.id, webhook.id)}
        renderEditor={(webhook, close) => (
          <WebhookForm
            initial={{ url: webhook.url, events: webhook.events, active: webhook.active }}
            submitLabel={t('common.save')}
            onCancel={() => close(false)}
            onSubmit={async (draft) => {
              await updateWebhook(account.id, webhook.id, draft);
              close(true);
            }}
          />
        )}
        renderExtraActions={(webhook) => (
          <>
            <button
              type="button"
              className="button button-ghost button-small"
              aria-expanded={open === webhook.id}
              onClick={() => setOpen(open === webhook.id ? null : webhook.id)}
            >
              {t('webhooks.deliveries')}
            </button>
            <ConfirmButton
              label={t('webhooks.rotate')}
              ariaLabel={t('webhooks.rotateNamed', { url: webhook.url })}
              confirmLabel={t('webhooks.rotateConfirm')}
              onConfirm={() => rotate(webhook)}
            />
          </>
        )}
        renderItem={(webhook, actions) => (
          <div className="helpdesk-item-block">
            <div className="helpdesk-item-row">
              <code className="mono helpdesk-item-name">{webhook.url}</code>
              {webhook.active ? null : <span className="badge badge-status-closed">{t('webhooks.paused')}</span>}
              {webhook.failingSince ? <span className="badge badge-priority-urgent">{t('webhooks.failing')}</span> : null}
              {actions}
            </div>
            <p className="canned-body">{webhook.events.includes('*') ? t('webhooks.allEvents') : webhook.events.join(', ')}</p>
            {rotation?.webhookId === webhook.id ? <ErrorNotice error={rotation.error} /> : null}
            {rotation?.webhookId === webhook.id && rotation.secret ? (
              <div className="reveal" role="region" aria-label={t('webhooks.rotatedHeading')}>
                <p className="reveal-title">{t('webhooks.rotatedHeading')}</p>
                <p className="notice notice-warning">{t('webhooks.rotatedWarning')}</p>
                <CopyField label={t('webhooks.secret')} value={rotation.secret} />
                <button type="button" className="button button-secondary button-small" onClick={() => setRotation(null)}>
                  {t('common.done')}
                </button>
              </div>
            ) : null}
            {open === webhook.id ? <Deliveries webhook={webhook} /> : null}
          </div>
        )}
      />
    </>
  );
}
