import { and, asc, eq } from 'drizzle-orm';
import type { AccountScope, Locale } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { deriveResponseTimes } from './conversations.ts';

/** What merging and splitting share: the notes they leave behind and the clocks they recompute after moving messages. */

type NoteKind = 'mergedInto' | 'mergedFrom' | 'splitInto' | 'splitFrom';
type NoteText = (number: number, count: number) => string;

/** System notes are stored text, so they are written once, in the account's default language: every agent reads the same note. */
const SYSTEM_NOTES: Record<Locale, Record<NoteKind, NoteText>> = {
  en: {
    mergedInto: (number) => `Merged into #${number}. Its messages, labels and participants are there now.`,
    mergedFrom: (number, count) => `#${number} was merged into this conversation (${count} ${count === 1 ? 'message' : 'messages'} moved here).`,
    splitInto: (number, count) => `${count} ${count === 1 ? 'message was' : 'messages were'} split off into #${number}.`,
    splitFrom: (number) => `Split from #${number}.`,
  },
  ja: {
    mergedInto: (number) => `#${number} に統合しました。メッセージ・ラベル・参加者は統合先に移っています。`,
    mergedFrom: (number, count) => `#${number} をこの会話に統合しました（メッセージ ${count} 件を移動）。`,
    splitInto: (number, count) => `メッセージ ${count} 件を #${number} に分割しました。`,
    splitFrom: (number) => `#${number} から分割しました。`,
  },
  zh: {
    mergedInto: (number) => `已合并到 #${number}。消息、标签和参与者均已移至该会话。`,
    mergedFrom: (number, count) => `#${number} 已合并到此会话（移入 ${count} 条消息）。`,
    splitInto: (number, count) => `已将 ${count} 条消息拆分到 #${number}。`,
    splitFrom: (number) => `拆分自 #${number}。`,
  },
};

/** Adds a private note saying what happened, authored by the person who did it (none for an API key). */
export async function addSystemNote(tx: Database, scope: AccountScope, conversationId: string, kind: NoteKind, other: { number: number; count?: number }, at: Date) {
  const [account] = await tx.select({ locale: schema.accounts.defaultLocale }).from(schema.accounts).where(eq(schema.accounts.id, scope.accountId));
  const texts = SYSTEM_NOTES[(account?.locale ?? 'en') as Locale] ?? SYSTEM_NOTES.en;
  await tx.insert(schema.messages).values({
    accountId: scope.accountId,
    conversationId,
    direction: 'note',
    body: texts[kind](other.number, other.count ?? 0),
    authorUserId: scope.actor.type === 'user' ? scope.actor.id : null,
    createdAt: at,
  });
}

/**
 * Recomputes first response and waiting time from the messages a conversation holds now (sent ones, oldest first),
 * after messages moved in or out; the SLA hook then derives its clocks from these.
 */
export async function recomputeResponseTimes(tx: Database, accountId: string, conversationId: string) {
  const m = schema.messages;
  const rows = await tx
    .select({ direction: m.direction, at: m.createdAt })
    .from(m)
    .where(and(eq(m.accountId, accountId), eq(m.conversationId, conversationId), eq(m.status, 'sent')))
    .orderBy(asc(m.createdAt), asc(m.id));
  const times = deriveResponseTimes(rows);
  await tx.update(schema.conversations).set(times).where(and(eq(schema.conversations.accountId, accountId), eq(schema.conversations.id, conversationId)));
  return times;
}
