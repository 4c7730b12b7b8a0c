import { useId, useState } from 'react';
import { listChannels } from '../../api/channel-endpoints.ts';
import { createInbox, listInboxes } from '../../api/endpoints.ts';
import { CHANNELS, describeChannel } from '../../components/channel-label.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useResource } from '../../hooks/use-resource.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useFormAction } from '../../hooks/use-form-action.ts';
import { navigate } from '../../router/history.ts';
import { Link } from '../../router/link.tsx';
import { paths } from '../../routes/paths.ts';
import { describeUnsupported } from './channels/channel-field-text.ts';

/** A new inbox opens on its own page, where its channel is connected. */
function CreateInboxForm() {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const id = useId();
  const [name, setName] = useState('');
  const [channel, setChannel] = useState<string>('web_chat');
  const connectable = useResource((signal) => listChannels(account.id, signal), [account.id]);

  const { error, busy, handleSubmit } = useFormAction(async () => {
    const created = await createInbox(account.id, { name: name.trim(), channel });
    navigate(paths.inboxSettings(account.id, created.id));
  });
  const channelName = describeChannel(channel, t);
  const channelHint = !connectable.data
    ? null
    : connectable.data.some((item) => item.channel === channel)
      ? t('inboxes.channelHintConnect', { channel: channelName })
      : describeUnsupported(channel, channelName, t);

  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="panel-title">
        {t('inboxes.createHeading')}
      </h2>
      <form className="form" onSubmit={handleSubmit}>
        <ErrorNotice error={error} />
        <div className="form-row">
          <div className="field field-grow">
            <label htmlFor={`${id}-name`}>{t('inboxes.name')}</label>
            <input
              id={`${id}-name`}
              className="input"
              required
              maxLength={100}
              value={name}
              onChange={(event) => setName(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-channel`}>{t('inboxes.channel')}</label>
            <select
              id={`${id}-channel`}
              className="select"
              value={channel}
              aria-describedby={channelHint ? `${id}-channel-hint` : undefined}
              onChange={(event) => setChannel(event.target.value)}
            >
              {CHANNELS.map((option) => (
                <option key={option} value={option}>
                  {describeChannel(option, t)}
                </option>
              ))}
            </select>
            {channelHint ? (
              <p id={`${id}-channel-hint`} className="field-hint">
                {channelHint}
              </p>
            ) : null}
          </div>
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {t('inboxes.create')}
          </button>
        </div>
      </form>
    </section>
  );
}

export function InboxesPage() {
  const { t, formatNumber } = useI18n();
  const account = useCurrentAccount();
  const listId = useId();
  const inboxes = useResource((signal) => listInboxes(account.id, signal), [account.id], {
    accountId: account.id,
    events: ['inbox.*', 'member.*'],
  });
  const isAdmin = account.role === 'admin';

  return (
    <>
      <PageHeader title={t('settings.inboxes')} description={isAdmin ? t('inboxes.descriptionAdmin') : t('inboxes.descriptionAgent')} />
      <section className="panel" aria-labelledby={listId}>
        <h2 id={listId} className="panel-title">
          {isAdmin ? t('inboxes.allHeading') : t('inboxes.yoursHeading')}
        </h2>
        <ErrorNotice error={inboxes.error} />
        {inboxes.loading && !inboxes.data ? <LoadingState /> : null}
        {inboxes.data && inboxes.data.length === 0 ? <EmptyState title={t('inboxes.empty')} /> : null}
        {inboxes.data && inboxes.data.length > 0 ? (
          <ul className="plain-list inbox-list">
            {inboxes.data.map((inbox) => (
              <li key={inbox.id} className="inbox-row">
                <span className={`channel-dot channel-${inbox.channel}`} aria-hidden="true" />
                <span className="inbox-main">
                  {isAdmin ? (
                    <Link to={paths.inboxSettings(account.id, inbox.id)} className="inbox-name inbox-settings-link">
                      {inbox.name}
                    </Link>
                  ) : (
                    <span className="inbox-name">{inbox.name}</span>
                  )}
                  <span className="inbox-channel">{describeChannel(inbox.channel, t)}</span>
                </span>
                <span className="inbox-count">{t('inboxes.memberCount', { count: formatNumber(inbox.memberCount) })}</span>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      {isAdmin ? <CreateInboxForm /> : null}
    </>
  );
}
