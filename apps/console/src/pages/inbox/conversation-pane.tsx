import { CustomerOrders } from '../commerce/commerce-parts.tsx';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { isApiError } from '../../api/api-error.ts';
import { getContact } from '../../api/endpoints.ts';
import {
  cancelScheduledMessage, getContactTimeline, getConversationSla, getInboxConversation, listCustomStatuses, listTeams,
  markConversationRead, setConversationLabels, updateConversation,
} from '../../api/inbox-endpoints.ts';
import type { ConversationPatch, Label, Member, Message, Priority } from '../../api/types.ts';
import { PriorityBadge, StatusBadge } from '../../components/badge.tsx';
import { describeChannel } from '../../components/channel-label.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { ChevronLeftIcon } from '../../components/icons.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { DateTime, RelativeTime } from '../../components/time-text.tsx';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useResource } from '../../hooks/use-resource.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { useRealtimeConnection } from '../../realtime/realtime-context.tsx';
import { navigate } from '../../router/history.ts';
import { Link } from '../../router/link.tsx';
import { paths } from '../../routes/paths.ts';
import { useMe } from '../../session/session-context.tsx';
import { answersComment } from './comment-reply-mode.tsx';
import { Composer, type ComposerHandle } from './composer.tsx';
import { computeSnoozeUntil, isTypingTarget, PRIORITIES, toLocalInputValue } from './inbox-state.ts';
import { MessageAttachments } from './message-attachments.tsx';
import { DeliveryStatus, MessageChannelData } from './message-delivery.tsx';
import { useMessageUpdates } from './use-message-updates.ts';
import { useNewestInView } from './use-newest-in-view.ts';
import { MergeDialog } from './merge-dialog.tsx';
import { MergedConversation } from './merged-conversation.tsx';
import { SplitBar, SplitDialog, SplitMessageControl } from './split-conversation.tsx';
import { MessageReactions } from './message-reactions.tsx';
import { WhatsAppWindowBar } from './whatsapp-templates.tsx';
import { DelightAction } from '../engagement/delight/delight-action.tsx';
import { BotActivity } from './bot-activity.tsx';

// `message.updated` is handled by useMessageUpdates, for this conversation only.
const THREAD_EVENTS = ['conversation.updated', 'conversation.merged', 'conversation.split', 'message.created', 'conversation.read'];

interface PresenceEntry {
  name: string;
  state: 'viewing' | 'typing';
}

function usePresence(conversationId: string, myUserId: string) {
  const connection = useRealtimeConnection();
  const [others, setOthers] = useState<Record<string, PresenceEntry>>({});

  useEffect(() => {
    if (!connection) return;
    const announce = (state: 'viewing' | 'typing' | 'idle') => connection.send({ type: 'presence', conversationId, state });
    // Saying "viewing" on open (and on every reconnect) makes the server answer with who is already here.
    announce('viewing');
    const unsubscribeStatus = connection.subscribeStatus((status) => {
      if (status !== 'open') return;
      // Who left while the socket was down is unknown: start again from the server's snapshot.
      setOthers({});
      announce('viewing');
    });
    const unsubscribe = connection.subscribe((signal) => {
      if (signal.kind !== 'event' || signal.event.type !== 'presence.changed') return;
      const payload = signal.event.payload as { conversationId?: string; userId?: string; name?: string; state?: string };
      if (payload.conversationId !== conversationId || !payload.userId || payload.userId === myUserId) return;
      const userId = payload.userId;
      setOthers((previous) => {
        const next = { ...previous };
        if (payload.state === 'viewing' || payload.state === 'typing') next[userId] = { name: payload.name ?? '', state: payload.state };
        else delete next[userId];
        return next;
      });
    });
    return () => {
      unsubscribe();
      unsubscribeStatus();
      announce('idle');
    };
  }, [connection, conversationId, myUserId]);

  const lastTyping = useRef(0);
  const typingTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const reportTyping = useCallback(() => {
    if (!connection) return;
    const now = Date.now();
    if (now - lastTyping.current > 3000) {
      lastTyping.current = now;
      connection.send({ type: 'presence', conversationId, state: 'typing' });
    }
    if (typingTimer.current) clearTimeout(typingTimer.current);
    typingTimer.current = setTimeout(() => {
      lastTyping.current = 0;
      connection.send({ type: 'presence', conversationId, state: 'viewing' });
    }, 5000);
  }, [connection, conversationId]);
  useEffect(() => () => {
    if (typingTimer.current) clearTimeout(typingTimer.current);
  }, []);

  return { others: Object.values(others), reportTyping };
}

