import { and, desc, eq, inArray, isNull, notLike, or, sql } from 'drizzle-orm';
import { type AccountScope, LOCALES, type Locale, type PublishedEvent } from '@touchpoint/core';
import { postBotMessage, updateConversation } from '@touchpoint/conversations';
import { type Database, schema } from '@touchpoint/db';

type BotReplies = schema.BotReplies;
import { NONE_LABEL } from './background-phrases.ts';
import { BOT_TEXTS, detectMessageLocale } from './bot-language.ts';
import { classify } from './classifier.ts';
import { type Candidate, decideBeforeMatching, decideFromCandidates, type HandoverReason, type TurnDecision, type TurnState } from './decide-turn.ts';
import { DEFAULT_ANSWER_THRESHOLD, DEFAULT_MAX_ANSWERS } from './inbox-settings.ts';
import type { DraftContext } from './llm-drafts.ts';
import { loadAccountClassifier } from './training.ts';

/**
 * The bot at work. It reacts to `message.created` from the outbox (see apps/server/src/background.ts), so inbound
 * webhooks never wait for it, and it runs once per event inside the outbox claim; `bot_turns` (one row per customer
 * message) and the bot message's client key make a second run a no-op all the same.
 *
 * It handles a conversation of an inbox where it is enabled from the customer's first message until a person takes
 * over: it answers with an intent's reply or a help-center article when confident, asks which one when two are
 * close, and hands over — the conversation stays open and unassigned, in the normal queue, with everything said so
 * far — when it is not confident, when the customer asks for a person or says an answer did not help, or after
 * `maxAnswers` answers. A person's reply ends its part too.
 */

/** The help center, as the bot needs it (wired to `searchPublishedArticles` by apps/server). */
export interface ArticleSearch {
  search(db: Database, accountId: string, input: { query: string; locale: Locale; limit: number }): Promise<FoundArticle[]>;
  /** An article's full text (for an LLM draft grounded in it); optional. */
  read?(db: Database, accountId: string, input: { id: string; locale: Locale }): Promise<{ text: string } | null>;
}

export interface FoundArticle {
  id: string;
  title: string;
  excerpt: string;
  url: string;
  /** 0–1, how well the article matches the question. */
  score: number;
}

export interface AnswerBotOptions {
  articles?: ArticleSearch | null;
  /** An LLM drafts article answers (llm-drafts.ts): the bot then leaves them pending for the draft worker. */
  drafting?: boolean;
  now?: () => Date;
  onError?: (error: unknown, event: PublishedEvent) => void;
}

/** A pending choice keeps what answering with it needs. */
type Choice = { kind: 'intent' | 'article'; id: string; title: string; url?: string; excerpt?: string };

const botScope = (accountId: string): AccountScope => ({ accountId, actor: { type: 'system', id: null, name: 'Answer bot', role: 'admin' } });

export function createAnswerBotSink(options: AnswerBotOptions = {}) {
  return async (tx: Database, events: PublishedEvent[]) => {
    const messages = events.filter((event) => event.type === 'message.created');
    if (messages.length === 0) return;
    // Cheap early exit, once per batch: only accounts with the bot on somewhere, or still handling a conversation.
    const accountIds = [...new Set(messages.map((event) => event.accountId))];
    const enabled = await tx.selectDistinct({ accountId: schema.botInboxSettings.accountId }).from(schema.botInboxSettings).where(and(inArray(schema.botInboxSettings.accountId, accountIds), eq(schema.botInboxSettings.enabled, true)));
    const handling = await tx.selectDistinct({ accountId: schema.botConversations.accountId }).from(schema.botConversations).where(and(inArray(schema.botConversations.accountId, accountIds), eq(schema.botConversations.state, 'handling')));
    const active = new Set([...enabled, ...handling].map((row) => row.accountId));
    for (const event of messages) {
      if (!active.has(event.accountId)) continue;
      try {
        // A savepoint: a failure undoes this turn only, never the outbox claim.
        await tx.transaction((sp) => reactToMessage(sp, event, options));
      } catch (error) {
        options.onError?.(error, event);
      }
    }
  };
}

interface CreatedMessage {
  id: string;
  direction: string;
  status: string;
  body: string;
  automation: unknown;
  channelData?: Record<string, unknown>;
}

