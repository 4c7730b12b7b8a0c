import type { ChannelAdapter, OutboundMessage } from '../channel-adapter.ts';
import { WEB_CHAT } from './visitor-identity.ts';
import type { PresentVisitor } from './visitor-presence.ts';
import { WEB_CHAT_FIELDS } from './widget-settings.ts';

/** What the web chat needs from the server to continue a conversation by email. */
export interface WebChatPorts {
  /** Whether the visitor has the chat open on any node (see `createVisitorPresence`). */
  isVisitorOnline?(visitor: PresentVisitor): boolean;
  mailer?: { readonly enabled: boolean; send(mail: { to: string; subject: string; text: string; html: string; replyTo?: string }): Promise<{ messageId: string }> };
  /**
   * The address a visitor's answer to an emailed reply goes to, so it comes back into the chat conversation: the
   * reply address of a connected email inbox of the account (see `chatReplyAddressFor`); null when there is none.
   */
  replyAddressFor?(accountId: string, conversationId: string): Promise<string | null>;
}

type EmailLocale = 'en' | 'ja' | 'zh';

const EMAIL_TEXT: Record<EmailLocale, { subject: (inbox: string) => string; intro: (inbox: string) => string; files: (names: string) => string; link: string; replyHint: string; footer: string }> = {
  en: {
    subject: (inbox) => `New reply from ${inbox}`,
    intro: (inbox) => `${inbox} answered your chat message:`,
    files: (names) => `Files: ${names} (open the chat to see them)`,
    link: 'Continue the conversation in the chat:',
    replyHint: 'Or simply reply to this email.',
    footer: 'You get this email because you left your address in our chat while you were away.',
  },
  ja: {
    subject: (inbox) => `${inbox} から返信がありました`,
    intro: (inbox) => `チャットのメッセージに ${inbox} から返信がありました：`,
    files: (names) => `ファイル：${names}（チャットを開いてご覧ください）`,
    link: 'チャットで会話を続ける：',
    replyHint: 'このメールに返信していただいても構いません。',
    footer: 'チャットにメールアドレスを残されたため、このメールをお送りしています。',
  },
  zh: {
    subject: (inbox) => `${inbox} 回复了您`,
    intro: (inbox) => `${inbox} 回复了您的聊天消息：`,
    files: (names) => `文件：${names}（请打开聊天查看）`,
    link: '在聊天中继续对话：',
    replyHint: '也可以直接回复这封邮件。',
    footer: '您在聊天中留下了邮箱地址，因此收到这封邮件。',
  },
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The visitor the conversation is with, their email and page: from the latest message they sent through the widget. */
function visitorOf(outbound: OutboundMessage) {
  const latest = [...outbound.history].reverse().find((entry) => entry.direction === 'inbound' && typeof entry.channelData.visitor === 'string');
  if (!latest) return null;
  const data = latest.channelData as { visitor: string; email?: unknown; pageUrl?: unknown; locale?: unknown };
  return {
    key: data.visitor,
    email: typeof data.email === 'string' ? data.email : null,
    pageUrl: typeof data.pageUrl === 'string' ? data.pageUrl : null,
    locale: (data.locale === 'ja' || data.locale === 'zh' ? data.locale : 'en') as EmailLocale,
  };
}

export function renderReplyEmail(outbound: OutboundMessage, to: string, locale: EmailLocale, pageUrl: string | null, replyTo: string | null = null) {
  const t = EMAIL_TEXT[locale];
  const inbox = outbound.inbox.name;
  const files = outbound.message.attachments.map((attachment) => attachment.fileName).join(', ');
  const text = [t.intro(inbox), '', outbound.message.body, ...(files ? ['', t.files(files)] : []), ...(pageUrl ? ['', t.link, pageUrl] : []), ...(replyTo ? ['', t.replyHint] : []), '', '—', t.footer].join('\n');
  const html = [
    `<p>${escapeHtml(t.intro(inbox))}</p>`,
    `<blockquote style="white-space:pre-wrap;margin:0 0 1em;padding-left:1em;border-left:3px solid #ccc">${escapeHtml(outbound.message.body)}</blockquote>`,
    files ? `<p>${escapeHtml(t.files(files))}</p>` : '',
    pageUrl ? `<p>${escapeHtml(t.link)} <a href="${escapeHtml(pageUrl)}">${escapeHtml(pageUrl)}</a></p>` : '',
    replyTo ? `<p>${escapeHtml(t.replyHint)}</p>` : '',
    `<p style="color:#666;font-size:12px">${escapeHtml(t.footer)}</p>`,
  ].join('');
  return { to, subject: t.subject(inbox), text, html, ...(replyTo ? { replyTo } : {}) };
}

/**
 * Replies reach an open widget at once, from `message.created` on the bus (no queue in between). This adapter is the
 * delivery queue's step for a web chat reply, run a moment later: it marks the reply `sent`, and when the visitor left
 * an email and has no chat open anywhere, it also emails the reply (with a link back to the page they chatted on).
 * A failed email is retried like any delivery; without an SMTP relay the reply just waits in the chat.
 */
export function createWebChatAdapter(ports: WebChatPorts = {}): ChannelAdapter {
  return {
    channel: WEB_CHAT,
    fields: WEB_CHAT_FIELDS,
    async send(outbound) {
      const visitor = visitorOf(outbound);
      const away = visitor !== null && !(ports.isVisitorOnline?.({ inboxId: outbound.inbox.id, key: visitor.key }) ?? false);
      if (visitor?.email && away && ports.mailer?.enabled) {
        const replyTo = (await ports.replyAddressFor?.(outbound.inbox.accountId, outbound.conversation.id)) ?? null;
        await ports.mailer.send(renderReplyEmail(outbound, visitor.email, visitor.locale, visitor.pageUrl, replyTo));
        return { externalId: outbound.message.id, channelData: { emailedTo: visitor.email } };
      }
      return { externalId: outbound.message.id };
    },
  };
}
