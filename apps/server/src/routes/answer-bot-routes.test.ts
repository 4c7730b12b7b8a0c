import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { AccountScope, PublishedEvent } from '@touchpoint/core';
import { createAnswerBotSink, settleModelTraining } from '@touchpoint/answer-bot';
import { createContact } from '@touchpoint/contacts';
import { createConversation } from '@touchpoint/conversations';
import { schema } from '@touchpoint/db';
import { askTheBotOf } from '../testing/answer-bot.ts';
import { eventsSettled } from '../testing/events-settled.ts';
import { getTestDatabase } from '../testing/test-database.ts';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type SignedIn, type TestApp, type TestWorkspace } from '../testing/test-app.ts';

let t: TestApp;
let ws: TestWorkspace;
let admin: SignedIn;
let agent: SignedIn;
const intentIds: Record<string, string> = {};

const INTENTS = [
  {
    name: 'Order status',
    replies: { en: 'You can follow your parcel from the link in your shipping email.', ja: '発送メールのリンクから配送状況をご確認いただけます。', zh: '您可以通过发货邮件中的链接查看物流。' },
    examples: ['where is my order', 'has my package shipped', 'when will my parcel arrive', 'track my delivery', 'my order has not arrived yet', '注文した商品はいつ届きますか', '荷物はどこですか', '配送状況を確認したい', '我的订单到哪里了', '包裹什么时候到', '查一下物流'],
  },
  {
    name: 'Opening hours',
    replies: { en: 'Our stores open 10:00–20:00 every day.', ja: '店舗は毎日10時から20時まで営業しています。' },
    examples: ['what are your opening hours', 'when does the store open', 'are you open on sunday', 'what time do you close today', 'store hours please', '営業時間を教えてください', '日曜日は営業していますか', '你们几点开门', '周日营业吗'],
  },
  {
    name: 'Reset password',
    replies: { en: 'Use “Forgot password” on the sign-in page to get a reset link.' },
    examples: ['i forgot my password', 'reset my password', 'i cannot log in to my account', 'change my login password', 'locked out of my account', 'パスワードを忘れました', 'ログインできません', '我忘记密码了', '无法登录账户'],
  },
];

const url = (path: string) => `/api/v1/accounts/${ws.accountId}${path}`;
const scopeOf = (accountId: string): AccountScope => ({ accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } });

async function startConversation(subject: string) {
  const { db } = await getTestDatabase();
  const contact = await createContact(db, scopeOf(ws.accountId), { name: `Customer ${subject}`, email: `${subject.replace(/\W+/g, '-')}-${Date.now()}@example.test` });
  return createConversation(db, scopeOf(ws.accountId), { inboxId: ws.inboxes.mine, contactId: contact.id, subject, messages: [] });
}

async function customerSays(conversationId: string, body: string) {
  const response = await requestAs(t.app, admin, { method: 'POST', url: url(`/conversations/${conversationId}/customer-messages`), payload: { body } });
  expect(response.statusCode).toBe(201);
  await eventsSettled(ws.accountId);
  return response.json<{ id: string }>().id;
}

async function botActivity(conversationId: string) {
  const response = await requestAs(t.app, agent, { method: 'GET', url: url(`/conversations/${conversationId}/bot`) });
  expect(response.statusCode).toBe(200);
  return response.json<{ bot: { state: string; handoverReason: string | null; answers: number } | null; turns: { action: string; reason: string; score: number | null; intent: { name: string } | null; candidates: { title: string; score: number }[]; botMessageId: string | null }[] }>();
}

async function messagesOf(conversationId: string) {
  const { db } = await getTestDatabase();
  return db.select().from(schema.messages).where(eq(schema.messages.conversationId, conversationId)).orderBy(schema.messages.createdAt);
}

async function conversationRow(conversationId: string) {
  const { db } = await getTestDatabase();
  const [row] = await db.select().from(schema.conversations).where(eq(schema.conversations.id, conversationId));
  return row!;
}