async function reactToMessage(tx: Database, event: PublishedEvent, options: AnswerBotOptions) {
  const message = event.payload.message as CreatedMessage;
  const conversationId = event.payload.conversationId as string;
  if (message.direction === 'outbound' && message.status === 'sent' && !message.automation && message.channelData?.bot !== true) {
    await endOnPersonReply(tx, event.accountId, conversationId, options.now?.() ?? new Date());
    return;
  }
  if (message.direction !== 'inbound' || message.channelData?.autoReply === true) return;
  await answerCustomerMessage(tx, event.accountId, conversationId, message, options);
}

/** A person replied while the bot was handling: the conversation is theirs now. */
async function endOnPersonReply(tx: Database, accountId: string, conversationId: string, now: Date) {
  const b = schema.botConversations;
  await tx.update(b).set({ state: 'handed_over', handoverReason: 'agent_replied', endedAt: now, pendingChoices: [] }).where(and(eq(b.accountId, accountId), eq(b.conversationId, conversationId), eq(b.state, 'handling')));
}

async function loadContext(tx: Database, accountId: string, conversationId: string) {
  const [row] = await tx
    .select({
      inboxId: schema.conversations.inboxId,
      status: schema.conversations.status,
      enabled: schema.botInboxSettings.enabled,
      answerThreshold: schema.botInboxSettings.answerThreshold,
      maxAnswers: schema.botInboxSettings.maxAnswers,
      contactLocale: schema.contacts.locale,
      defaultLocale: schema.accounts.defaultLocale,
    })
    .from(schema.conversations)
    .innerJoin(schema.contacts, eq(schema.contacts.id, schema.conversations.contactId))
    .innerJoin(schema.accounts, eq(schema.accounts.id, schema.conversations.accountId))
    .leftJoin(schema.botInboxSettings, eq(schema.botInboxSettings.inboxId, schema.conversations.inboxId))
    .where(and(eq(schema.conversations.accountId, accountId), eq(schema.conversations.id, conversationId), isNull(schema.conversations.mergedIntoId)));
  return row ?? null;
}

const asLocale = (value: string | null | undefined): Locale | null => ((LOCALES as readonly string[]).includes(value ?? '') ? (value as Locale) : null);

/** Whether a person (or the API) has already replied: the bot then never starts on this conversation. */
async function hasReplyFromPerson(tx: Database, conversationId: string) {
  const m = schema.messages;
  const [row] = await tx
    .select({ id: m.id })
    .from(m)
    .where(and(eq(m.conversationId, conversationId), eq(m.direction, 'outbound'), or(isNull(m.clientKey), notLike(m.clientKey, 'bot:%'))))
    .limit(1);
  return Boolean(row);
}

async function answerCustomerMessage(tx: Database, accountId: string, conversationId: string, message: CreatedMessage, options: AnswerBotOptions) {
  const now = options.now?.() ?? new Date();
  const context = await loadContext(tx, accountId, conversationId);
  if (!context?.enabled) return;
  const [done] = await tx.select({ id: schema.botTurns.customerMessageId }).from(schema.botTurns).where(eq(schema.botTurns.customerMessageId, message.id));
  if (done) return;
  const b = schema.botConversations;
  let [state] = await tx.select().from(b).where(eq(b.conversationId, conversationId)).for('update');
  if (!state) {
    if (await hasReplyFromPerson(tx, conversationId)) return;
    [state] = await tx.insert(b).values({ conversationId, accountId, inboxId: context.inboxId, startedAt: now }).returning();
  } else if (state.state === 'handed_over') {
    return;
  } else if (state.state === 'resolved') {
    // The customer came back after saying it helped: the bot takes the new question, with a fresh count of answers.
    [state] = await tx.update(b).set({ state: 'handling', answers: 0, endedAt: null, pendingChoices: [] }).where(eq(b.conversationId, conversationId)).returning();
  }
  const [last] = await tx.select({ action: schema.botTurns.action }).from(schema.botTurns).where(eq(schema.botTurns.conversationId, conversationId)).orderBy(desc(schema.botTurns.createdAt)).limit(1);
  const settings = { answerThreshold: context.answerThreshold ?? DEFAULT_ANSWER_THRESHOLD, maxAnswers: context.maxAnswers ?? DEFAULT_MAX_ANSWERS };
  const fallbackLocale = asLocale(context.contactLocale) ?? asLocale(context.defaultLocale) ?? 'en';
  const locale = detectMessageLocale(message.body, fallbackLocale);
  const turnState = { answers: state!.answers, lastAction: (last?.action ?? null) as TurnState['lastAction'], pendingChoices: state!.pendingChoices as Choice[] };

  let decision: TurnDecision | null = message.body.trim() ? decideBeforeMatching(message.body, turnState, settings) : { action: 'handover', reason: 'low_confidence' };
  let candidates: (Candidate & Choice)[] = [];
  const replies = new Map<string, BotReplies>();
  if (!decision) {
    ({ candidates } = await matchQuestion(tx, accountId, message.body, locale, options.articles ?? null, replies));
    decision = decideFromCandidates(candidates, settings);
  }
  await carryOut(tx, { accountId, conversationId, message, locale, defaultLocale: asLocale(context.defaultLocale) ?? 'en', status: context.status, answers: state!.answers, decision, candidates, replies, now, drafting: options.drafting ?? false });
}