function MessageItem({ message, conversationId, conversationSubject, contactName, onCancel, onRetried, actions }: {
  message: Message;
  conversationId: string;
  conversationSubject: string;
  contactName: string;
  onCancel(): void;
  onRetried(): void;
  actions?: ReactNode;
}) {
  const { t, formatDateTime } = useI18n();
  const automation = message.automation;
  const author = automation
    ? automation.ruleName ? t('conversation.automationAuthor', { name: automation.ruleName }) : t('conversation.automation')
    : message.channelData?.bot === true ? t('bot.activityTitle')
      : message.authorName || (message.direction === 'inbound' ? contactName : t('conversation.unknownAuthor'));
  const scheduled = message.status === 'scheduled';
  return (
    <li className={`message message-${message.direction}${scheduled ? ' message-scheduled' : ''}${message.deliveryStatus === 'failed' ? ' message-delivery-failed' : ''}`}>
      <div className="message-head">
        <span className="message-author">{author}</span>
        {message.direction === 'note' ? <span className="badge badge-note">{t('conversation.note')}</span> : null}
        <span className="message-time">
          <DateTime iso={message.createdAt} />
        </span>
        {actions}
      </div>
      {message.body ? <div className="message-body">{message.body}</div> : null}
      <MessageAttachments attachments={message.attachments ?? []} />
      <MessageChannelData message={message} conversationSubject={conversationSubject} />
      <DeliveryStatus conversationId={conversationId} message={message} onRetried={onRetried} />
      <MessageReactions message={message} />
      {scheduled ? (
        <div className="message-scheduled-row">
          <span>{t('inbox.scheduledFor', { time: formatDateTime(message.scheduledFor) })}</span>
          <button type="button" className="button button-ghost button-small" onClick={onCancel}>
            {t('inbox.cancelScheduled')}
          </button>
        </div>
      ) : null}
    </li>
  );
}

