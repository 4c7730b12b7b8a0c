import type { PromptEvent } from './prompts.tsx';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { MountContext } from '../contract.ts';
import { type Api, type Chat, type ChatConfig, type ChatMessage, type FileInfo, ApiError } from './api.ts';
import { replyTimeText, type Translate } from './i18n.ts';
import { CLOSE_ICON, Composer, CsatCard, MessageItem, PrechatForm, type ShownMessage } from './parts.tsx';
import { SurveyCard } from './survey-card.tsx';
import { PortalLink } from './portal-link.tsx';
import { BotChoices, TalkToPerson } from './bot-actions.tsx';
import { HelpPanel, HelpTabs } from './help.tsx';

interface Pending {
  clientId: string;
  body: string;
  files: FileInfo[];
  state: 'sending' | 'failed';
}

const failureOf = (error: unknown) => (error instanceof ApiError && error.status === 401 ? 'refused' : 'load');

/** An anonymous id for helpful votes from this browser (one vote per visitor and article), kept with the chat's state. */
function readHelpVisitorId(api: Api): string {
  const stored = api.store.get('helpVisitor');
  if (stored) return stored;
  const created = newClientId();
  api.store.set('helpVisitor', created);
  return created;
}

const newClientId = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');

/** A message the socket or an answer brought, added once (by id) in time order. */
function withMessage(chat: Chat | null, message: ChatMessage): Chat | null {
  const conversation = chat?.conversation;
  if (!chat || !conversation || conversation.id !== message.conversationId || conversation.messages.some((m) => m.id === message.id)) return chat;
  const messages = [...conversation.messages, message].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return { ...chat, conversation: { ...conversation, messages } };
}

function statusLine(t: Translate, config: ChatConfig, locale: string): { online: boolean; text: string } {
  const hours = config.businessHours;
  if (hours && !hours.open && hours.nextOpenAt) {
    const time = new Intl.DateTimeFormat(locale, { weekday: 'short', hour: 'numeric', minute: '2-digit' }).format(new Date(hours.nextOpenAt));
    return { online: false, text: `${t('away')} · ${t('backAt', { time })}` };
  }
  const reply = replyTimeText(t, config.expectedReplyMinutes);
  if (config.agentsOnline) return { online: true, text: reply ? `${t('online')} · ${reply}` : t('online') };
  return { online: false, text: reply ? `${t('away')} · ${reply}` : t('away') };
}