/** Intents from the account's classifier and articles from the help center, as one ranked list. */
async function matchQuestion(tx: Database, accountId: string, text: string, locale: Locale, articles: ArticleSearch | null, replies: Map<string, BotReplies>) {
  const candidates: (Candidate & Choice)[] = [];
  const classifier = await loadAccountClassifier(tx, accountId);
  if (classifier) {
    const top = classify(classifier, text).ranking.filter((r) => r.label !== NONE_LABEL).slice(0, 3);
    const intents = await tx
      .select({ id: schema.botIntents.id, name: schema.botIntents.name, replies: schema.botIntents.replies })
      .from(schema.botIntents)
      .where(and(eq(schema.botIntents.accountId, accountId), eq(schema.botIntents.enabled, true), inArray(schema.botIntents.id, top.map((t) => t.label))));
    for (const ranked of top) {
      const intent = intents.find((i) => i.id === ranked.label);
      // An intent with no reply in any language cannot answer; it is left out (the bot hands over instead).
      if (!intent || Object.values(intent.replies).every((r) => !r)) continue;
      replies.set(intent.id, intent.replies);
      candidates.push({ kind: 'intent', id: intent.id, title: intent.name, score: round(ranked.confidence) });
    }
  }
  if (articles) {
    for (const article of await articles.search(tx, accountId, { query: text, locale, limit: 3 })) {
      candidates.push({ kind: 'article', id: article.id, title: article.title, score: round(article.score), url: article.url, excerpt: article.excerpt });
    }
  }
  candidates.sort((a, b) => b.score - a.score);
  return { candidates };
}

const round = (n: number) => Math.round(n * 1000) / 1000;

function replyIn(replies: BotReplies | undefined, locale: Locale, fallback: Locale) {
  return replies?.[locale] ?? replies?.[fallback] ?? Object.values(replies ?? {}).find(Boolean) ?? '';
}

interface Turn {
  accountId: string;
  conversationId: string;
  message: CreatedMessage;
  locale: Locale;
  defaultLocale: Locale;
  status: string;
  answers: number;
  decision: TurnDecision;
  candidates: (Candidate & Choice)[];
  replies: Map<string, BotReplies>;
  now: Date;
  drafting: boolean;
}

