import { and, eq } from 'drizzle-orm';
import type { Locale, OutreachContent } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { renderCardHtml } from './delight-card.ts';
import type { Gesture } from './delight-gestures.ts';
import { formatMinor } from './delight-text.ts';

const COPY: Record<Locale, { subject: (agent: string, brand: string) => string; code: string; points: string; gift: string; openCard: string; offer: (value: string) => string }> = {
  en: { subject: (agent, brand) => `A note from ${agent} at ${brand}`, code: 'Your code', points: 'Added to your points', gift: 'Your gift', openCard: 'Open your card', offer: (value) => `${value} off` },
  ja: { subject: (agent, brand) => `${brand} の ${agent} からのメッセージ`, code: 'クーポンコード', points: 'ポイントを追加しました', gift: 'ギフトを受け取る', openCard: 'カードを開く', offer: (value) => `${value} 割引` },
  zh: { subject: (agent, brand) => `来自 ${brand} ${agent} 的心意`, code: '您的券码', points: '已添加积分', gift: '领取礼物', openCard: '打开卡片', offer: (value) => `立减 ${value}` },
};

export interface CardView {
  html: string;
  locale: Locale;
  subject: string;
}

/** What the card says and carries, in the customer's language (their profile's, else the account's). */
export async function composeDelightCard(db: Database, accountId: string, gesture: Gesture, links: { cardUrl: string; giftUrl: string | null }, agentName: string): Promise<CardView> {
  const [row] = await db.select({ brand: schema.accounts.name, accountLocale: schema.accounts.defaultLocale, contactLocale: schema.contacts.locale }).from(schema.accounts)
    .leftJoin(schema.contacts, and(eq(schema.contacts.accountId, schema.accounts.id), eq(schema.contacts.id, gesture.contactId)))
    .where(eq(schema.accounts.id, accountId));
  const wanted = (row?.contactLocale ?? row?.accountLocale ?? 'en').slice(0, 2);
  const locale = (['en', 'ja', 'zh'].includes(wanted) ? wanted : 'en') as Locale;
  const copy = COPY[locale];
  const extras: { label: string; value: string; href?: string }[] = [];
  const d = gesture.details;
  if (gesture.kind === 'voucher') {
    const offer = d.offerKind === 'percent' ? `${String(d.offerValue)}%` : d.offerKind === 'amount' ? formatMinor(Number(d.offerValue), String(d.offerCurrency), locale) : String(d.poolName ?? '');
    extras.push({ label: `${copy.code} (${d.offerKind === 'free_item' ? offer : copy.offer(offer)})`, value: String(d.code ?? '') });
  }
  if (gesture.kind === 'points') extras.push({ label: copy.points, value: `+${gesture.points}` });
  if (gesture.kind === 'gift' && links.giftUrl) extras.push({ label: copy.gift, value: String(d.title ?? ''), href: links.giftUrl });
  const brand = row?.brand ?? '';
  return { html: renderCardHtml({ message: gesture.message, style: gesture.cardStyle, agentName, brandName: brand, extras, locale }), locale, subject: copy.subject(agentName, brand) };
}

/** The email carrying the card: the card as HTML, a plain-text twin, and a link to the card page. */
export function composeDelightEmail(card: CardView, gesture: Gesture, cardUrl: string): OutreachContent {
  const copy = COPY[card.locale];
  const code = gesture.kind === 'voucher' ? `\n\n${copy.code}: ${String(gesture.details.code ?? '')}` : '';
  const points = gesture.kind === 'points' ? `\n\n${copy.points}: +${gesture.points}` : '';
  return {
    subject: card.subject,
    text: `${gesture.message}${code}${points}\n\n${copy.openCard}: ${cardUrl}`,
    html: `<div style="background:#f6f7f9;padding:24px 12px">${card.html}<p style="text-align:center;font-family:system-ui,sans-serif;margin-top:20px"><a href="${cardUrl}">${copy.openCard}</a></p></div>`,
  };
}
