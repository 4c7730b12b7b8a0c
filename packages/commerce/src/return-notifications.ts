import { and, desc, eq, ne } from 'drizzle-orm';
import type { AccountScope, PublishedEvent } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { postAgentMessage } from '@touchpoint/conversations';

type Step = 'requested' | 'approved' | 'rejected' | 'received' | 'refunded' | 'exchanged' | 'cancelled';
type Lang = 'en' | 'ja' | 'zh';

interface Facts {
  number: string;
  order: string;
  link: string;
  why: string;
}

/** What the customer is told at each step, in their language. Plain text: every channel can carry it. */
const MESSAGES: Record<Lang, Record<Step, (f: Facts) => string>> = {
  en: {
    requested: (f) => `We have your return request ${f.number} for order ${f.order}. We will let you know as soon as it is reviewed. ${f.link}`,
    approved: (f) => `Your return ${f.number} for order ${f.order} is approved. Print the return slip, put it in the parcel and send it back: ${f.link}`,
    rejected: (f) => `Sorry, we cannot accept return ${f.number} for order ${f.order}${f.why ? `: ${f.why}` : '.'} Reply here if you have questions.`,
    received: (f) => `We received the parcel for return ${f.number}. We will process it shortly. ${f.link}`,
    refunded: (f) => `Your refund for return ${f.number} (order ${f.order}) is on its way. It usually shows on your statement within 5 business days.`,
    exchanged: (f) => `The exchange for return ${f.number} (order ${f.order}) is done: your replacement is on its way.`,
    cancelled: (f) => `Return ${f.number} for order ${f.order} was cancelled. You can start a new return while the order is within the return window.`,
  },
  ja: {
    requested: (f) => `ご注文 ${f.order} の返品申請（${f.number}）を受け付けました。確認が済みしだいご連絡します。${f.link}`,
    approved: (f) => `返品 ${f.number}（ご注文 ${f.order}）を承認しました。返品伝票を印刷して荷物に同封し、ご返送ください：${f.link}`,
    rejected: (f) => `申し訳ございません。返品 ${f.number}（ご注文 ${f.order}）はお受けできません${f.why ? `：${f.why}` : '。'} ご不明な点はこちらにご返信ください。`,
    received: (f) => `返品 ${f.number} のお荷物を受け取りました。まもなく処理いたします。${f.link}`,
    refunded: (f) => `返品 ${f.number}（ご注文 ${f.order}）の返金手続きが完了しました。通常5営業日以内に反映されます。`,
    exchanged: (f) => `返品 ${f.number}（ご注文 ${f.order}）の交換手続きが完了しました。交換品を発送いたします。`,
    cancelled: (f) => `返品 ${f.number}（ご注文 ${f.order}）はキャンセルされました。返品期間内であれば新たに返品を申請できます。`,
  },
  zh: {
    requested: (f) => `我们已收到订单 ${f.order} 的退货申请（${f.number}），审核后会尽快通知您。${f.link}`,
    approved: (f) => `您的退货 ${f.number}（订单 ${f.order}）已获批准。请打印退货单放入包裹后寄回：${f.link}`,
    rejected: (f) => `很抱歉，我们无法接受退货 ${f.number}（订单 ${f.order}）${f.why ? `：${f.why}` : '。'} 如有疑问请直接回复。`,
    received: (f) => `我们已收到退货 ${f.number} 的包裹，将尽快处理。${f.link}`,
    refunded: (f) => `退货 ${f.number}（订单 ${f.order}）的退款已发出，通常会在 5 个工作日内到账。`,
    exchanged: (f) => `退货 ${f.number}（订单 ${f.order}）的换货已完成，新商品正在寄出。`,
    cancelled: (f) => `退货 ${f.number}（订单 ${f.order}）已取消。在退货期限内您可以重新申请。`,
  },
};

const SUBJECTS: Record<Lang, (number: string) => string> = {
  en: (n) => `Your return ${n}`,
  ja: (n) => `返品 ${n} について`,
  zh: (n) => `关于退货 ${n}`,
};

