import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { AccountScope } from '@touchpoint/core';
import { createChatCompletionsDrafter, createIntent, draftPendingAnswers, trainPendingModels } from '@touchpoint/answer-bot';
import { schema } from '@touchpoint/db';
import { createHelpArticle } from '@touchpoint/help-center';
import { askTheBotOf } from '../testing/answer-bot.ts';
import { type ReceivedRequest, startFakeProvider } from '../testing/fake-provider.ts';
import { createTestApp, createTestWorkspace, type TestApp, type TestWorkspace } from '../testing/test-app.ts';
import { getTestDatabase } from '../testing/test-database.ts';
import { createArticleSearch } from './article-search.ts';

/** "Bring your own LLM" against a fake of an OpenAI-compatible chat-completions API on loopback. */
let t: TestApp;
let ws: TestWorkspace;
let scope: AccountScope;
let fake: Awaited<ReturnType<typeof startFakeProvider>>;
const DRAFT = 'Open the link in your shipping email to follow your parcel. Source: Track your order';

const completion = (content: string) => ({ json: { id: 'chatcmpl-1', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] } });

beforeAll(async () => {
  fake = await startFakeProvider(() => completion(DRAFT));
  t = await createTestApp({ env: { BOT_LLM_URL: `${fake.url}/v1`, BOT_LLM_API_KEY: 'sk-test-secret', BOT_LLM_MODEL: 'tiny-model' } });
  ws = await createTestWorkspace('LLM shop');
  scope = { accountId: ws.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
  const { db } = await getTestDatabase();
  await createHelpArticle(db, scope, { translations: { en: { title: 'Track your order', description: 'Where your tracking link is.', body: 'We email a tracking link when your parcel leaves the workshop. Deliveries take 2 days.', status: 'published' } } });
  await createIntent(db, scope, { name: 'Opening hours', replies: { en: 'We open at ten.' }, examples: ['what are your opening hours', 'when do you open'] });
  await trainPendingModels(db);
});

afterAll(async () => {
  await t.close();
  await fake.close();
});

const ask = (text: string) => askTheBotOf(t.services, scope, ws.inboxes.mine, text);

async function botMessages(conversationId: string) {
  const { db } = await getTestDatabase();
  const rows = await db.select().from(schema.messages).where(eq(schema.messages.conversationId, conversationId)).orderBy(schema.messages.createdAt);
  return rows.filter((row) => row.direction === 'outbound');
}

async function draftNow() {
  const { db } = await getTestDatabase();
  const errors: unknown[] = [];
  const posted = await draftPendingAnswers(db, createChatCompletionsDrafter(t.services.config.botLlm!), { articles: createArticleSearch(t.services.config), onError: (error) => errors.push(error) });
  return { posted, errors };
}

describe('answers drafted by an OpenAI-compatible LLM', () => {
  it('is configured from BOT_LLM_* and makes the bot leave article answers to the draft worker', () => {
    expect(t.services.config.botLlm).toEqual({ baseUrl: `${fake.url}/v1`, apiKey: 'sk-test-secret', model: 'tiny-model', timeoutMs: 15_000 });
  });

  it('drafts an article answer off the event path, grounded in the article, and posts it with its source', async () => {
    const before = fake.received.length;
    const conversationId = await ask('How do I track my order?');
    // The event path did not call the model nor answer: the turn waits for the draft worker.
    expect(fake.received.length).toBe(before);
    expect(await botMessages(conversationId)).toHaveLength(0);

    expect((await draftNow()).posted).toBe(1);
    const [reply] = await botMessages(conversationId);
    expect(reply!.body).toContain(DRAFT);
    expect(reply!.body).toContain('Did that answer your question?');
    // Cited: the model left out the link, so the article's link is added.
    expect(reply!.body).toContain('http://touchpoint.test/help/');
    expect(reply!.channelData).toMatchObject({ bot: true, botDrafted: true });

    const request = fake.received.at(-1) as ReceivedRequest;
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/v1/chat/completions');
    expect(request.headers.authorization).toBe('Bearer sk-test-secret');
    const body = JSON.parse(request.text) as { model: string; messages: { role: string; content: string }[] };
    expect(body.model).toBe('tiny-model');
    expect(body.messages[0]!.content).toContain('using ONLY the help-center articles');
    expect(body.messages[1]!.content).toContain('We email a tracking link when your parcel leaves the workshop.');
    expect(body.messages[1]!.content).toContain("Customer's question: How do I track my order?");
    // Nothing left to draft: a second run does nothing.
    expect((await draftNow()).posted).toBe(0);
  });

  it('sends the plain article when the endpoint fails or says the articles do not answer', async () => {
    fake.setResponder(() => ({ status: 503, json: { error: { message: 'overloaded' } } }));
    const failed = await ask('where can I track my order');
    const outcome = await draftNow();
    expect(outcome.errors).toHaveLength(1);
    const [plain] = await botMessages(failed);
    expect(plain!.body).toMatch(/^Track your order\n/);
    expect(plain!.channelData.botDrafted).toBeUndefined();

    fake.setResponder(() => completion('NO_ANSWER'));
    const unanswered = await ask('track order please');
    await draftNow();
    expect((await botMessages(unanswered))[0]!.body).toMatch(/^Track your order\n/);
    fake.setResponder(() => completion(DRAFT));
  });

  it('never asks the model when an intent answers', async () => {
    const before = fake.received.length;
    const conversationId = await ask('what are your opening hours');
    expect((await botMessages(conversationId))[0]!.body).toContain('We open at ten.');
    expect((await draftNow()).posted).toBe(0);
    expect(fake.received.length).toBe(before);
  });

  it('keeps the key out of the API and out of what it stores', async () => {
    const { db } = await getTestDatabase();
    const turns = await db.select({ context: schema.botTurns.draftContext }).from(schema.botTurns).where(eq(schema.botTurns.accountId, ws.accountId));
    expect(JSON.stringify(turns)).not.toContain('sk-test-secret');
  });
});
