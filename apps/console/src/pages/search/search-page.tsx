import { Fragment, useId, useMemo, type ReactNode } from 'react';
import { SEARCH_PAGE_LIMIT, searchEverything } from '../../api/inbox-endpoints.ts';
import type { ContactSearchHit, InboxConversation, MessageSearchHit, SearchResults } from '../../api/types.ts';
import { Avatar, PriorityBadge, StatusBadge } from '../../components/badge.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { RelativeTime } from '../../components/time-text.tsx';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useResource } from '../../hooks/use-resource.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Link } from '../../router/link.tsx';
import { useLocation } from '../../router/use-location.ts';
import { paths } from '../../routes/paths.ts';
import { splitHighlights } from './highlight.ts';

/** `text` with the words of `query` in `<mark>`, built from text nodes (never as HTML). */
function Highlighted({ text, query }: { text: string; query: string }) {
  const parts = useMemo(() => splitHighlights(text, query), [text, query]);
  return (
    <>
      {parts.map((part, index) => (part.marked ? <mark key={index}>{part.text}</mark> : <Fragment key={index}>{part.text}</Fragment>))}
    </>
  );
}

/** "Showing results for <b>refund</b>": the translated sentence, with the corrected words in bold wherever it puts them. */
function CorrectedQuery({ typed, corrected }: { typed: string; corrected: string }) {
  const { t } = useI18n();
  const slot = '\u0000';
  const [before = '', after = ''] = t('search.correctedTo', { query: slot }).split(slot);
  return (
    <p className="search-corrected">
      {before}
      <b>{corrected}</b>
      {after}
      <span className="search-corrected-note">{t('search.correctedFrom', { query: typed })}</span>
    </p>
  );
}

function ResultSection({ title, count, children }: { title: string; count: number; children: ReactNode }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <section className="search-section" aria-labelledby={id}>
      <h2 id={id} className="section-title">
        {title} <span className="search-section-count">{count}</span>
      </h2>
      <ul className="list-card search-list">{children}</ul>
      {count >= SEARCH_PAGE_LIMIT ? <p className="field-hint search-first-only">{t('search.firstOnly', { count })}</p> : null}
    </section>
  );
}

function ConversationResult({ conversation, query }: { conversation: InboxConversation; query: string }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  return (
    <li>
      <Link to={paths.conversation(account.id, conversation.id)} className="search-row">
        <span className="search-row-top">
          <span className="search-row-title">
            <span className="muted">#{conversation.number}</span> <Highlighted text={conversation.subject || t('conversations.noSubject')} query={query} />
          </span>
          <span className="search-row-time">
            <RelativeTime iso={conversation.lastMessageAt} />
          </span>
        </span>
        <span className="search-row-meta">
          <span className="search-row-contact">
            <Highlighted text={conversation.contact.name} query={query} />
          </span>
          <StatusBadge status={conversation.status} />
          <PriorityBadge priority={conversation.priority} />
        </span>
      </Link>
    </li>
  );
}

function MessageDirection({ direction }: { direction: string }) {
  const { t } = useI18n();
  if (direction === 'note') return <span className="badge badge-note">{t('conversation.note')}</span>;
  if (direction === 'inbound') return <span className="badge badge-direction">{t('search.inbound')}</span>;
  if (direction === 'outbound') return <span className="badge badge-direction">{t('search.outbound')}</span>;
  return null;
}

function MessageResult({ message, query }: { message: MessageSearchHit; query: string }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  return (
    <li>
      <Link to={paths.conversation(account.id, message.conversationId)} className={`search-row search-row-${message.direction}`}>
        <span className="search-row-top">
          <span className="search-row-title">
            <span className="muted">#{message.number}</span> {message.subject || t('conversations.noSubject')}
          </span>
          <span className="search-row-time">
            <RelativeTime iso={message.createdAt} />
          </span>
        </span>
        <span className="search-snippet">
          <MessageDirection direction={message.direction} /> <Highlighted text={message.snippet} query={query} />
        </span>
      </Link>
    </li>
  );
}

function ContactResult({ contact, query }: { contact: ContactSearchHit; query: string }) {
  const account = useCurrentAccount();
  const reach = [contact.email, contact.phone].filter(Boolean).join(' · ');
  return (
    <li>
      <Link to={paths.contact(account.id, contact.id)} className="contact-row">
        <Avatar name={contact.name} />
        <span className="contact-main">
          <span className="contact-name">
            <Highlighted text={contact.name} query={query} />
          </span>
          <span className="contact-sub">{reach ? <Highlighted text={reach} query={query} /> : '—'}</span>
        </span>
      </Link>
    </li>
  );
}

function countResults(data: SearchResults): number {
  return data.conversations.length + data.messages.length + data.contacts.length;
}

function SearchResultList({ query, data }: { query: string; data: SearchResults }) {
  const { t } = useI18n();
  // The results are for the corrected text when there is one, so that is what is highlighted.
  const matched = data.correctedQuery ?? query;
  const total = countResults(data);
  return (
    <>
      {data.correctedQuery ? <CorrectedQuery typed={query} corrected={data.correctedQuery} /> : null}
      {total === 0 ? (
        <EmptyState title={t('search.empty', { query })}>
          <p>{t('search.emptyHint')}</p>
        </EmptyState>
      ) : null}
      {data.conversations.length > 0 ? (
        <ResultSection title={t('search.conversations')} count={data.conversations.length}>
          {data.conversations.map((conversation) => (
            <ConversationResult key={conversation.id} conversation={conversation} query={matched} />
          ))}
        </ResultSection>
      ) : null}
      {data.messages.length > 0 ? (
        <ResultSection title={t('search.messages')} count={data.messages.length}>
          {data.messages.map((message) => (
            <MessageResult key={message.id} message={message} query={matched} />
          ))}
        </ResultSection>
      ) : null}
      {data.contacts.length > 0 ? (
        <ResultSection title={t('search.contacts')} count={data.contacts.length}>
          {data.contacts.map((contact) => (
            <ContactResult key={contact.id} contact={contact} query={matched} />
          ))}
        </ResultSection>
      ) : null}
    </>
  );
}

/**
 * `/a/:accountId/search?q=`: conversations, messages and contacts matching `q`, from the shell's search box. A new
 * query aborts the request for the previous one (useResource). A number that matches one conversation still lists it
 * here, with any messages and contacts that match too, rather than jumping to it.
 */
export function SearchPage() {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const { search } = useLocation();
  const query = (search.get('q') ?? '').trim();
  const results = useResource<SearchResults | null>(
    (signal) => (query ? searchEverything(account.id, query, signal) : Promise.resolve(null)),
    [account.id, query],
  );

  return (
    <div className="search-page">
      <PageHeader title={query ? t('search.titleFor', { query }) : t('search.title')} />
      {query ? null : (
        <EmptyState title={t('search.prompt')}>
          <p>{t('search.promptHint')}</p>
        </EmptyState>
      )}
      <p className="visually-hidden" role="status">
        {query && results.data ? t('search.resultCount', { count: countResults(results.data) }) : ''}
      </p>
      <ErrorNotice error={results.error} />
      {query && results.loading && !results.data ? <LoadingState /> : null}
      {query && results.data ? <SearchResultList query={query} data={results.data} /> : null}
    </div>
  );
}