beforeAll(async () => {
  t = await createTestApp();
  ws = await createTestWorkspace('Bot shop');
  admin = await signInAs(t.app, ws.admin.email);
  agent = await signInAs(t.app, ws.agent.email);
  for (const intent of INTENTS) {
    const response = await requestAs(t.app, admin, { method: 'POST', url: url('/bot/intents'), payload: intent });
    expect(response.statusCode).toBe(201);
    intentIds[intent.name] = response.json<{ id: string }>().id;
  }
  await settleModelTraining();
});

afterAll(async () => {
  await t.close();
});

describe('intents', () => {
  it('trains a model in the background after intents change', async () => {
    const response = await requestAs(t.app, agent, { method: 'GET', url: url('/bot/model') });
    expect(response.json()).toMatchObject({ state: 'ready', intentCount: 3, exampleCount: 29 });
  });

  it('refuses a second intent with the same name, ignoring case, and a reply in an unknown language', async () => {
    const same = await requestAs(t.app, admin, { method: 'POST', url: url('/bot/intents'), payload: { name: 'order STATUS', replies: { en: 'x' } } });
    expect(same.statusCode).toBe(409);
    expect(same.headers['content-type']).toContain('application/problem+json');
    const bad = await requestAs(t.app, admin, { method: 'POST', url: url('/bot/intents'), payload: { name: 'X', replies: { fr: 'Bonjour' } } });
    expect(bad.statusCode).toBe(400);
  });

  it('lets only admins change intents', async () => {
    const response = await requestAs(t.app, agent, { method: 'POST', url: url('/bot/intents'), payload: { name: 'Agent intent', replies: { en: 'x' } } });
    expect(response.statusCode).toBe(403);
  });

  it('imports phrases from CSV with the chosen columns, creating missing intents, and refuses a file without them', async () => {
    const csv = 'id,question,topic\n1,how much is delivery,Shipping cost\n2,"is shipping free, or not",Shipping cost\n3,where is my order,Order status\n';
    const bad = await requestAs(t.app, admin, { method: 'POST', url: url('/bot/intents/import'), payload: { csv, textColumn: 'text', labelColumn: 'topic', fileName: 'faq.csv' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ detail: string }>().detail).toContain('faq.csv: no column named “text”; the columns are “id”, “question”, “topic”');
    const ok = await requestAs(t.app, admin, { method: 'POST', url: url('/bot/intents/import'), payload: { csv, textColumn: 'question', labelColumn: 'topic' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ rows: 3, examplesAdded: 2, duplicatesSkipped: 1, intentsCreated: 1 });
    const list = await requestAs(t.app, admin, { method: 'GET', url: url('/bot/intents') });
    expect(list.json<{ name: string; exampleCount: number }[]>().find((i) => i.name === 'Shipping cost')).toMatchObject({ exampleCount: 2 });
    await settleModelTraining();
  });

  it('refuses bad settings and a CSV with an empty phrase, naming the problem and changing nothing', async () => {
    const settings = await requestAs(t.app, admin, { method: 'PATCH', url: url(`/bot/inboxes/${ws.inboxes.other}`), payload: { answerThreshold: 1.5, maxAnswers: 0 } });
    expect(settings.statusCode).toBe(400);
    expect(settings.json<{ errors: { path: string }[] }>().errors.map((e) => e.path).sort()).toEqual(['answerThreshold', 'maxAnswers']);
    const before = (await requestAs(t.app, admin, { method: 'GET', url: url('/bot/intents') })).json<unknown[]>().length;
    const csv = await requestAs(t.app, admin, { method: 'POST', url: url('/bot/intents/import'), payload: { csv: 'text,label\nhello,Brand new\n,Brand new\n', textColumn: 'text', labelColumn: 'label', fileName: 'bad.csv' } });
    expect(csv.statusCode).toBe(400);
    expect(csv.json<{ detail: string }>().detail).toContain('bad.csv: line 3 has an empty “text” field');
    expect((await requestAs(t.app, admin, { method: 'GET', url: url('/bot/intents') })).json<unknown[]>()).toHaveLength(before);
  });

  it('shows what the bot would do with a question', async () => {
    const response = await requestAs(t.app, admin, { method: 'POST', url: url('/bot/preview'), payload: { text: 'when will my parcel get here', locale: 'en' } });
    expect(response.statusCode).toBe(200);
    const preview = response.json<{ action: string; candidates: { kind: string; title: string; score: number }[] }>();
    expect(preview.action).toBe('answer');
    expect(preview.candidates[0]).toMatchObject({ kind: 'intent', title: 'Order status' });
    expect(preview.candidates[0]!.score).toBeGreaterThan(0.5);
  });
});

describe('the bot in a conversation', () => {
  beforeAll(async () => {
    const response = await requestAs(t.app, admin, { method: 'PATCH', url: url(`/bot/inboxes/${ws.inboxes.mine}`), payload: { enabled: true } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ enabled: true, answerThreshold: 0.5, maxAnswers: 3 });
  });

  it('stays out of inboxes where it is not enabled', async () => {
    const { db } = await getTestDatabase();
    const contact = await createContact(db, scopeOf(ws.accountId), { name: 'Email customer', email: `email-${Date.now()}@example.test` });
    const conversation = await createConversation(db, scopeOf(ws.accountId), { inboxId: ws.inboxes.other, contactId: contact.id, subject: 'email', messages: [] });
    await customerSays(conversation.id, 'where is my order');
    expect((await messagesOf(conversation.id)).filter((m) => m.direction === 'outbound')).toHaveLength(0);
  });

  it('answers a confident question with the intent’s reply, keeps the conversation out of the queue, and says why', async () => {
    const conversation = await startConversation('order question');
    await customerSays(conversation.id, 'Where is my order? It has not arrived');
    const replies = (await messagesOf(conversation.id)).filter((m) => m.direction === 'outbound');
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body).toContain('You can follow your parcel');
    expect(replies[0]!.channelData).toMatchObject({ bot: true, botChoices: ['Yes, thanks', 'No, that didn’t help'] });
    const row = await conversationRow(conversation.id);
    expect(row.status).toBe('pending');
    expect(row.firstResponseAt).toBeNull();
    const activity = await botActivity(conversation.id);
    expect(activity.bot).toMatchObject({ state: 'handling', answers: 1 });
    expect(activity.turns).toEqual([expect.objectContaining({ action: 'answer', reason: 'confident', intent: { id: intentIds['Order status'], name: 'Order status' }, botMessageId: replies[0]!.id })]);
    expect(activity.turns[0]!.score).toBeGreaterThanOrEqual(0.5);
    expect(activity.turns[0]!.candidates[0]).toMatchObject({ title: 'Order status' });
  });

  it('answers in the customer’s language', async () => {
    const conversation = await startConversation('ja question');
    await customerSays(conversation.id, '注文した荷物はいつ届きますか');
    const [reply] = (await messagesOf(conversation.id)).filter((m) => m.direction === 'outbound');
    expect(reply!.body).toContain('発送メールのリンク');
    expect(reply!.body).toContain('こちらで解決しましたか');
  });

  it('hands over to a person, in the open queue and waiting, when an answer did not help', async () => {
    const conversation = await startConversation('failed answer');
    await customerSays(conversation.id, 'what time do you open on sunday');
    await customerSays(conversation.id, 'No, that didn’t help');
    const activity = await botActivity(conversation.id);
    expect(activity.bot).toMatchObject({ state: 'handed_over', handoverReason: 'answer_failed' });
    expect(activity.turns.map((turn) => turn.action)).toEqual(['answer', 'handover']);
    const row = await conversationRow(conversation.id);
    expect(row.status).toBe('open');
    expect(row.waitingSince).not.toBeNull();
    const last = (await messagesOf(conversation.id)).at(-1)!;
    expect(last.body).toContain('passing you to a person');
    // A person has it now: the bot stays quiet.
    await customerSays(conversation.id, 'hello? where is my order');
    expect((await messagesOf(conversation.id)).filter((m) => m.direction === 'outbound')).toHaveLength(2);
  });

  it('hands over when the customer asks for a person, and when it is not confident', async () => {
    const asked = await startConversation('asks for person');
    await customerSays(asked.id, '担当者と話したいです');
    expect((await botActivity(asked.id)).bot).toMatchObject({ state: 'handed_over', handoverReason: 'customer_asked' });
    expect((await messagesOf(asked.id)).at(-1)!.body).toContain('担当者におつなぎします');

    const unsure = await startConversation('unsure');
    await customerSays(unsure.id, 'Can your company sponsor our football club next season?');
    expect((await botActivity(unsure.id)).bot).toMatchObject({ state: 'handed_over', handoverReason: 'low_confidence' });
  });

  it('says hello to a greeting instead of handing over, then answers the question', async () => {
    const conversation = await startConversation('greeting');
    await customerSays(conversation.id, 'Hello!');
    expect((await messagesOf(conversation.id)).at(-1)!.body).toContain('What can I help you with?');
    await customerSays(conversation.id, 'how do I reset my password');
    expect((await messagesOf(conversation.id)).at(-1)!.body).toContain('Forgot password');
    expect((await botActivity(conversation.id)).turns.map((turn) => turn.action)).toEqual(['greet', 'answer']);
  });

  it('closes the conversation when the customer says the answer helped', async () => {
    const conversation = await startConversation('helped');
    await customerSays(conversation.id, 'i forgot my password');
    await customerSays(conversation.id, 'Yes, thanks');
    expect((await botActivity(conversation.id)).bot).toMatchObject({ state: 'resolved' });
    expect((await conversationRow(conversation.id)).status).toBe('resolved');
  });

  it('asks which answer fits when two intents are equally likely, and answers the one picked by number', async () => {
    for (const name of ['Gift wrapping', 'Gift cards']) {
      const response = await requestAs(t.app, admin, { method: 'POST', url: url('/bot/intents'), payload: { name, replies: { en: `About ${name.toLowerCase()}.` }, examples: ['tell me about gifts', 'gift options', 'do you do gifts'] } });
      expect(response.statusCode).toBe(201);
    }
    await settleModelTraining();
    const conversation = await startConversation('ambiguous');
    await customerSays(conversation.id, 'tell me about your gift options');
    const clarify = (await messagesOf(conversation.id)).at(-1)!;
    expect(clarify.body).toMatch(/Which one fits your question\?\n1\. Gift (cards|wrapping)\n2\. Gift (cards|wrapping)\n/);
    const choices = clarify.channelData.botChoices as string[];
    expect([...choices].sort()).toEqual(['Gift cards', 'Gift wrapping']);
    await customerSays(conversation.id, '2');
    expect((await messagesOf(conversation.id)).at(-1)!.body).toContain(`About ${choices[1]!.toLowerCase()}.`);
    expect((await botActivity(conversation.id)).turns.map((turn) => `${turn.action}/${turn.reason}`)).toEqual(['clarify/close_match', 'answer/chosen']);
  });

  it('answers each customer message once, even if the event is seen again', async () => {
    const conversation = await startConversation('twice');
    const messageId = await customerSays(conversation.id, 'store hours please');
    const [stored] = await messagesOf(conversation.id);
    const { db } = await getTestDatabase();
    const event: PublishedEvent = { id: -1, type: 'message.created', accountId: ws.accountId, occurredAt: new Date().toISOString(), audience: { kind: 'inbox', inboxId: ws.inboxes.mine }, payload: { conversationId: conversation.id, message: { id: messageId, direction: 'inbound', status: 'sent', body: stored!.body, automation: null, channelData: {} } } };
    const errors: unknown[] = [];
    await db.transaction((tx) => createAnswerBotSink({ onError: (error) => errors.push(error) })(tx, [event]));
    expect(errors).toEqual([]);
    expect((await messagesOf(conversation.id)).filter((m) => m.direction === 'outbound')).toHaveLength(1);
  });

  it('steps aside when an agent replies', async () => {
    const conversation = await startConversation('agent steps in');
    await customerSays(conversation.id, 'where is my order');
    const reply = await requestAs(t.app, agent, { method: 'POST', url: url(`/conversations/${conversation.id}/messages`), payload: { kind: 'reply', body: 'Let me check that for you.' } });
    expect(reply.statusCode).toBe(201);
    await eventsSettled(ws.accountId);
    expect((await botActivity(conversation.id)).bot).toMatchObject({ state: 'handed_over', handoverReason: 'agent_replied' });
    expect((await conversationRow(conversation.id)).firstResponseAt).not.toBeNull();
  });

  it('learns from a resolved conversation an agent marks, and only from a resolved one', async () => {
    const conversation = await startConversation('learn');
    const messageId = await customerSays(conversation.id, 'can I pay with PayPal or only by card');
    const early = await requestAs(t.app, agent, { method: 'POST', url: url(`/conversations/${conversation.id}/bot/examples`), payload: { messageId, intentId: intentIds['Reset password'] } });
    expect(early.statusCode).toBe(400);
    const payment = await requestAs(t.app, admin, { method: 'POST', url: url('/bot/intents'), payload: { name: 'Payment methods', replies: { en: 'We take cards and PayPal.' }, examples: ['which payment methods do you accept'] } });
    await requestAs(t.app, agent, { method: 'PATCH', url: url(`/conversations/${conversation.id}`), payload: { status: 'resolved' } });
    const learnt = await requestAs(t.app, agent, { method: 'POST', url: url(`/conversations/${conversation.id}/bot/examples`), payload: { messageId, intentId: payment.json<{ id: string }>().id } });
    expect(learnt.statusCode).toBe(201);
    expect(learnt.json()).toEqual({ added: 1, skipped: 0, text: 'can I pay with PayPal or only by card' });
    const intent = await requestAs(t.app, admin, { method: 'GET', url: url(`/bot/intents/${payment.json<{ id: string }>().id}`) });
    expect(intent.json<{ examples: { source: string; messageId: string | null }[] }>().examples).toContainEqual(expect.objectContaining({ source: 'conversation', messageId }));
  });

  it('learns only from customer messages of the conversation, and not across accounts', async () => {
    const conversation = await startConversation('learn-bad');
    await customerSays(conversation.id, 'where is my order');
    await requestAs(t.app, agent, { method: 'PATCH', url: url(`/conversations/${conversation.id}`), payload: { status: 'resolved' } });
    const botReply = (await messagesOf(conversation.id)).find((m) => m.direction === 'outbound')!;
    const fromBot = await requestAs(t.app, agent, { method: 'POST', url: url(`/conversations/${conversation.id}/bot/examples`), payload: { messageId: botReply.id, intentId: intentIds['Order status'] } });
    expect(fromBot.statusCode).toBe(400);
    // The agent works in inbox "mine" only: a conversation of "other" is not theirs to learn from.
    const { db } = await getTestDatabase();
    const contact = await createContact(db, scopeOf(ws.accountId), { name: 'Elsewhere', email: `elsewhere-${Date.now()}@example.test` });
    const elsewhere = await createConversation(db, scopeOf(ws.accountId), { inboxId: ws.inboxes.other, contactId: contact.id, subject: 'elsewhere', messages: [] });
    const hidden = await customerSays(elsewhere.id, 'a question in another inbox');
    await requestAs(t.app, admin, { method: 'PATCH', url: url(`/conversations/${elsewhere.id}`), payload: { status: 'resolved' } });
    const notTheirs = await requestAs(t.app, agent, { method: 'POST', url: url(`/conversations/${elsewhere.id}/bot/examples`), payload: { messageId: hidden, intentId: intentIds['Order status'] } });
    expect(notTheirs.statusCode).toBe(404);
    const other = await createTestWorkspace('Other bot shop');
    const otherAdmin = await signInAs(t.app, other.admin.email);
    const cross = await requestAs(t.app, otherAdmin, { method: 'GET', url: `/api/v1/accounts/${other.accountId}/bot/intents/${intentIds['Order status']}` });
    expect(cross.statusCode).toBe(404);
  });

  it('reports deflection and handover reasons', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const response = await requestAs(t.app, agent, { method: 'GET', url: url(`/reports/bot?from=${today}&to=${today}`) });
    expect(response.statusCode).toBe(200);
    const report = response.json<{ handled: number; deflected: number; handedOver: number; deflectionRate: number; handoverReasons: { reason: string; count: number }[]; daily: { handled: number }[] }>();
    // The agent sees inbox "mine" only, where every bot conversation of this file is.
    expect(report.handled).toBeGreaterThanOrEqual(9);
    expect(report.deflected + report.handedOver).toBeLessThanOrEqual(report.handled);
    expect(report.deflectionRate).toBeCloseTo(report.deflected / report.handled);
    expect(report.handoverReasons.map((r) => r.reason).sort()).toEqual(expect.arrayContaining(['agent_replied', 'answer_failed', 'customer_asked', 'low_confidence']));
    expect(report.daily.at(-1)!.handled).toBe(report.handled);
  });
});

