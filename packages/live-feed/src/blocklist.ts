import { and, asc, eq } from 'drizzle-orm';
import { conflict, notFound, validationFailed } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { BUILTIN_BLOCKLISTS } from './builtin-blocklists.ts';
import { collapseRepeats, isUnspacedScript, normalizeForBlocklist, normalizePhrase } from './normalize-text.ts';

const bp = schema.liveFeedBlockedPhrases;

export type BlockReason = 'phrase' | 'markup' | 'link';

export interface BlockVerdict {
  reason: BlockReason;
  /** The listed phrase that matched (as normalized), for the moderators; never shown to the viewer. */
  phrase?: string;
}

export interface BlocklistRules {
  builtin: boolean;
  blockLinks: boolean;
  /** The account's phrases, normalized (`normalizePhrase`). */
  custom: string[];
}

/**
 * Markup a browser would act on: tags (which also carry inline handlers), script URLs, entities spelling out a tag.
 * Posts are always shown as text, so this refuses intent, not a rendering risk; "I <3 it" and "a = b" pass.
 */
const MARKUP = /<\s*\/?\s*[a-z!?]|javascript\s*:|data\s*:\s*text\/html|&lt;\s*\/?\s*[a-z]|&#0*60;?|&#x0*3c;?/i;
/** A URL, a bare domain with a common top-level domain, or a www. address. */
const LINK = /\b(?:https?|ftp):\/\/|\bwww\.|\b[a-z0-9-]{2,}\s*(?:\.|\[\.\]|\(\.\)|\s+dot\s+)\s*(?:com|net|org|info|io|co|me|ly|gg|tv|xyz|jp|cn|tw|hk|uk|de|ru|biz|link|site|online|shop|app)\b/i;

const BUILTIN = [...new Set(Object.values(BUILTIN_BLOCKLISTS).flat().map(normalizePhrase))];

function matchesPhrase(phrase: string, words: string[], squashed: string[]) {
  if (isUnspacedScript(phrase)) return squashed.some((text) => text.includes(phrase));
  return words.some((text) => ` ${text} `.includes(` ${phrase} `));
}

/** What (if anything) keeps this text off the screen. Text is compared in its normalized forms (normalize-text.ts). */
export function checkText(text: string, rules: BlocklistRules): BlockVerdict | null {
  const nfkc = text.normalize('NFKC');
  if (MARKUP.test(nfkc)) return { reason: 'markup' };
  if (rules.blockLinks && LINK.test(nfkc)) return { reason: 'link' };
  const form = normalizeForBlocklist(text);
  const words = collapseRepeats(form.words);
  const squashed = collapseRepeats(form.squashed);
  for (const phrase of [...(rules.builtin ? BUILTIN : []), ...rules.custom]) {
    if (phrase && matchesPhrase(phrase, words, squashed)) return { reason: 'phrase', phrase };
  }
  return null;
}

const REFUSALS: Record<'en' | 'ja' | 'zh', Record<BlockReason | 'name', string>> = {
  en: { markup: 'Posts cannot contain HTML or scripts.', link: 'Links are not allowed in this feed.', phrase: 'This post contains words that are not allowed in this feed. Please rephrase it.', name: 'This name cannot be shown. Please choose another one.' },
  ja: { markup: 'HTML やスクリプトを含む投稿はできません。', link: 'このフィードではリンクを投稿できません。', phrase: 'このフィードでは使えない言葉が含まれています。表現を変えてください。', name: 'この名前は表示できません。別の名前にしてください。' },
  zh: { markup: '留言不能包含 HTML 或脚本。', link: '此留言墙不允许发布链接。', phrase: '留言中含有此留言墙不允许的词语，请修改后再发。', name: '此名称无法显示，请换一个。' },
};

/** The message a refused viewer reads, in the feed's language: clear about why, without repeating the phrase. */
export function describeBlock(verdict: BlockVerdict | 'name', locale = 'en'): string {
  const copy = REFUSALS[locale === 'ja' || locale === 'zh' ? locale : 'en'];
  return copy[verdict === 'name' ? 'name' : verdict.reason];
}

export async function listBlockedPhrases(db: Database, accountId: string) {
  const rows = await db.select().from(bp).where(eq(bp.accountId, accountId)).orderBy(asc(bp.phrase));
  return rows.map((row) => ({ id: row.id, phrase: row.phrase, normalized: row.normalized, createdAt: row.createdAt.toISOString() }));
}

export async function loadBlocklistPhrases(db: Database, accountId: string): Promise<string[]> {
  const rows = await db.select({ normalized: bp.normalized }).from(bp).where(eq(bp.accountId, accountId));
  return rows.map((row) => row.normalized);
}

export async function addBlockedPhrase(db: Database, accountId: string, phrase: string) {
  const normalized = normalizePhrase(phrase);
  if (!normalized) throw validationFailed([{ path: 'phrase', message: 'must contain letters or characters to match' }]);
  const [row] = await db.insert(bp).values({ accountId, phrase: phrase.trim(), normalized }).onConflictDoNothing().returning();
  if (!row) throw conflict('This phrase (or one written the same way) is already on the list.');
  return { id: row.id, phrase: row.phrase, normalized: row.normalized, createdAt: row.createdAt.toISOString() };
}

export async function removeBlockedPhrase(db: Database, accountId: string, phraseId: string) {
  const [row] = await db.delete(bp).where(and(eq(bp.accountId, accountId), eq(bp.id, phraseId))).returning({ id: bp.id });
  if (!row) throw notFound('blocked phrase');
}

/** The built-in lists, for the console to show what is already covered. */
export const listBuiltinPhrases = (): Record<string, string[]> => Object.fromEntries(Object.entries(BUILTIN_BLOCKLISTS).map(([locale, phrases]) => [locale, [...phrases]]));
