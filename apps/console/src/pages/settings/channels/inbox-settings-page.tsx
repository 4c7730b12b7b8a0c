import { listInboxes } from '../../../api/endpoints.ts';
import { describeChannel } from '../../../components/channel-label.ts';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { ChevronLeftIcon } from '../../../components/icons.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useCurrentAccount } from '../../../hooks/use-current-account.ts';
import { useResource } from '../../../hooks/use-resource.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { Link } from '../../../router/link.tsx';
import { paths } from '../../../routes/paths.ts';
import { ChannelPanel } from './channel-panel.tsx';

/** One inbox's settings (admins): its channel and how it is connected. */
export function InboxSettingsPage({ inboxId }: { inboxId: string }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const inboxes = useResource((signal) => listInboxes(account.id, signal), [account.id], { accountId: account.id, events: ['inbox.*'] });
  const inbox = inboxes.data?.find((candidate) => candidate.id === inboxId) ?? null;
  const back = (
    <Link to={paths.settings(account.id, 'inboxes')} className="back-link">
      <ChevronLeftIcon />
      {t('settings.inboxes')}
    </Link>
  );

  if (!inbox) {
    return (
      <>
        <PageHeader title={inboxes.data ? t('inboxSettings.notFound') : t('settings.inboxes')} before={back} />
        <ErrorNotice error={inboxes.error} />
        {inboxes.loading ? <LoadingState /> : null}
        {inboxes.data ? <EmptyState title={t('inboxSettings.notFoundBody')} /> : null}
      </>
    );
  }
  return (
    <>
      <PageHeader title={inbox.name} description={t('inboxSettings.description', { channel: describeChannel(inbox.channel, t) })} before={back} />
      <ChannelPanel inbox={inbox} />
    </>
  );
}
