import { getConversation } from '../api/endpoints.ts';
import type { Message } from '../api/types.ts';
import { PriorityBadge, StatusBadge } from '../components/badge.tsx';
import { describeChannel } from '../components/channel-label.ts';
import { ErrorNotice } from '../components/error-notice.tsx';
import { ChevronLeftIcon } from '../components/icons.tsx';
import { LoadingState } from '../components/loading-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { DateTime } from '../components/time-text.tsx';
import { useCurrentAccount } from '../hooks/use-current-account.ts';
import { useResource } from '../hooks/use-resource.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { Link } from '../router/link.tsx';
import { paths } from '../routes/paths.ts';
import { CONVERSATION_EVENTS } from './conversations-page.tsx';

function MessageBubble({ message, contactName }: { message: Message; contactName: string }) {
  const { t } = useI18n();
  const author =
    message.authorName ?? (message.direction === 'inbound' ? contactName : t('conversation.unknownAuthor'));
  return (
    <li className={`message message-${message.direction}`}>
      <div className="message-head">
        <span className="message-author">{author}</span>
        {message.direction === 'note' ? <span className="badge badge-note">{t('conversation.note')}</span> : null}
        <span className="message-time">
          <DateTime iso={message.createdAt} />
        </span>
      </div>
      <div className="message-body">{message.body}</div>
    </li>
  );
}

export function ConversationPage({ conversationId }: { conversationId: string }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const conversation = useResource(
    (signal) => getConversation(account.id, conversationId, signal),
    [account.id, conversationId],
    { accountId: account.id, events: CONVERSATION_EVENTS },
  );
  const data = conversation.data;
  const backLink = (
    <Link to={paths.conversations(account.id)} className="back-link">
      <ChevronLeftIcon />
      {t('conversation.back')}
    </Link>
  );

  if (!data) {
    return (
      <>
        <PageHeader title={t('conversation.title')} before={backLink} />
        <ErrorNotice error={conversation.error} />
        {conversation.loading ? <LoadingState /> : null}
      </>
    );
  }

  return (
    <>
      <PageHeader
        before={backLink}
        title={`#${data.number} ${data.subject || t('conversations.noSubject')}`}
        description={
          <span className="conversation-meta">
            <StatusBadge status={data.status} />
            <PriorityBadge priority={data.priority} />
            <span className="meta-text">{describeChannel(data.channel, t)}</span>
          </span>
        }
      />
      <ErrorNotice error={conversation.error} />
      <div className="two-column">
        <section aria-labelledby="messages-heading" className="thread-panel">
          <h2 id="messages-heading" className="visually-hidden">
            {t('conversation.messages')}
          </h2>
          {data.messages.length === 0 ? <p className="muted">{t('conversation.noMessages')}</p> : null}
          <ol className="thread">
            {data.messages.map((message) => (
              <MessageBubble key={message.id} message={message} contactName={data.contact.name} />
            ))}
          </ol>
          <p className="notice notice-info composer-placeholder">{t('conversation.readOnly')}</p>
        </section>
        <aside className="side-panel" aria-labelledby="details-heading">
          <h2 id="details-heading" className="panel-title">
            {t('conversation.details')}
          </h2>
          <dl className="facts">
            <div>
              <dt>{t('conversation.contact')}</dt>
              <dd>
                <Link to={paths.contact(account.id, data.contact.id)}>{data.contact.name}</Link>
              </dd>
            </div>
            <div>
              <dt>{t('conversation.assignee')}</dt>
              <dd>{data.assignee ? data.assignee.name : t('conversations.unassigned')}</dd>
            </div>
            <div>
              <dt>{t('conversation.lastMessage')}</dt>
              <dd>
                <DateTime iso={data.lastMessageAt} />
              </dd>
            </div>
          </dl>
        </aside>
      </div>
    </>
  );
}