async function carryOut(tx: Database, turn: Turn) {
  const { accountId, conversationId, message, locale, decision, now } = turn;
  const texts = BOT_TEXTS[locale];
  const scope = botScope(accountId);
  const b = schema.botConversations;
  let body: string;
  let channelData: Record<string, unknown> = {};
  let intentId: string | null = null;
  let articleId: string | null = null;
  let score: number | null = null;
  switch (decision.action) {
    case 'answer': {
      const answer = decision.answer as Choice & { score: number | null };
      score = answer.score;
      if (answer.kind === 'intent') {
        intentId = answer.id;
        let replies = turn.replies.get(answer.id);
        if (!replies) [{ replies } = { replies: {} }] = await tx.select({ replies: schema.botIntents.replies }).from(schema.botIntents).where(and(eq(schema.botIntents.accountId, accountId), eq(schema.botIntents.id, answer.id)));
        body = replyIn(replies, locale, turn.defaultLocale);
      } else {
        articleId = answer.id;
        body = [answer.title, answer.excerpt, answer.url ? `${texts.readMore}: ${answer.url}` : ''].filter(Boolean).join('\n');
        channelData = { botArticle: { id: answer.id, title: answer.title, url: answer.url ?? null } };
      }
      body = `${body}\n\n${texts.followUp}`;
      channelData = { ...channelData, botChoices: [texts.yesHelped, texts.noFailed] };
      await tx.update(b).set({ answers: turn.answers + 1, pendingChoices: [] }).where(eq(b.conversationId, conversationId));
      break;
    }
    case 'clarify': {
      const choices = decision.choices as (Candidate & Choice)[];
      body = [texts.clarify, ...choices.map((c, i) => `${i + 1}. ${c.title}`), texts.replyWithNumber].join('\n');
      channelData = { botChoices: choices.map((c) => c.title) };
      score = choices[0]?.score ?? null;
      const pending: Choice[] = choices.map(({ kind, id, title, url, excerpt }) => ({ kind, id, title, ...(url ? { url } : {}), ...(excerpt ? { excerpt } : {}) }));
      await tx.update(b).set({ pendingChoices: pending }).where(eq(b.conversationId, conversationId));
      break;
    }
    case 'handover':
      body = texts.handover;
      score = turn.candidates[0]?.score ?? null;
      await tx.update(b).set({ state: 'handed_over', handoverReason: decision.reason, endedAt: now, pendingChoices: [] }).where(eq(b.conversationId, conversationId));
      break;
    case 'greet':
      body = texts.greeting;
      break;
    case 'resolved':
      body = texts.helped;
      await tx.update(b).set({ state: 'resolved', endedAt: now, pendingChoices: [] }).where(eq(b.conversationId, conversationId));
      break;
  }
  // An article answer with an LLM configured is drafted by the worker (llm-drafts.ts); the plain answer is its fallback.
  let draftContext: DraftContext | null = null;
  if (turn.drafting && decision.action === 'answer' && articleId) {
    const answered = decision.answer as Choice;
    const others = turn.candidates.filter((c) => c.kind === 'article' && c.id !== articleId && c.url);
    draftContext = {
      question: decision.reason === 'chosen' ? answered.title : message.body,
      locale,
      articles: [answered, ...others].slice(0, 3).map((a) => ({ id: a.id, title: a.title, url: a.url ?? '', excerpt: a.excerpt ?? '' })),
      fallbackBody: body,
      channelData,
      followUp: texts.followUp,
    };
  }
  const posted = draftContext ? null : await postBotMessage(tx, scope, conversationId, { customerMessageId: message.id, body, channelData, keepWaiting: decision.action === 'handover' }, now);
  await tx
    .insert(schema.botTurns)
    .values({
      customerMessageId: message.id,
      accountId,
      conversationId,
      botMessageId: posted?.id ?? null,
      action: decision.action,
      reason: decision.reason,
      intentId,
      articleId,
      score,
      candidates: turn.candidates.slice(0, 5).map(({ kind, id, title, score: s }) => ({ kind, id, title, score: s })),
      ...(draftContext ? { draftStatus: 'pending' as const, draftContext: draftContext as unknown as Record<string, unknown> } : {}),
      createdAt: now,
    })
    .onConflictDoNothing();
  // While the bot handles, the conversation waits on the customer (out of the open queue); a handover leaves it open.
  const status = decision.action === 'resolved' ? 'resolved' : decision.action === 'handover' ? 'open' : 'pending';
  if (turn.status !== status) await updateConversation(tx, scope, conversationId, { status }, now);
}

/**
 * The customer asked for a person with the widget's button (or an API call): the bot hands over at once. Nothing
 * happens when the bot is not handling the conversation.
 */
export async function handOverToPerson(db: Database, accountId: string, conversationId: string, reason: HandoverReason = 'customer_asked', now = new Date()) {
  return db.transaction(async (tx) => {
    const b = schema.botConversations;
    const [state] = await tx.select().from(b).where(and(eq(b.accountId, accountId), eq(b.conversationId, conversationId))).for('update');
    if (!state || state.state !== 'handling') return { handedOver: false };
    const context = await loadContext(tx, accountId, conversationId);
    await tx.update(b).set({ state: 'handed_over', handoverReason: reason, endedAt: now, pendingChoices: [] }).where(eq(b.conversationId, conversationId));
    const locale = asLocale(context?.contactLocale) ?? asLocale(context?.defaultLocale) ?? 'en';
    const scope = botScope(accountId);
    await postBotMessage(tx, scope, conversationId, { customerMessageId: `handover:${conversationId}:${now.getTime()}`, body: BOT_TEXTS[locale].handover, keepWaiting: true }, now);
    // The customer now waits for a person, even if the bot had answered their last message.
    await tx.update(schema.conversations).set({ waitingSince: sql`coalesce(${schema.conversations.waitingSince}, ${now.toISOString()}::timestamptz)` }).where(eq(schema.conversations.id, conversationId));
    if (context && context.status !== 'open') await updateConversation(tx, scope, conversationId, { status: 'open' }, now);
    return { handedOver: true };
  });
}