describe('handing over from the widget', () => {
  it('hands over at once and only while the bot is handling', async () => {
    const { handOverToPerson } = await import('@touchpoint/answer-bot');
    const conversation = await startConversation('button');
    await customerSays(conversation.id, 'where is my order');
    const { db } = await getTestDatabase();
    expect(await handOverToPerson(db, ws.accountId, conversation.id)).toEqual({ handedOver: true });
    expect(await handOverToPerson(db, ws.accountId, conversation.id)).toEqual({ handedOver: false });
    const [state] = await db.select().from(schema.botConversations).where(and(eq(schema.botConversations.accountId, ws.accountId), eq(schema.botConversations.conversationId, conversation.id)));
    expect(state).toMatchObject({ state: 'handed_over', handoverReason: 'customer_asked' });
    const row = await conversationRow(conversation.id);
    expect(row.status).toBe('open');
    expect(row.waitingSince).not.toBeNull();
  });
});

describe('answering from the help center', () => {
  it('answers with a published article (title, excerpt, link) in the customer’s language', async () => {
    const { createHelpArticle } = await import('@touchpoint/help-center');
    const { db } = await getTestDatabase();
    const shop = await createTestWorkspace('Article shop');
    const scope = scopeOf(shop.accountId);
    await createHelpArticle(db, scope, {
      translations: {
        en: { title: 'Caring for lacquerware', description: 'Wash by hand with lukewarm water.', body: 'Wash lacquer trays by hand with lukewarm water and dry them at once.', status: 'published' },
        ja: { title: '漆器のお手入れ', description: 'ぬるま湯で手洗いしてください。', body: '漆のお盆はぬるま湯で手洗いし、すぐに拭いてください。', status: 'published' },
      },
    });
    const ask = (text: string) => askTheBotOf(t.services, scope, shop.inboxes.mine, text);
    const english = await ask('How should I wash lacquerware?');
    const [reply] = (await messagesOf(english)).filter((m) => m.direction === 'outbound');
    expect(reply!.body).toMatch(/^Caring for lacquerware\nWash by hand with lukewarm water\.\nRead more: http:\/\/touchpoint\.test\/help\/[^/]+\/en\//);
    expect(reply!.channelData).toMatchObject({ botArticle: { title: 'Caring for lacquerware' } });
    const [turn] = await db.select().from(schema.botTurns).where(eq(schema.botTurns.conversationId, english));
    expect(turn).toMatchObject({ action: 'answer', reason: 'confident', intentId: null });
    expect(turn!.articleId).not.toBeNull();

    const japanese = await ask('漆器のお手入れ方法を教えてください');
    const [jaReply] = (await messagesOf(japanese)).filter((m) => m.direction === 'outbound');
    expect(jaReply!.body).toMatch(/^漆器のお手入れ\n/);
    expect(jaReply!.body).toContain('詳しくはこちら: http://touchpoint.test/help/');
  });
});
