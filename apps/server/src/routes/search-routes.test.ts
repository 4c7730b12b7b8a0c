import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountScope } from '@touchpoint/core';
import { createContact } from '@touchpoint/contacts';
import { createConversation } from '@touchpoint/conversations';
import { getTestDatabase } from '../testing/test-database.ts';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type SignedIn, type TestApp, type TestWorkspace } from '../testing/test-app.ts';

let t: TestApp;
let ws: TestWorkspace;
let agent: SignedIn;
const ids: Record<string, string> = {};
const numbers: Record<string, number> = {};

async function search(who: SignedIn, q: string, limit = 20) {
  const response = await requestAs(t.app, who, { method: 'GET', url: `/api/v1/accounts/${ws.accountId}/search?q=${encodeURIComponent(q)}&limit=${limit}` });
  expect(response.statusCode).toBe(200);
  return response.json() as { conversations: { id: string }[]; messages: { conversationId: string; snippet: string }[]; contacts: { id: string; name: string }[]; correctedQuery?: string };
}

beforeAll(async () => {
  t = await createTestApp();
  ws = await createTestWorkspace();
  agent = await signInAs(t.app, ws.agent.email);
  const { db } = await getTestDatabase();
  const scope: AccountScope = { accountId: ws.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
  const old = new Date('2023-01-15T10:00:00Z');
  const fixtures = [
    { key: 'zh', name: '王美玲', email: 'meiling@example.cn', subject: '退货申请', body: '你好，我想退货，颜色不对。', inbox: 'mine' as const },
    { key: 'ja', name: '佐藤 陽翔', email: 'haruto@example.jp', subject: '湯呑みについて', body: '先日の湯呑みを返品したいです。', inbox: 'mine' as const },
    { key: 'en', name: 'Oliver Smith', email: 'oliver@example.co.uk', subject: 'Refund for order SG-1042', body: 'The teapot arrived cracked, I would like a refund.', inbox: 'mine' as const },
    { key: 'hidden', name: 'Hidden Person', email: 'hidden@example.test', subject: 'Refund in the email inbox', body: 'refund please, and the saucepan lid', inbox: 'other' as const },
  ];
  for (const fixture of fixtures) {
    const contact = await createContact(db, scope, { name: fixture.name, email: fixture.email });
    const conversation = await createConversation(db, scope, { inboxId: ws.inboxes[fixture.inbox], contactId: contact.id, subject: fixture.subject, messages: [{ direction: 'inbound', body: fixture.body, at: old }] });
    ids[fixture.key] = conversation.id;
    ids[`${fixture.key}-contact`] = contact.id;
    numbers[fixture.key] = conversation.number;
  }
});
afterAll(() => t.close());

describe('search', () => {
  it('finds 我想退货 by 退货, and 返品したい by 返品, with no time window', async () => {
    const zh = await search(agent, '退货');
    expect(zh.conversations.map((c) => c.id)).toContain(ids.zh);
    expect(zh.messages[0]).toMatchObject({ conversationId: ids.zh, snippet: expect.stringContaining('我想退货') });
    const ja = await search(agent, '返品');
    expect(ja.conversations.map((c) => c.id)).toEqual([ids.ja]);
    const single = await search(agent, '货');
    expect(single.conversations.map((c) => c.id)).toContain(ids.zh);
  });

  it('matches English words as prefixes, order ids, and conversation numbers', async () => {
    expect((await search(agent, 'refu')).conversations.map((c) => c.id)).toContain(ids.en);
    expect((await search(agent, 'SG-1042')).conversations.map((c) => c.id)).toEqual([ids.en]);
    expect((await search(agent, `#${numbers.ja}`)).conversations.map((c) => c.id)).toEqual([ids.ja]);
  });

  it('tolerates a typo in a contact’s name and finds full-width input', async () => {
    expect((await search(agent, 'Olivr Smth')).contacts.map((c) => c.id)).toContain(ids['en-contact']);
    expect((await search(agent, 'ＲＥＦＵＮＤ')).conversations.map((c) => c.id)).toContain(ids.en);
  });

  it('corrects a typo to the closest word the account uses when nothing matches as typed, and says so', async () => {
    const typo = await search(agent, 'Refnud for order SG-1042');
    expect(typo.correctedQuery).toBe('refund for order SG-1042');
    expect(typo.conversations.map((c) => c.id)).toEqual([ids.en]);
    const swapped = await search(agent, 'tepaot');
    expect(swapped).toMatchObject({ correctedQuery: 'teapot', messages: [{ conversationId: ids.en, snippet: expect.stringContaining('teapot') }] });
    expect((await search(agent, 'refund')).correctedQuery).toBeUndefined();
  });

  it('offers no correction that would only find what the agent may not see, and none for a word too far off', async () => {
    const hiddenWord = await search(agent, 'saucepna');
    expect(hiddenWord).toMatchObject({ conversations: [], messages: [], contacts: [] });
    expect(hiddenWord.correctedQuery).toBeUndefined();
    const farOff = await search(agent, 'rfnudd');
    expect(farOff.correctedQuery).toBeUndefined();
  });

  it('never returns conversations or messages from inboxes the agent does not work in', async () => {
    const result = await search(agent, 'refund');
    expect(result.conversations.map((c) => c.id)).not.toContain(ids.hidden);
    expect(result.messages.map((m) => m.conversationId)).not.toContain(ids.hidden);
  });

  it('lists the most recently active matches first, whether the latest conversations hold enough or the index must answer', async () => {
    const { db } = await getTestDatabase();
    const scope: AccountScope = { accountId: ws.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
    const contact = await createContact(db, scope, { name: 'Kettle Owner', email: 'kettle@example.test' });
    const kettles: string[] = [];
    for (const [index, inbox] of (['mine', 'mine', 'mine', 'mine', 'mine', 'other'] as const).entries()) {
      const at = new Date(Date.UTC(2024, 0, 1 + index));
      const conversation = await createConversation(db, scope, { inboxId: ws.inboxes[inbox], contactId: contact.id, subject: `Kettle whistle ${index}`, messages: [{ direction: 'inbound', body: 'It whistles.', at }] });
      if (inbox === 'mine') kettles.unshift(conversation.id);
    }
    // Three asked for: the latest conversations hold them (the newest, in the agent's other inbox, is left out).
    expect((await search(agent, 'kettle', 3)).conversations.map((c) => c.id)).toEqual(kettles.slice(0, 3));
    // Ten asked for: only five exist for this agent, so the subject index answers, in the same order.
    expect((await search(agent, 'kettle', 10)).conversations.map((c) => c.id)).toEqual(kettles);
  });

  it('refuses an empty query with 400', async () => {
    const response = await requestAs(t.app, agent, { method: 'GET', url: `/api/v1/accounts/${ws.accountId}/search?q=%20` });
    expect(response.statusCode).toBe(400);
  });
});
