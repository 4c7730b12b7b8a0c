import { listConversations } from '../api/endpoints.ts';
import { Avatar, PriorityBadge, StatusBadge } from '../components/badge.tsx';
import { describeChannel } from '../components/channel-label.ts';
import { ErrorNotice } from '../components/error-notice.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { LoadingState } from '../components/loading-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { RelativeTime } from '../components/time-text.tsx';
import { useCurrentAccount } from '../hooks/use-current-account.ts';
import { useResource } from '../hooks/use-resource.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { Link } from '../router/link.tsx';
import { useLocation } from '../router/use-location.ts';
import { paths } from '../routes/paths.ts';

const STATUS_FILTERS: { value: string | null; label: MessageKey }[] = [
  { value: null, label: 'conversations.filterAll' },
  { value: 'open', label: 'status.open' },
  { value: 'pending', label: 'status.pending' },
  { value: 'snoozed', label: 'status.snoozed' },
  { value: 'resolved', label: 'status.resolved' },
  { value: 'closed', label: 'status.closed' },
];

export const CONVERSATION_EVENTS = ['conversation.*', 'message.created'];

export function ConversationsPage() {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const { search } = useLocation();
  const status = search.get('status');
  const conversations = useResource(
    (signal) => listConversations(account.id, { status, limit: 100 }, signal),
    [account.id, status],
    { accountId: account.id, events: CONVERSATION_EVENTS },
  );

  return (
    <>
      <PageHeader title={t('conversations.title')} description={t('conversations.description')} />
      <nav aria-label={t('conversations.filterLabel')} className="segmented">
        <ul>
          {STATUS_FILTERS.map((filter) => (
            <li key={filter.label}>
              <Link
                to={paths.conversations(account.id, filter.value)}
                replace
                className="segmented-item"
                aria-current={status === filter.value ? 'page' : undefined}
              >
                {t(filter.label)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <ErrorNotice error={conversations.error} />
      {conversations.loading && !conversations.data ? <LoadingState /> : null}
      {conversations.data && conversations.data.items.length === 0 ? (
        <EmptyState title={t('conversations.empty')} />
      ) : null}
      {conversations.data && conversations.data.items.length > 0 ? (
        <ul className="list-card conversation-list">
          {conversations.data.items.map((conversation) => (
            <li key={conversation.id}>
              <Link to={paths.conversation(account.id, conversation.id)} className="conversation-row">
                <Avatar name={conversation.contact.name} />
                <span className="conversation-main">
                  <span className="conversation-top">
                    <span className="conversation-contact">{conversation.contact.name}</span>
                    <span className="conversation-time">
                      <RelativeTime iso={conversation.lastMessageAt} />
                    </span>
                  </span>
                  <span className="conversation-subject">
                    <span className="muted">#{conversation.number}</span> {conversation.subject || t('conversations.noSubject')}
                  </span>
                  {conversation.preview ? <span className="conversation-preview">{conversation.preview}</span> : null}
                  <span className="conversation-meta">
                    <StatusBadge status={conversation.status} />
                    <PriorityBadge priority={conversation.priority} />
                    <span className="meta-text">{describeChannel(conversation.channel, t)}</span>
                    <span className="meta-text">
                      {conversation.assignee
                        ? t('conversations.assignedTo', { name: conversation.assignee.name })
                        : t('conversations.unassigned')}
                    </span>
                  </span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
