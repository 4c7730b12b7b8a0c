import { and, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Locale } from '@touchpoint/core';
import { postBotMessage } from '@touchpoint/conversations';
import { type Database, schema } from '@touchpoint/db';
import type { ArticleSearch } from './answer-bot.ts';

/**
 * "Bring your own LLM": with an OpenAI-compatible chat-completions endpoint configured, an answer the bot gives from a
 * help-center article is drafted by the model, grounded in the matched articles only and citing the one it used. The
 * model is never asked when no article matched (intents answer with the admin's own words), and the draft is made
 * off the event path: the bot records the turn as `pending`, `draftPendingAnswers` (a background worker) calls the
 * model outside any transaction, then posts the draft — or the plain article when the model fails, times out or says
 * the articles do not answer.
 */

export interface DraftArticle {
  id: string;
  title: string;
  url: string;
  /** The article's text (Markdown), or its excerpt when the text could not be read. */
  text: string;
}

export interface DraftRequest {
  question: string;
  locale: Locale;
  articles: DraftArticle[];
}

export interface AnswerDrafter {
  /** The drafted answer, or null when the articles do not answer the question. Throws when the endpoint fails. */
  draft(request: DraftRequest): Promise<string | null>;
}

/** What the bot stores on a pending turn for the worker. */
export interface DraftContext {
  question: string;
  locale: Locale;
  articles: { id: string; title: string; url: string; excerpt: string }[];
  /** The plain answer to send if drafting fails. */
  fallbackBody: string;
  channelData: Record<string, unknown>;
  /** Appended after the draft ("Did that answer your question?…"). */
  followUp: string;
}

const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', ja: 'Japanese', zh: 'Simplified Chinese' };
const NO_ANSWER = 'NO_ANSWER';
const MAX_ARTICLE_CHARS = 4000;

export function buildDraftMessages(request: DraftRequest) {
  const sources = request.articles
    .map((article, i) => `[${i + 1}] ${article.title}\nURL: ${article.url}\n${article.text.slice(0, MAX_ARTICLE_CHARS)}`)
    .join('\n\n');
  return [
    {
      role: 'system' as const,
      content:
        `You answer customers' questions for a shop's support team, using ONLY the help-center articles given. ` +
        `Write in ${LANGUAGE_NAMES[request.locale]}, in at most 120 words, plainly and kindly. ` +
        `End with the article you used as "${request.locale === 'en' ? 'Source' : request.locale === 'ja' ? '出典' : '来源'}: <title> <URL>". ` +
        `If the articles do not answer the question, reply with exactly ${NO_ANSWER} and nothing else. Never invent policies, prices or dates.`,
    },
    { role: 'user' as const, content: `Help-center articles:\n\n${sources}\n\nCustomer's question: ${request.question}` },
  ];
}

/**
 * A drafter for any OpenAI-compatible `POST {baseUrl}/chat/completions` (OpenAI, Azure-style gateways, vLLM, Ollama,
 * llama.cpp server…). The key is sent as a bearer token and never logged.
 */
export function createChatCompletionsDrafter(options: { baseUrl: string; apiKey: string | null; model: string; timeoutMs: number; fetch?: typeof fetch }): AnswerDrafter {
  const doFetch = options.fetch ?? fetch;
  const url = `${options.baseUrl.replace(/\/$/, '')}/chat/completions`;
  return {
    async draft(request) {
      const response = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}) },
        body: JSON.stringify({ model: options.model, messages: buildDraftMessages(request), temperature: 0.2, max_tokens: 400 }),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      if (!response.ok) throw new Error(`the LLM endpoint answered ${response.status}`);
      const body = (await response.json()) as { choices?: { message?: { content?: unknown } }[] };
      const content = body.choices?.[0]?.message?.content;
      if (typeof content !== 'string') throw new Error('the LLM endpoint answered without choices[0].message.content');
      const text = content.trim();
      if (!text || text.includes(NO_ANSWER)) return null;
      // The answer must cite its article: add the first one's link if the model left it out.
      const cited = request.articles.some((article) => text.includes(article.url));
      const first = request.articles[0];
      return cited || !first ? text : `${text}\n\n${request.locale === 'en' ? 'Source' : request.locale === 'ja' ? '出典' : '来源'}: ${first.title} ${first.url}`;
    },
  };
}

const t = schema.botTurns;
const CLAIM_LEASE = sql`interval '2 minutes'`;

/**
 * Drafts the pending article answers: claims up to `limit` turns (FOR UPDATE SKIP LOCKED, with a lease so a crashed
 * node's claims come back), asks the model for each, and posts the result. Returns how many it posted.
 */
export async function draftPendingAnswers(db: Database, drafter: AnswerDrafter, options: { articles?: ArticleSearch | null; limit?: number; now?: () => Date; onError?: (error: unknown) => void } = {}) {
  const now = options.now ?? (() => new Date());
  const claimed = await db.transaction(async (tx) => {
    const due = await tx
      .select({ id: t.customerMessageId })
      .from(t)
      .where(or(eq(t.draftStatus, 'pending'), and(eq(t.draftStatus, 'drafting'), lt(t.draftClaimedAt, sql`now() - ${CLAIM_LEASE}`))))
      .limit(options.limit ?? 5)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    return tx.update(t).set({ draftStatus: 'drafting', draftClaimedAt: now() }).where(inArray(t.customerMessageId, due.map((d) => d.id))).returning();
  });
  let posted = 0;
  for (const turn of claimed) {
    const context = turn.draftContext as unknown as DraftContext;
    let draft: string | null = null;
    try {
      const articles: DraftArticle[] = [];
      for (const article of context.articles) {
        const full = options.articles?.read ? await options.articles.read(db, turn.accountId, { id: article.id, locale: context.locale }) : null;
        articles.push({ id: article.id, title: article.title, url: article.url, text: full?.text ?? article.excerpt });
      }
      draft = await drafter.draft({ question: context.question, locale: context.locale, articles });
    } catch (error) {
      options.onError?.(error);
    }
    await db.transaction(async (tx) => {
      const [state] = await tx.select({ state: schema.botConversations.state }).from(schema.botConversations).where(eq(schema.botConversations.conversationId, turn.conversationId));
      // A person took over while the model was thinking: the bot says nothing more.
      if (state?.state !== 'handling') {
        await tx.update(t).set({ draftStatus: 'failed' }).where(eq(t.customerMessageId, turn.customerMessageId));
        return;
      }
      const scope = { accountId: turn.accountId, actor: { type: 'system' as const, id: null, name: 'Answer bot', role: 'admin' as const } };
      const body = draft ? `${draft}\n\n${context.followUp}` : context.fallbackBody;
      const message = await postBotMessage(tx, scope, turn.conversationId, { customerMessageId: turn.customerMessageId, body, channelData: { ...context.channelData, ...(draft ? { botDrafted: true } : {}) } }, now());
      await tx.update(t).set({ draftStatus: draft ? 'drafted' : 'failed', botMessageId: message?.id ?? null }).where(eq(t.customerMessageId, turn.customerMessageId));
      if (message) posted++;
    });
  }
  return posted;
}
