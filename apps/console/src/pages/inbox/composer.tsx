import { type ReactNode, type RefObject, useEffect, useImperativeHandle, useLayoutEffect, useRef, useState, type DragEvent, type KeyboardEvent, type Ref } from 'react';
import { listCannedReplies, renderCannedReply, sendMessage } from '../../api/inbox-endpoints.ts';
import type { CannedReply, Member, PersonRef } from '../../api/types.ts';
import { PaperclipIcon } from '../../components/icons.tsx';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { type CommentReplyMode, CommentReplyModePicker } from './comment-reply-mode.tsx';
import { AttachmentChips, useComposerAttachments } from './composer-attachments.tsx';
import { computeSnoozeUntil, createClientKey, toLocalInputValue } from './inbox-state.ts';

const EMOJI = ['😀', '😊', '🙂', '😉', '😍', '🙏', '👍', '👌', '👏', '🎉', '❤️', '✨', '✅', '📦', '🚚', '⏰', '💡', '😢', '😅', '🤔'];

export interface ComposerHandle {
  focus(kind: 'reply' | 'note'): void;
  openCanned(): void;
}

type Popup = null | 'canned' | 'mention' | 'emoji';

export function Composer({
  ref, conversationId, members, assignedElsewhere, answersComment = false, onTyping, onSent, onError, notice = null,
}: {
  ref: Ref<ComposerHandle>;
  conversationId: string;
  members: Member[];
  assignedElsewhere: PersonRef | null;
  /** The customer last wrote a comment on a post: the reply answers it publicly or privately. */
  answersComment?: boolean;
  onTyping(): void;
  onSent(): void;
  onError(error: unknown): void;
  /** Shown above the tabs, as part of the composer (pinned with it on a phone): a channel's limits on replies. */
  notice?: ReactNode;
}) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const [kind, setKind] = useState<'reply' | 'note'>('reply');
  const [body, setBody] = useState('');
  const [mentions, setMentions] = useState<Member[]>([]);
  const [popup, setPopup] = useState<Popup>(null);
  const [cannedQuery, setCannedQuery] = useState('');
  const [canned, setCanned] = useState<CannedReply[]>([]);
  const [mentionQuery, setMentionQuery] = useState('');
  const [later, setLater] = useState(false);
  const [laterValue, setLaterValue] = useState(() => toLocalInputValue(computeSnoozeUntil('hour')));
  const [confirming, setConfirming] = useState(false);
  const [sending, setSending] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [replyMode, setReplyMode] = useState<CommentReplyMode>('public');
  // Each conversation starts with a public answer; a private one is a deliberate choice.
  useEffect(() => setReplyMode('public'), [conversationId]);
  const attachments = useComposerAttachments(account.id);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const cannedInput = useRef<HTMLInputElement>(null);

  const openCanned = () => {
    setPopup('canned');
    setCannedQuery('');
    requestAnimationFrame(() => cannedInput.current?.focus());
  };

  const root = useRef<HTMLDivElement>(null);
  useComposerHeight(root);
  useImperativeHandle(ref, () => ({
    focus(next) {
      setKind(next);
      requestAnimationFrame(() => textarea.current?.focus());
    },
    openCanned,
  }));

  useEffect(() => {
    if (popup !== 'canned') return;
    const controller = new AbortController();
    listCannedReplies(account.id, cannedQuery, controller.signal)
      .then(setCanned)
      .catch(() => undefined);
    return () => controller.abort();
  }, [popup, cannedQuery, account.id]);

  const closePopup = () => {
    setPopup(null);
    textarea.current?.focus();
  };

  const insertCanned = async (reply: CannedReply) => {
    try {
      const rendered = await renderCannedReply(account.id, conversationId, reply.id);
      setBody((previous) => (previous.trim() ? `${previous.trimEnd()}\n${rendered.body}` : rendered.body));
    } catch (error) {
      onError(error);
    }
    closePopup();
  };

  const insertMention = (member: Member) => {
    setBody((previous) => previous.replace(/@([^\s@]*)$/, `@${member.name} `));
    setMentions((previous) => (previous.some((item) => item.userId === member.userId) ? previous : [...previous, member]));
    closePopup();
  };

  const insertEmoji = (emoji: string) => {
    const element = textarea.current;
    const start = element?.selectionStart ?? body.length;
    const end = element?.selectionEnd ?? body.length;
    setBody(body.slice(0, start) + emoji + body.slice(end));
    closePopup();
  };

  const onChange = (value: string) => {
    onTyping();
    // `/` at the start of an empty composer opens the canned replies search.
    if (value === '/' && body === '') {
      openCanned();
      return;
    }
    setBody(value);
    const mention = kind === 'note' ? /(?:^|\s)@([^\s@]*)$/.exec(value) : null;
    if (mention) {
      setMentionQuery(mention[1] ?? '');
      setPopup('mention');
    } else if (popup === 'mention') {
      setPopup(null);
    }
  };

  const send = async (confirmed = false) => {
    const text = body.trim();
    if ((!text && attachments.attachmentIds.length === 0) || attachments.uploading || sending) return;
    if (kind === 'reply' && assignedElsewhere && !confirmed) {
      setConfirming(true);
      return;
    }
    setConfirming(false);
    setSending(true);
    try {
      const scheduledFor = kind === 'reply' && later ? new Date(laterValue) : null;
      const mentionUserIds = kind === 'note' ? mentions.filter((member) => text.includes(`@${member.name}`)).map((member) => member.userId) : [];
      await sendMessage(account.id, conversationId, {
        kind,
        body: text,
        clientKey: createClientKey(),
        ...(attachments.attachmentIds.length > 0 ? { attachmentIds: attachments.attachmentIds } : {}),
        ...(mentionUserIds.length > 0 ? { mentionUserIds } : {}),
        ...(scheduledFor && !Number.isNaN(scheduledFor.getTime()) ? { scheduledFor: scheduledFor.toISOString() } : {}),
        ...(kind === 'reply' && answersComment ? { channelOptions: { replyMode } } : {}),
      });
      setBody('');
      attachments.clear();
      setMentions([]);
      setLater(false);
      onSent();
    } catch (error) {
      onError(error);
    } finally {
      setSending(false);
    }
  };

  const mentionMatches = members.filter((member) => member.name.toLowerCase().includes(mentionQuery.toLowerCase())).slice(0, 8);

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && popup === 'mention' && mentionMatches[0]) {
      // Enter picks the first teammate shown; Tab reaches the others.
      event.preventDefault();
      insertMention(mentionMatches[0]);
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void send();
    } else if (event.key === 'Escape') {
      if (popup) setPopup(null);
      else textarea.current?.blur();
      event.stopPropagation();
    }
  };

  const hasFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');
  const canSend = (body.trim() !== '' || attachments.attachmentIds.length > 0) && !attachments.uploading && !sending;

  return (
    <div
      ref={root}
      className={`composer composer-${kind}${dragging ? ' composer-dragging' : ''}`}
      onDragOver={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        setDragging(false);
        attachments.add(event.dataTransfer.files);
      }}
    >
      {notice}
      <div className="composer-tabs" role="tablist" aria-label={t('inbox.composer')}>
        {(['reply', 'note'] as const).map((value) => (
          <button
            key={value}
            type="button"
            role="tab"
            id={`composer-tab-${value}`}
            aria-selected={kind === value}
            aria-controls="composer-panel"
            className="composer-tab"
            onClick={() => {
              setKind(value);
              textarea.current?.focus();
            }}
          >
            {value === 'reply' ? t('inbox.reply') : t('inbox.note')}
          </button>
        ))}
      </div>
      <div id="composer-panel" role="tabpanel" aria-labelledby={`composer-tab-${kind}`} className="composer-panel">
        {kind === 'reply' && answersComment ? <CommentReplyModePicker value={replyMode} onChange={setReplyMode} /> : null}
        <label htmlFor="composer-text" className="visually-hidden">
          {kind === 'reply' ? t('inbox.replyLabel') : t('inbox.noteLabel')}
        </label>
        <textarea
          id="composer-text"
          ref={textarea}
          className="textarea composer-text"
          rows={3}
          value={body}
          placeholder={kind === 'reply' ? t('inbox.replyPlaceholder') : t('inbox.notePlaceholder')}
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={onKeyDown}
          onPaste={(event) => {
            if (event.clipboardData.files.length === 0) return;
            event.preventDefault();
            attachments.add(event.clipboardData.files);
          }}
        />
        {dragging ? <p className="composer-drop-hint" aria-hidden="true">{t('inbox.dropFiles')}</p> : null}
        <AttachmentChips files={attachments.files} onRemove={attachments.remove} />
        {popup === 'canned' ? (
          <div className="composer-popup" onKeyDown={(event) => event.key === 'Escape' && closePopup()}>
            <label htmlFor="canned-search" className="field-label-small">{t('inbox.cannedSearch')}</label>
            <input
              id="canned-search"
              ref={cannedInput}
              type="search"
              className="input"
              value={cannedQuery}
              onChange={(event) => setCannedQuery(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && canned[0]) {
                  event.preventDefault();
                  void insertCanned(canned[0]);
                }
              }}
            />
            {canned.length === 0 ? <p className="muted">{t('inbox.cannedEmpty')}</p> : null}
            <ul className="popup-list" aria-label={t('inbox.cannedReplies')}>
              {canned.map((reply) => (
                <li key={reply.id}>
                  <button type="button" className="popup-option" onClick={() => void insertCanned(reply)}>
                    <span className="popup-option-title">/{reply.shortcut} · {reply.title}</span>
                    <span className="muted">{reply.body.slice(0, 80)}</span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {popup === 'mention' && mentionMatches.length > 0 ? (
          <div className="composer-popup">
            <ul className="popup-list" aria-label={t('inbox.mentionPicker')}>
              {mentionMatches.map((member) => (
                <li key={member.userId}>
                  <button type="button" className="popup-option" onClick={() => insertMention(member)}>
                    {member.name}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {popup === 'emoji' ? (
          <div className="composer-popup emoji-grid" role="group" aria-label={t('inbox.emoji')}>
            {EMOJI.map((emoji) => (
              <button key={emoji} type="button" className="emoji-button" onClick={() => insertEmoji(emoji)} aria-label={emoji}>
                {emoji}
              </button>
            ))}
          </div>
        ) : null}
        {confirming && assignedElsewhere ? (
          <div className="notice notice-info composer-confirm" role="alertdialog" aria-label={t('inbox.assignedConfirm', { name: assignedElsewhere.name })}>
            <span>{t('inbox.assignedConfirm', { name: assignedElsewhere.name })}</span>
            <button type="button" className="button button-primary button-small" onClick={() => void send(true)} autoFocus>
              {t('inbox.replyAnyway')}
            </button>
            <button type="button" className="button button-ghost button-small" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </div>
        ) : null}
        <div className="composer-actions">
          <button type="button" className="button button-ghost button-small" aria-expanded={popup === 'emoji'} onClick={() => setPopup(popup === 'emoji' ? null : 'emoji')}>
            <span aria-hidden="true">😀</span> {t('inbox.emoji')}
          </button>
          <button type="button" className="button button-ghost button-small" onClick={openCanned}>
            {t('inbox.cannedReplies')}
          </button>
          <input
            id="composer-files"
            type="file"
            multiple
            className="visually-hidden composer-file-input"
            onChange={(event) => {
              attachments.add(Array.from(event.target.files ?? []));
              event.target.value = '';
            }}
          />
          <label htmlFor="composer-files" className="button button-ghost button-small">
            <PaperclipIcon /> {t('inbox.attachFiles')}
          </label>
          {kind === 'reply' ? (
            <label className="checkbox-inline">
              <input type="checkbox" checked={later} onChange={(event) => setLater(event.target.checked)} />
              <span>{t('inbox.sendLater')}</span>
            </label>
          ) : null}
          {kind === 'reply' && later ? (
            <input
              type="datetime-local"
              className="input input-small"
              aria-label={t('inbox.sendAt')}
              value={laterValue}
              onChange={(event) => setLaterValue(event.target.value)}
            />
          ) : null}
          <span className="composer-spacer" />
          <button type="button" className="button button-primary button-small" disabled={!canSend} onClick={() => void send()} aria-keyshortcuts="Control+Enter Meta+Enter">
            {kind === 'note' ? t('inbox.addNote') : later ? t('inbox.schedule') : t('inbox.send')}
          </button>
        </div>
      </div>
    </div>
  );
}

/**
 * Publishes the composer's height as `--composer-height` on its conversation pane: on a phone the composer is pinned
 * over the page, and the thread leaves that much room below its last message (chips or a draft make it taller).
 */
function useComposerHeight(root: RefObject<HTMLDivElement | null>) {
  // A layout effect, so the room is there before the thread first scrolls to its newest message.
  useLayoutEffect(() => {
    const composer = root.current;
    const pane = composer?.closest<HTMLElement>('.conversation-pane');
    if (!composer || !pane) return;
    const publish = () => pane.style.setProperty('--composer-height', `${composer.offsetHeight}px`);
    publish();
    const observer = new ResizeObserver(publish);
    observer.observe(composer);
    return () => {
      observer.disconnect();
      pane.style.removeProperty('--composer-height');
    };
  }, [root]);
}