function ContactPanel({ contactId, conversationId }: { contactId: string; conversationId: string }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const contact = useResource((signal) => getContact(account.id, contactId, signal), [account.id, contactId]);
  const timeline = useResource((signal) => getContactTimeline(account.id, contactId, signal), [account.id, contactId], {
    accountId: account.id,
    events: ['conversation.created', 'order.*', 'return.*'],
  });
  const data = contact.data;
  return (
    <section id="inbox-contact" className="inbox-contact" aria-labelledby="inbox-contact-heading">
      <h2 id="inbox-contact-heading" className="panel-title">{t('conversation.contact')}</h2>
      <ErrorNotice error={contact.error} />
      {data ? (
        <>
          <p className="inbox-contact-name">
            <Link to={paths.contact(account.id, data.id)}>{data.name}</Link>
          </p>
          <dl className="facts">
            <div><dt>{t('contact.email')}</dt><dd>{data.email ?? '—'}</dd></div>
            <div><dt>{t('contact.phone')}</dt><dd>{data.phone ?? '—'}</dd></div>
            <div><dt>{t('contact.language')}</dt><dd>{data.locale ?? '—'}</dd></div>
          </dl>
          <h3 className="panel-subtitle">{t('contact.orders')}</h3>
          <CustomerOrders contactId={data.id} source="agent" compact />
          <DelightAction conversationId={conversationId} />
        </>
      ) : null}
      {timeline.data ? (
        <>
          <h3 className="panel-subtitle">{t('inbox.timeline')}</h3>
          <ol className="inbox-contact-list">
            {timeline.data.slice(0, 12).map((item, index) => (
              <li key={`${item.kind}-${item.id ?? index}`}>
                <span>{item.summary ?? item.kind}</span> <span className="muted"><RelativeTime iso={item.at} /></span>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}

export function ConversationPane({
  conversationId, members, labels, backTo, onChanged,
}: { conversationId: string; members: Member[]; labels: Label[]; backTo: string; onChanged(): void }) {
  const { t, formatDateTime } = useI18n();
  const account = useCurrentAccount();
  const me = useMe();
  const conversation = useResource((signal) => getInboxConversation(account.id, conversationId, signal), [account.id, conversationId], {
    accountId: account.id,
    events: THREAD_EVENTS,
  });
  const sla = useResource((signal) => getConversationSla(account.id, conversationId, signal), [account.id, conversationId], {
    accountId: account.id,
    events: ['conversation.updated', 'conversation.merged', 'conversation.split', 'message.created', 'sla.*'],
  });
  useMessageUpdates(account.id, conversationId, conversation.reload);
  const statuses = useResource((signal) => listCustomStatuses(account.id, signal), [account.id]);
  const teams = useResource((signal) => listTeams(account.id, signal), [account.id]);
  const [actionError, setActionError] = useState<unknown>(null);
  const [snoozeCustom, setSnoozeCustom] = useState(false);
  const [showContact, setShowContact] = useState(false);
  const [snoozeValue, setSnoozeValue] = useState(() => toLocalInputValue(computeSnoozeUntil('tomorrow')));
  const [splitChoice, setSplitChoice] = useState<Set<string> | null>(null);
  const [dialog, setDialog] = useState<'merge' | 'split' | null>(null);
  const composer = useRef<ComposerHandle>(null);
  const presence = usePresence(conversationId, me.user.id);
  const data = conversation.data;
  const titleRef = useRef<HTMLHeadingElement>(null);
  const threadRef = useRef<HTMLOListElement>(null);
  useNewestInView(threadRef, data?.messages.length ?? 0);
  const focusedOnce = useRef(false);
  // Opening a conversation from the list (or with j/k) moves focus to its title, so screen readers announce it.
  useEffect(() => {
    if (!data || focusedOnce.current) return;
    focusedOnce.current = true;
    const active = document.activeElement;
    if (!active || active === document.body || active.closest('.inbox-list, .inbox-views, .inbox-conversation')) {
      titleRef.current?.focus({ preventScroll: true });
    }
  }, [data]);
  const unread = data?.unreadCount ?? 0;

  useEffect(() => {
    if ((unread > 0 || data) && !data?.mergedInto) void markConversationRead(account.id, conversationId).catch(() => undefined);
    // Read once when opened and again whenever new messages arrive while it is open.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [account.id, conversationId, data?.messages.length]);

  const patch = useCallback(
    async (changes: ConversationPatch) => {
      setActionError(null);
      try {
        await updateConversation(account.id, conversationId, changes);
        conversation.reload();
        onChanged();
      } catch (error) {
        setActionError(error);
      }
    },
    [account.id, conversationId, conversation, onChanged],
  );

  // r, n, e, a — only when focus is not in a field. `/` is the app-wide search; canned replies open with `/` typed
  // into an empty reply.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.metaKey || event.ctrlKey || event.altKey || isTypingTarget(event.target)) return;
      if (document.querySelector('dialog[open]')) return;
      if (event.key === 'r') {
        event.preventDefault();
        composer.current?.focus('reply');
      } else if (event.key === 'n') {
        event.preventDefault();
        composer.current?.focus('note');
      } else if (event.key === 'e') {
        void patch({ status: 'resolved' });
      } else if (event.key === 'a') {
        void patch({ assigneeId: me.user.id });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [patch, me.user.id]);

  if (!data) {
    return (
      <div className="conversation-pane">
        <Link to={backTo} className="back-link inbox-back"><ChevronLeftIcon />{t('inbox.backToList')}</Link>
        <ErrorNotice error={conversation.error} />
        {conversation.loading ? <LoadingState /> : null}
      </div>
    );
  }

  if (data.mergedInto) return <MergedConversation conversation={data} backTo={backTo} />;

  /** After a merge or split the work goes on in the other conversation: open it, keeping the list's filters. */
  const openOther = (id: string) => {
    onChanged();
    navigate(paths.conversation(account.id, id) + window.location.search);
  };
  const toggleSplitChoice = (messageId: string) =>
    setSplitChoice((previous) => {
      const next = new Set(previous);
      if (next.has(messageId)) next.delete(messageId);
      else next.add(messageId);
      return next;
    });

  const onStatusChange = (value: string) => {
    if (value === 'snooze:custom') {
      setSnoozeCustom(true);
      return;
    }
    if (value.startsWith('snooze:')) {
      const preset = value.slice('snooze:'.length) as 'hour' | 'tomorrow' | 'nextWeek';
      void patch({ status: 'snoozed', snoozedUntil: computeSnoozeUntil(preset).toISOString() });
      return;
    }
    if (value.startsWith('custom:')) {
      const custom = statuses.data?.find((status) => status.id === value.slice('custom:'.length));
      if (custom) void patch({ status: custom.category, customStatusId: custom.id });
      return;
    }
    void patch({ status: value, customStatusId: null });
  };
  const customStatus = statuses.data?.find((status) => status.id === data.customStatusId);
  const statusValue = data.customStatusId ? `custom:${data.customStatusId}` : data.status;
  const assignedElsewhere = data.assignee && data.assignee.id !== me.user.id ? data.assignee : null;
  const slaTargets = (sla.data?.targets ?? []).filter((target) => target.state !== 'met');

  return (
    <div className={`conversation-pane${splitChoice ? ' is-choosing-split' : ''}`}>
      <header className="conversation-header">
        <Link to={backTo} className="back-link inbox-back"><ChevronLeftIcon />{t('inbox.backToList')}</Link>
        <h2 className="conversation-title" id="conversation-title" ref={titleRef} tabIndex={-1}>
          <span className="muted">#{data.number}</span> {data.subject || t('conversations.noSubject')}
        </h2>
        <p className="conversation-subline">
          <span>{data.contact.name}</span>
          <span className="channel-chip">{describeChannel(data.channel, t)}</span>
          <StatusBadge status={data.status} />
          {customStatus ? <span className="badge badge-status-other">{customStatus.name}</span> : null}
          <PriorityBadge priority={data.priority} />
          {data.status === 'snoozed' && data.snoozedUntil ? (
            <span className="muted">{t('inbox.snoozedUntil', { time: formatDateTime(data.snoozedUntil) })}</span>
          ) : null}
          {slaTargets.map((target) => (
            <span key={target.target} className={`badge sla-badge sla-${target.state}`}>
              {t(`sla.${target.target}` as MessageKey)}: {t(`sla.state.${target.state}` as MessageKey)}
              {target.dueAt && target.state !== 'breached' ? <> · <RelativeTime iso={target.dueAt} /></> : null}
            </span>
          ))}
        </p>
        <div className="conversation-controls">
          <label className="control">
            <span className="field-label-small">{t('inbox.status')}</span>
            <select className="select select-small" value={statusValue} onChange={(event) => onStatusChange(event.target.value)}>
              {['open', 'pending', 'resolved', 'closed'].map((status) => (
                <option key={status} value={status}>{t(`status.${status}` as MessageKey)}</option>
              ))}
              {data.status === 'snoozed' ? <option value="snoozed">{t('status.snoozed')}</option> : null}
              <optgroup label={t('inbox.snooze')}>
                <option value="snooze:hour">{t('inbox.snoozeHour')}</option>
                <option value="snooze:tomorrow">{t('inbox.snoozeTomorrow')}</option>
                <option value="snooze:nextWeek">{t('inbox.snoozeNextWeek')}</option>
                <option value="snooze:custom">{t('inbox.snoozeCustom')}</option>
              </optgroup>
              {statuses.data && statuses.data.length > 0 ? (
                <optgroup label={t('inbox.customStatuses')}>
                  {statuses.data.map((status) => (
                    <option key={status.id} value={`custom:${status.id}`}>{status.name}</option>
                  ))}
                </optgroup>
              ) : null}
            </select>
          </label>
          <label className="control">
            <span className="field-label-small">{t('inbox.priority')}</span>
            <select className="select select-small" value={data.priority} onChange={(event) => void patch({ priority: event.target.value as Priority })}>
              {PRIORITIES.map((priority) => (
                <option key={priority} value={priority}>{t(`priority.${priority}` as MessageKey)}</option>
              ))}
            </select>
          </label>
          <label className="control">
            <span className="field-label-small">{t('conversation.assignee')}</span>
            <select className="select select-small" value={data.assignee?.id ?? ''} onChange={(event) => void patch({ assigneeId: event.target.value || null })}>
              <option value="">{t('conversations.unassigned')}</option>
              {data.assignee && !members.some((member) => member.userId === data.assignee?.id) ? (
                <option value={data.assignee.id}>{data.assignee.name}</option>
              ) : null}
              {members.map((member) => (
                <option key={member.userId} value={member.userId}>{member.name}</option>
              ))}
            </select>
          </label>
          {teams.data && teams.data.length > 0 ? (
            <label className="control">
              <span className="field-label-small">{t('inbox.team')}</span>
              <select className="select select-small" value={data.teamId ?? ''} onChange={(event) => void patch({ teamId: event.target.value || null })}>
                <option value="">{t('inbox.noTeam')}</option>
                {teams.data.map((team) => (
                  <option key={team.id} value={team.id}>{team.name}</option>
                ))}
              </select>
            </label>
          ) : null}
          <button
            type="button"
            className="button button-ghost button-small contact-toggle"
            aria-expanded={showContact}
            aria-controls="inbox-contact"
            onClick={() => setShowContact((value) => !value)}
          >
            {t('inbox.contactDetails')}
          </button>
          <button type="button" className="button button-ghost button-small" aria-haspopup="dialog" onClick={() => setDialog('merge')}>
            {t('merge.open')}
          </button>
          {data.status !== 'resolved' ? (
            <button type="button" className="button button-secondary button-small" onClick={() => void patch({ status: 'resolved', customStatusId: null })}>
              {t('inbox.resolve')}
            </button>
          ) : null}
        </div>
        {snoozeCustom ? (
          <form
            className="snooze-custom"
            onSubmit={(event) => {
              event.preventDefault();
              const until = new Date(snoozeValue);
              if (Number.isNaN(until.getTime())) return;
              setSnoozeCustom(false);
              void patch({ status: 'snoozed', snoozedUntil: until.toISOString() });
            }}
          >
            <label className="field-label-small" htmlFor="snooze-until">{t('inbox.snoozeUntilLabel')}</label>
            <input id="snooze-until" type="datetime-local" className="input" value={snoozeValue} onChange={(event) => setSnoozeValue(event.target.value)} required />
            <button type="submit" className="button button-primary button-small">{t('inbox.snooze')}</button>
            <button type="button" className="button button-ghost button-small" onClick={() => setSnoozeCustom(false)}>{t('common.cancel')}</button>
          </form>
        ) : null}
        {labels.length > 0 ? (
          <fieldset className="label-picker">
            <legend className="field-label-small">{t('inbox.labels')}</legend>
            {labels.map((label) => {
              const checked = data.labels.some((item) => item.id === label.id);
              return (
                <label key={label.id} className="label-toggle" style={{ borderColor: label.color }}>
                  <input
                    type="checkbox"
                    checked={checked}
                    onChange={() => {
                      const ids = data.labels.map((item) => item.id).filter((id) => id !== label.id);
                      void setConversationLabels(account.id, conversationId, checked ? ids : [...ids, label.id])
                        .then(() => {
                          conversation.reload();
                          onChanged();
                        })
                        .catch(setActionError);
                    }}
                  />
                  {label.name}
                </label>
              );
            })}
          </fieldset>
        ) : null}
        <ErrorNotice error={actionError} />
      </header>

      <div className={`conversation-body${showContact ? ' show-contact' : ''}`}>
        <section className="thread-scroll" aria-labelledby="conversation-title">
          <h3 className="visually-hidden">{t('conversation.messages')}</h3>
          {splitChoice ? <SplitBar count={splitChoice.size} total={data.messages.length} onSplit={() => setDialog('split')} onCancel={() => setSplitChoice(null)} /> : null}
          <BotActivity conversationId={conversationId} status={data.status} messages={data.messages} />
          <ol ref={threadRef} className="thread" aria-live="polite" aria-relevant="additions">
            {data.messages.map((message) => (
              <MessageItem
                key={message.id}
                message={message}
                conversationId={conversationId}
                conversationSubject={data.subject}
                contactName={data.contact.name}
                onRetried={() => conversation.reload()}
                actions={data.messages.length > 1 ? (
                  <SplitMessageControl
                    choosing={splitChoice !== null}
                    chosen={splitChoice?.has(message.id) ?? false}
                    author={message.authorName || data.contact.name}
                    onStart={() => setSplitChoice(new Set([message.id]))}
                    onToggle={() => toggleSplitChoice(message.id)}
                  />
                ) : null}
                onCancel={() => {
                  void cancelScheduledMessage(account.id, conversationId, message.id)
                    .then(() => conversation.reload())
                    .catch(setActionError);
                }}
              />
            ))}
          </ol>
        </section>
        <ContactPanel contactId={data.contact.id} conversationId={conversationId} />
      </div>

      <div className="presence-line" role="status" aria-live="polite">
        {presence.others.map((other) =>
          other.state === 'typing' ? t('inbox.presenceTyping', { name: other.name }) : t('inbox.presenceViewing', { name: other.name }),
        ).join(' · ')}
      </div>
      <Composer
        ref={composer}
        notice={data.channel === 'whatsapp' ? (
          <WhatsAppWindowBar
            conversationId={conversationId}
            messageCount={data.messages.length}
            onSent={() => {
              conversation.reload();
              onChanged();
            }}
          />
        ) : null}
        conversationId={conversationId}
        members={members}
        assignedElsewhere={assignedElsewhere}
        answersComment={answersComment(data.messages)}
        onTyping={presence.reportTyping}
        onSent={() => {
          conversation.reload();
          onChanged();
        }}
        onError={(error) => setActionError(isApiError(error) ? error : error)}
      />
      {dialog === 'merge' ? <MergeDialog conversation={data} onClose={() => setDialog(null)} onMerged={openOther} /> : null}
      {dialog === 'split' && splitChoice ? (
        <SplitDialog conversation={data} messageIds={[...splitChoice]} onClose={() => setDialog(null)} onSplit={openOther} />
      ) : null}
    </div>
  );
}
