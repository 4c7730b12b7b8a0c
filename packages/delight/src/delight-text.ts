import { eq } from 'drizzle-orm';
import type { Locale } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';

/** Money in minor units as people read it (two decimals unless the currency has none), in English number style. */
export function formatMinor(minor: number, currency: string, locale: string = 'en') {
  try {
    const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(minor / 10 ** digits);
  } catch {
    return `${minor} ${currency}`;
  }
}

interface NoteGesture {
  kind: string;
  valueMinor: number;
  currency: string;
  message: string;
  points: number | null;
  agentName: string | null;
  details: Record<string, unknown>;
}

const WHAT: Record<Locale, (g: NoteGesture) => string> = {
  en: (g) => ({ voucher: `a voucher (${String(g.details.poolName ?? '')}, code ${String(g.details.code ?? '')})`, points: `${g.points} points`, card: 'a handwritten card', gift: `a gift (${String(g.details.title ?? '')})` })[g.kind] ?? g.kind,
  ja: (g) => ({ voucher: `クーポン（${String(g.details.poolName ?? '')}、コード ${String(g.details.code ?? '')}）`, points: `${g.points} ポイント`, card: '手書き風カード', gift: `ギフト（${String(g.details.title ?? '')}）` })[g.kind] ?? g.kind,
  zh: (g) => ({ voucher: `优惠券（${String(g.details.poolName ?? '')}，券码 ${String(g.details.code ?? '')}）`, points: `${g.points} 积分`, card: '手写风格卡片', gift: `礼物（${String(g.details.title ?? '')}）` })[g.kind] ?? g.kind,
};
const NOTE: Record<Locale, (g: NoteGesture, what: string, cost: string) => string> = {
  en: (g, what, cost) => `🎁 Delight: ${g.agentName ?? 'An agent'} sent ${what}, ${cost} from their budget.${g.message ? `\n“${g.message}”` : ''}`,
  ja: (g, what, cost) => `🎁 おもてなし: ${g.agentName ?? '担当者'}が${what}を贈りました（予算から ${cost}）。${g.message ? `\n「${g.message}」` : ''}`,
  zh: (g, what, cost) => `🎁 惊喜：${g.agentName ?? '客服'}送出了${what}（预算支出 ${cost}）。${g.message ? `\n“${g.message}”` : ''}`,
};

/** The private note left in the conversation, written once in the account's default language, like other system notes. */
export async function describeGestureNote(tx: Database, accountId: string, gesture: NoteGesture) {
  const [account] = await tx.select({ locale: schema.accounts.defaultLocale }).from(schema.accounts).where(eq(schema.accounts.id, accountId));
  const locale = (['en', 'ja', 'zh'].includes(account?.locale ?? '') ? account!.locale : 'en') as Locale;
  return NOTE[locale](gesture, WHAT[locale](gesture), formatMinor(gesture.valueMinor, gesture.currency, locale));
}
