import type { InboxConversationDetail } from '../../api/types.ts';
import { StatusBadge } from '../../components/badge.tsx';
import { ChevronLeftIcon } from '../../components/icons.tsx';
import { DateTime } from '../../components/time-text.tsx';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Link } from '../../router/link.tsx';
import { paths } from '../../routes/paths.ts';

/**
 * A merged conversation is read-only: it says where it went, links there, and shows what it still holds (the note
 * the merge left). Status, assignment and the composer are gone, as the API would refuse them.
 */
export function MergedConversation({ conversation, backTo }: { conversation: InboxConversationDetail; backTo: string }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const target = conversation.mergedInto!;
  return (
    <div className="conversation-pane">
      <header className="conversation-header">
        <Link to={backTo} className="back-link inbox-back"><ChevronLeftIcon />{t('inbox.backToList')}</Link>
        <h2 className="conversation-title" id="conversation-title">
          <span className="muted">#{conversation.number}</span> {conversation.subject || t('conversations.noSubject')}
        </h2>
        <p className="conversation-subline">
          <span>{conversation.contact.name}</span>
          <StatusBadge status={conversation.status} />
        </p>
        <div className="notice notice-info merged-banner">
          <p className="notice-title">{t('merge.bannerTitle', { number: target.number })}</p>
          <p>{t('merge.bannerBody')}</p>
          <Link to={paths.conversation(account.id, target.id) + window.location.search} className="button button-secondary button-small">
            {t('merge.openTarget', { number: target.number })}
          </Link>
        </div>
      </header>
      <section className="thread-scroll" aria-labelledby="conversation-title">
        <h3 className="visually-hidden">{t('conversation.messages')}</h3>
        <ol className="thread">
          {conversation.messages.map((message) => (
            <li key={message.id} className={`message message-${message.direction}`}>
              <div className="message-head">
                <span className="message-author">{message.authorName || t('conversation.unknownAuthor')}</span>
                <span className="message-time"><DateTime iso={message.createdAt} /></span>
              </div>
              <div className="message-body">{message.body}</div>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