/** The message for a step, in `locale` (English when it is another language). */
export function describeReturnStep(step: Step, locale: string, facts: Facts): { subject: string; text: string } {
  const lang = (['en', 'ja', 'zh'].includes(locale) ? locale : 'en') as Lang;
  return { subject: SUBJECTS[lang](facts.number), text: MESSAGES[lang][step](facts).trim() };
}

export interface ReturnNotificationOptions {
  /** The customer's page for a return (the portal), or null when there is none to link. */
  returnPageUrl: (accountHandle: string, returnId: string) => string | null;
  /** Plain email for a customer who has never written on a channel; returns false when no mail relay is set up. */
  sendEmail?: (mail: { to: string; subject: string; text: string }) => Promise<boolean>;
  onError?: (error: unknown, event: PublishedEvent) => void;
}

/**
 * An outbox sink that tells the customer about each step of their return, on their channel: a reply in their latest
 * conversation that is not an in-store one (it then goes out through that channel's delivery queue like any reply),
 * or a plain email when they have none (sent without holding up the outbox). Idempotent per return and step on a
 * channel (the reply's clientKey), so a re-delivered event never sends twice there.
 */
export function createReturnNotificationSink(options: ReturnNotificationOptions) {
  return async function notifyReturnSteps(tx: Database, events: PublishedEvent[]) {
    for (const event of events) {
      if (!event.type.startsWith('return.')) continue;
      try {
        await notifyStep(tx, event, options);
      } catch (error) {
        options.onError?.(error, event);
      }
    }
  };
}

async function notifyStep(tx: Database, event: PublishedEvent, options: ReturnNotificationOptions) {
  const step = event.type.slice('return.'.length) as Step;
  const { returnId, contactId } = event.payload as { returnId: string; contactId: string | null };
  if (!contactId) return;
  const [row] = await tx
    .select({ ret: schema.returns, orderNumber: schema.orders.number, email: schema.contacts.email, handle: schema.accounts.handle })
    .from(schema.returns)
    .innerJoin(schema.orders, eq(schema.orders.id, schema.returns.orderId))
    .innerJoin(schema.contacts, eq(schema.contacts.id, schema.returns.contactId))
    .innerJoin(schema.accounts, eq(schema.accounts.id, schema.returns.accountId))
    .where(and(eq(schema.returns.accountId, event.accountId), eq(schema.returns.id, returnId)));
  if (!row) return;
  // Approved by the policy in the same breath: one message (approved, with the slip), not two.
  if (step === 'requested' && row.ret.autoApproved) return;
  const link = options.returnPageUrl(row.handle, returnId) ?? '';
  const { subject, text } = describeReturnStep(step, row.ret.locale, { number: `R-${row.ret.number}`, order: row.orderNumber, link, why: row.ret.decisionNote });
  const [conversation] = await tx
    .select({ id: schema.conversations.id })
    .from(schema.conversations)
    .innerJoin(schema.inboxes, eq(schema.inboxes.id, schema.conversations.inboxId))
    .where(and(eq(schema.conversations.accountId, event.accountId), eq(schema.conversations.contactId, contactId), ne(schema.inboxes.channel, 'in_store')))
    .orderBy(desc(schema.conversations.lastMessageAt))
    .limit(1);
  if (conversation) {
    const scope: AccountScope = { accountId: event.accountId, actor: { type: 'system', id: null, name: 'Returns', role: 'admin' } };
    await postAgentMessage(tx, scope, conversation.id, { kind: 'reply', body: text, clientKey: `return:${returnId}:${step}`, countsAsResponse: false });
    return;
  }
  // Not awaited: a slow mail relay must not hold the outbox claim (and every realtime event behind it). At least once:
  // if the claim rolls back after this, the event comes again and the mail goes twice.
  if (row.email && options.sendEmail) void options.sendEmail({ to: row.email, subject, text }).catch((error: unknown) => options.onError?.(error, event));
}