/** The whole chat: header, messages, the pre-chat (or offline) form, CSAT, the composer. */
export function ChatApp({ ctx, api, t, open, onPrompt }: { ctx: MountContext; api: Api; t: Translate; open: boolean; onPrompt?: (event: PromptEvent) => void }) {
  const [config, setConfig] = useState<ChatConfig | null>(null);
  const [chat, setChat] = useState<Chat | null>(null);
  const [failure, setFailure] = useState<'refused' | 'load' | null>(null);
  const [pending, setPending] = useState<Pending[]>([]);
  const [agentTyping, setAgentTyping] = useState<string | null>(null);
  const [hasVisitor, setHasVisitor] = useState(api.hasVisitor());
  const [readMark, setReadMark] = useState(api.store.get('read') ?? '');
  const [visible, setVisible] = useState(document.visibilityState === 'visible');
  const [view, setView] = useState<'chat' | 'help' | null>(null);
  const panel = useRef<HTMLDivElement>(null);
  const log = useRef<HTMLDivElement>(null);
  const textRef = useRef<HTMLTextAreaElement | null>(null);
  const typingSent = useRef(0);
  const typingStop = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const agentTypingClear = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const reload = useCallback(async () => {
    if (!api.hasVisitor()) return setChat({ visitor: null, conversation: null });
    try {
      setChat(await api.chat());
    } catch (error) {
      setFailure(failureOf(error));
    }
  }, [api]);

  useEffect(() => {
    api.config().then((loaded) => {
      setConfig(loaded);
      ctx.setColor(loaded.color);
    }).catch((error: unknown) => setFailure(failureOf(error)));
    void reload();
    const onVisibility = () => setVisible(document.visibilityState === 'visible');
    document.addEventListener('visibilitychange', onVisibility);
    return () => document.removeEventListener('visibilitychange', onVisibility);
  }, [api, ctx, reload]);

  const refused = failure === 'refused';
  useEffect(() => {
    if (!hasVisitor || refused) return;
    return api.connect((event) => {
      if (event.type === 'ready' || event.type === 'conversation') void reload();
      else if (event.type === 'prompt' || event.type === 'prompt.closed') onPrompt?.(event);
      else if (event.type === 'message') {
        if (event.message.direction === 'outbound') setAgentTyping(null);
        setChat((current) => {
          // A message of a conversation this page has not seen yet (written on another device): read it all again.
          if (current?.conversation?.id !== event.message.conversationId) void reload();
          // A bot message may start or end its part (a handover): read the state again.
          else if (event.message.bot || (current.conversation.botHandling && event.message.direction === 'outbound')) void reload();
          return withMessage(current, event.message);
        });
      } else if (event.type === 'typing') {
        clearTimeout(agentTypingClear.current);
        setAgentTyping(event.typing ? event.name || t('agent') : null);
        if (event.typing) agentTypingClear.current = setTimeout(() => setAgentTyping(null), 10_000);
      } else if (event.type === 'seen') {
        setChat((current) => (current?.conversation?.id === event.conversationId ? { ...current, conversation: { ...current.conversation, agentReadAt: event.at } } : current));
      }
    });
  }, [hasVisitor, refused, api, reload, t, onPrompt]);

  const conversation = chat?.conversation ?? null;
  const messages = conversation?.messages ?? [];
  const unread = messages.filter((m) => m.direction === 'outbound' && m.createdAt > readMark);
  const conversationId = conversation?.id ?? null;
  const unreadCount = unread.length;
  const newestUnread = unread.at(-1)?.createdAt ?? null;

  // Replies count as read while the chat is open on a visible page; closed, the launcher shows how many wait.
  useEffect(() => {
    if (!conversationId || !newestUnread) return ctx.setUnread(0);
    if (!open || !visible) return ctx.setUnread(unreadCount);
    api.store.set('read', newestUnread);
    setReadMark(newestUnread);
    ctx.setUnread(0);
    api.markRead(conversationId).catch(() => {});
  }, [open, visible, conversationId, unreadCount, newestUnread, api, ctx]);

  const shownCount = messages.length + pending.length;
  useEffect(() => {
    if (log.current) log.current.scrollTop = log.current.scrollHeight;
  }, [shownCount, agentTyping, open]);

  const ready = chat !== null && config !== null;
  useEffect(() => {
    if (!open || !ready) return;
    const first = panel.current?.querySelector<HTMLElement>('input:not([type=radio]):not([hidden]),textarea');
    requestAnimationFrame(() => first?.focus());
  }, [open, ready]);

  const profile = () => ({
    name: (api.identified ? ctx.options.name : api.store.get('name')) || undefined,
    email: (api.identified ? ctx.options.email : api.store.get('email')) || undefined,
  });

  const saveProfile = async (entered: { name: string; email: string }) => {
    try {
      await api.ensureVisitor();
      if (entered.name) api.store.set('name', entered.name);
      if (entered.email) api.store.set('email', entered.email);
      const { visitor } = await api.saveProfile({ ...profile(), locale: ctx.locale });
      setHasVisitor(true);
      setChat((current) => ({ conversation: current?.conversation ?? null, visitor }));
    } catch (error) {
      setFailure(failureOf(error));
    }
  };

  // The page without its query or fragment, which may carry the host site's own tokens.
  const send = async (item: Pending) => {
    setPending((list) => [...list.filter((p) => p.clientId !== item.clientId), { ...item, state: 'sending' }]);
    clearTimeout(typingStop.current);
    typingSent.current = 0;
    try {
      await api.ensureVisitor();
      setHasVisitor(true);
      const { message } = await api.send({ clientId: item.clientId, body: item.body, attachmentIds: item.files.map((f) => f.id), pageUrl: location.origin + location.pathname, locale: ctx.locale, ...profile() });
      setPending((list) => list.filter((p) => p.clientId !== item.clientId));
      if (conversation?.id !== message.conversationId) await reload();
      else setChat((current) => withMessage(current, message));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setFailure('refused');
      setPending((list) => list.map((p) => (p.clientId === item.clientId ? { ...p, state: 'failed' } : p)));
    }
  };

  const onTyping = () => {
    if (!conversation) return;
    const now = Date.now();
    if (now - typingSent.current > 3000) {
      typingSent.current = now;
      api.typing(true).catch(() => {});
    }
    clearTimeout(typingStop.current);
    typingStop.current = setTimeout(() => {
      typingSent.current = 0;
      api.typing(false).catch(() => {});
    }, 4000);
  };

  const locale = ctx.locale;
  const inboxName = config?.name ?? '';
  const status = config ? statusLine(t, config, locale) : null;
  const needsProfile = !api.identified && chat !== null && !chat.visitor && !conversation && pending.length === 0;
  const lastMine = [...messages].reverse().find((m) => m.direction === 'inbound');
  const seenId = lastMine && conversation?.agentReadAt && conversation.agentReadAt >= lastMine.createdAt ? lastMine.id : null;
  const shown: ShownMessage[] = [
    ...messages.map((m) => ({ ...m, key: m.id, author: m.bot ? t('botName') : m.author })),
    ...pending.map((p) => ({ key: p.clientId, direction: 'inbound' as const, body: p.body, author: null, attachments: p.files, createdAt: null, state: p.state })),
  ];
  // Quick replies belong to the bot's latest message only, and only until the customer answers.
  const lastChoices = messages.at(-1)?.direction === 'outbound' ? (messages.at(-1)?.choices ?? []) : [];
  const askRating = conversation?.status === 'resolved' && conversation.csat?.requested && conversation.csat.rating === null;
  // With a help center the chat gets a Help tab next to it; the chat stays first, so nobody has to look for a person.
  const help = config?.helpCenter ?? null;
  const shownView = help ? (view ?? 'chat') : 'chat';

  return (
    <div
      ref={panel}
      class="tp-panel"
      role="dialog"
      aria-labelledby="tp-title"
      hidden={!open}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !(e.target as HTMLElement).closest('.tp-emoji')) ctx.close();
      }}
    >
      <div class="tp-head">
        <div>
          <h2 id="tp-title" class="tp-title">{inboxName || '\u00a0'}</h2>
          {status ? (
            <p class="tp-status">
              <span class={`tp-dot${status.online ? ' tp-on' : ''}`} aria-hidden="true" />
              {status.text}
            </p>
          ) : null}
        </div>
        {api.identified && !failure ? <PortalLink api={api} t={t} locale={locale} page="puzzle" /> : null}
        {api.identified && !failure ? <PortalLink api={api} t={t} locale={locale} /> : null}
        <button type="button" class="tp-x" aria-label={t('close')} onClick={ctx.close}>{CLOSE_ICON}</button>
      </div>
      {help ? <HelpTabs t={t} view={shownView} onChange={setView} /> : null}
      <div id="tp-view" {...(help ? { role: 'tabpanel', 'aria-labelledby': `tp-tab-${shownView}` } : {})}>
      {help && shownView === 'help' ? (
        <HelpPanel t={t} server={ctx.options.server} help={help} locale={locale} visitorId={readHelpVisitorId(api)} onChat={() => setView('chat')} />
      ) : failure ? (
        <p class="tp-form tp-error" role="alert">{failure === 'refused' ? t('refused') : t('failedLoad')}</p>
      ) : needsProfile && config ? (
        <>
          <div class="tp-log" role="log" aria-label={t('messages')} tabIndex={0}>
            <MessageItem api={api} t={t} locale={locale} inboxName={inboxName} seen={false} message={{ key: 'greeting', direction: 'outbound', body: config.greeting ?? t('greeting'), author: null, attachments: [], createdAt: null }} />
          </div>
          <PrechatForm t={t} offline={!config.agentsOnline} onSubmit={saveProfile} />
        </>
      ) : (
        <>
          <div ref={log} class="tp-log" role="log" aria-label={t('messages')} tabIndex={0}>
            {config ? <MessageItem api={api} t={t} locale={locale} inboxName={inboxName} seen={false} message={{ key: 'greeting', direction: 'outbound', body: config.greeting ?? t('greeting'), author: null, attachments: [], createdAt: null }} /> : null}
            {shown.map((message) => (
              <MessageItem
                key={message.key}
                api={api}
                t={t}
                locale={locale}
                inboxName={inboxName}
                message={message}
                seen={message.key === seenId}
                onRetry={() => {
                  const item = pending.find((p) => p.clientId === message.key);
                  if (item) void send(item);
                }}
              />
            ))}
            {lastChoices.length && pending.length === 0 ? <BotChoices t={t} choices={lastChoices} onPick={(choice) => void send({ clientId: newClientId(), body: choice, files: [], state: 'sending' })} /> : null}
            {conversation?.status === 'resolved' ? <p class="tp-note">{t('resolved')}</p> : null}
            {askRating ? <CsatCard t={t} onRate={async (rating, comment) => api.rate(conversation.id, rating, comment)} /> : null}
            {open ? <SurveyCard api={api} locale={locale} /> : null}
          </div>
          <p class="tp-typing" role="status">{agentTyping ? t('typing', { name: agentTyping }) : ''}</p>
          {conversation?.botHandling ? <TalkToPerson t={t} onHandover={() => api.handover(conversation.id).then(reload)} /> : null}
          <Composer
            api={api}
            t={t}
            locale={locale}
            maxUploadBytes={config?.maxUploadBytes ?? 10 * 1024 * 1024}
            textRef={textRef}
            onTyping={onTyping}
            onSend={(body, files) => void send({ clientId: newClientId(), body, files, state: 'sending' })}
          />
        </>
      )}
      </div>
    </div>
  );
}
