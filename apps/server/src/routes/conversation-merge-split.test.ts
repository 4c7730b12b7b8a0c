import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AccountScope } from '@touchpoint/core';
import { createContact } from '@touchpoint/contacts';
import { createConversation, createLabel, postAgentMessage, type NewConversation } from '@touchpoint/conversations';
import { schema } from '@touchpoint/db';
import { createSlaPolicy } from '@touchpoint/sla';
import { getTestDatabase } from '../testing/test-database.ts';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type SignedIn, type TestApp, type TestWorkspace } from '../testing/test-app.ts';

let t: TestApp;
let ws: TestWorkspace;
let admin: SignedIn;
let agent: SignedIn;
let scope: AccountScope;
const url = (path = '') => `/api/v1/accounts/${ws.accountId}${path}`;
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

interface Detail {
  id: string;
  number: number;
  status: string;
  subject: string;
  inboxId: string;
  channel: string;
  contact: { id: string; name: string };
  labels: { id: string }[];
  participants: { name?: string; address: string; kind: string }[];
  mergedInto: { id: string; number: number } | null;
  waitingSince: string | null;
  firstResponseAt: string | null;
  createdAt: string;
  preview: string;
  messages: { id: string; body: string; direction: string; status: string; createdAt: string }[];
}

async function start(subject: string, messages: NewConversation['messages'], options: { contactId?: string; inbox?: 'mine' | 'other' } = {}) {
  const { db } = await getTestDatabase();
  const contactId = options.contactId ?? (await createContact(db, scope, { name: `Customer of ${subject}`, email: `${subject.replace(/\W+/g, '-')}@example.test` })).id;
  return createConversation(db, scope, { inboxId: ws.inboxes[options.inbox ?? 'mine'], contactId, subject, messages });
}

const detail = async (id: string, who: SignedIn = admin) => (await requestAs(t.app, who, { method: 'GET', url: url(`/conversations/${id}`) })).json<Detail>();
const merge = (sourceId: string, targetConversationId: string, who: SignedIn = agent) =>
  requestAs(t.app, who, { method: 'POST', url: url(`/conversations/${sourceId}/merge`), payload: { targetConversationId } });
const split = (sourceId: string, body: { messageIds: string[]; subject?: string }, who: SignedIn = agent) =>
  requestAs(t.app, who, { method: 'POST', url: url(`/conversations/${sourceId}/split`), payload: body });
const bodies = (conversation: Detail) => conversation.messages.map((message) => message.body);
const eventsOf = async (type: string) => {
  const { db } = await getTestDatabase();
  return db.select().from(schema.outbox).where(and(eq(schema.outbox.accountId, ws.accountId), eq(schema.outbox.type, type)));
};

beforeAll(async () => {
  t = await createTestApp();
  ws = await createTestWorkspace('Merge shop');
  admin = await signInAs(t.app, ws.admin.email);
  agent = await signInAs(t.app, ws.agent.email);
  scope = { accountId: ws.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
});
afterAll(() => t.close());

describe('merging conversations', () => {
  it('moves every message, note and scheduled reply into the target in time order, and closes the source pointing at it', async () => {
    const { db } = await getTestDatabase();
    const source = await start('late parcel', [
      { direction: 'inbound', body: 'Where is my parcel?', at: minutesAgo(50) },
      { direction: 'outbound', body: 'Checking now.', authorUserId: ws.agent.id, at: minutesAgo(30) },
    ]);
    const target = await start('parcel again', [{ direction: 'inbound', body: 'Still no parcel!', at: minutesAgo(40) }]);
    await postAgentMessage(db, scope, source.id, { kind: 'note', body: 'Carrier says Tuesday' });
    await postAgentMessage(db, scope, source.id, { kind: 'reply', body: 'Follow-up tomorrow', scheduledFor: new Date(Date.now() + 86_400_000).toISOString() });

    const response = await merge(source.id, target.id);
    expect(response.statusCode).toBe(200);
    const merged = response.json<Detail>();
    expect(merged.id).toBe(target.id);
    expect(bodies(merged)).toEqual([
      'Where is my parcel?', 'Still no parcel!', 'Checking now.', 'Carrier says Tuesday', 'Follow-up tomorrow',
      `#${source.number} was merged into this conversation (4 messages moved here).`,
    ]);
    expect(merged.messages.find((message) => message.body === 'Follow-up tomorrow')?.status).toBe('scheduled');
    expect(merged.preview).toBe('Checking now.');
    expect(merged.firstResponseAt).toBe(merged.messages.find((message) => message.body === 'Checking now.')?.createdAt);
    expect(merged.waitingSince).toBeNull();

    const closed = await detail(source.id);
    expect(closed).toMatchObject({ status: 'closed', mergedInto: { id: target.id, number: target.number } });
    expect(bodies(closed)).toEqual([`Merged into #${target.number}. Its messages, labels and participants are there now.`]);
  });

  it('keeps the target’s contact, unites labels and participants, and adds the source’s other contact as a participant', async () => {
    const { db } = await getTestDatabase();
    const [vip, refund] = [await createLabel(db, scope, { name: 'VIP' }), await createLabel(db, scope, { name: 'Refund' })];
    const source = await start('from the husband', [{ direction: 'inbound', body: 'My wife ordered this', at: minutesAgo(20) }]);
    const target = await start('from the wife', [{ direction: 'inbound', body: 'I ordered this', at: minutesAgo(10) }]);
    await db.update(schema.conversations).set({ participants: [{ address: 'cc@example.test', kind: 'cc' }] }).where(eq(schema.conversations.id, source.id));
    await requestAs(t.app, agent, { method: 'PUT', url: url(`/conversations/${source.id}/labels`), payload: { labelIds: [vip.id, refund.id] } });
    await requestAs(t.app, agent, { method: 'PUT', url: url(`/conversations/${target.id}/labels`), payload: { labelIds: [vip.id] } });

    const merged = (await merge(source.id, target.id)).json<Detail>();
    expect(merged.contact.id).toBe(target.contactId);
    expect(merged.labels.map((label) => label.id).sort()).toEqual([vip.id, refund.id].sort());
    expect(merged.participants).toEqual([
      { address: 'cc@example.test', kind: 'cc' },
      { name: 'Customer of from the husband', address: 'from-the-husband@example.test', kind: 'participant' },
    ]);
    const [event] = (await eventsOf('conversation.merged')).filter((row) => row.payload.sourceConversationId === source.id);
    expect(event?.payload).toMatchObject({ conversationId: target.id, number: target.number, sourceNumber: source.number, movedMessages: 1, contactAdded: true });
  });

  it('adds no participant when both conversations are with the same contact', async () => {
    const first = await start('same person', [{ direction: 'inbound', body: 'one', at: minutesAgo(9) }]);
    const second = await start('same person again', [{ direction: 'inbound', body: 'two', at: minutesAgo(8) }], { contactId: first.contactId });
    const merged = (await merge(second.id, first.id)).json<Detail>();
    expect(merged.participants).toEqual([]);
  });

  it('hides the merged conversation from lists while search for its messages finds the target', async () => {
    const source = await start('kumquat jam', [{ direction: 'inbound', body: 'Is the zanzibarian kumquat jam vegan?', at: minutesAgo(5) }]);
    const target = await start('jam question', [{ direction: 'inbound', body: 'About jams', at: minutesAgo(4) }]);
    expect((await merge(source.id, target.id)).statusCode).toBe(200);
    const list = (await requestAs(t.app, agent, { method: 'GET', url: url('/conversations?status=any&limit=200') })).json<{ items: { id: string }[] }>();
    expect(list.items.map((item) => item.id)).toContain(target.id);
    expect(list.items.map((item) => item.id)).not.toContain(source.id);
    const found = (await requestAs(t.app, agent, { method: 'GET', url: url('/search?q=zanzibarian') })).json<{ conversations: { id: string }[]; messages: { conversationId: string; number: number }[] }>();
    expect(found.conversations.map((item) => item.id)).toEqual([target.id]);
    expect(found.messages).toEqual([expect.objectContaining({ conversationId: target.id, number: target.number })]);
    const note = (await requestAs(t.app, agent, { method: 'GET', url: url(`/search?q=${encodeURIComponent(`Merged into #${target.number}`)}`) })).json<{ messages: { conversationId: string }[] }>();
    expect(note.messages.map((message) => message.conversationId)).not.toContain(source.id);
  });

  it('reopens a resolved target when the merged-in thread has a customer still waiting, and restarts its SLA clocks', async () => {
    const { db } = await getTestDatabase();
    await createSlaPolicy(db, scope, { name: 'Merge policy', conditions: {}, firstResponseMinutes: 60, nextResponseMinutes: 30, resolutionMinutes: null, businessHoursId: null, enabled: true });
    const target = await start('answered', [
      { direction: 'inbound', body: 'Question', at: minutesAgo(60) },
      { direction: 'outbound', body: 'Answer', authorUserId: ws.agent.id, at: minutesAgo(50) },
    ]);
    await requestAs(t.app, agent, { method: 'PATCH', url: url(`/conversations/${target.id}`), payload: { status: 'resolved' } });
    const source = await start('unanswered', [{ direction: 'inbound', body: 'Another question', at: minutesAgo(10) }], { contactId: target.contactId });

    const merged = (await merge(source.id, target.id)).json<Detail & { sla: { targets: { target: string; state: string }[] } | null }>();
    expect(merged.status).toBe('open');
    expect(merged.waitingSince).toBe(merged.messages.find((message) => message.body === 'Another question')?.createdAt);
    expect(merged.sla?.targets.find((target) => target.target === 'next_response')?.state).toMatch(/ok|due_soon/);
    const sourceSla = (await requestAs(t.app, agent, { method: 'GET', url: url(`/conversations/${source.id}/sla`) })).json<{ targets: { state: string }[] }>();
    expect(sourceSla.targets.every((target) => target.state !== 'ok' && target.state !== 'due_soon')).toBe(true);
  });

  it('runs automation rules on conversation.merged against the conversation that stays', async () => {
    const { db } = await getTestDatabase();
    const label = await createLabel(db, scope, { name: 'Merged thread' });
    const rule = await requestAs(t.app, admin, {
      method: 'POST',
      url: url('/automation-rules'),
      payload: { name: 'Tag merges', event: 'conversation.merged', conditions: [], actions: [{ type: 'add_label', params: { labelId: label.id } }] },
    });
    expect(rule.statusCode, rule.body).toBe(201);
    const source = await start('rule source', [{ direction: 'inbound', body: 'r1', at: minutesAgo(3) }]);
    const target = await start('rule target', [{ direction: 'inbound', body: 'r2', at: minutesAgo(2) }]);
    await merge(source.id, target.id);
    await vi.waitFor(async () => expect((await detail(target.id)).labels.map((item) => item.id)).toContain(label.id), { timeout: 5000 });
    await requestAs(t.app, admin, { method: 'PATCH', url: url(`/automation-rules/${rule.json().id}`), payload: { enabled: false } });
  });

  it('runs no rule on the merged conversation itself, which is read-only', async () => {
    const rule = await requestAs(t.app, admin, {
      method: 'POST',
      url: url('/automation-rules'),
      payload: { name: 'Note on close', event: 'conversation.updated', conditions: [{ field: 'status', operator: 'equals', value: 'closed' }], actions: [{ type: 'add_note', params: { body: 'closed by rule' } }] },
    });
    const ruleId = rule.json<{ id: string }>().id;
    const source = await start('ruled source', [{ direction: 'inbound', body: 's', at: minutesAgo(3) }]);
    const target = await start('ruled target', [{ direction: 'inbound', body: 't', at: minutesAgo(2) }]);
    await merge(source.id, target.id);
    const control = await start('closed by hand', [{ direction: 'inbound', body: 'c', at: minutesAgo(1) }]);
    await requestAs(t.app, agent, { method: 'PATCH', url: url(`/conversations/${control.id}`), payload: { status: 'closed' } });
    await vi.waitFor(async () => expect(bodies(await detail(control.id))).toContain('closed by rule'), { timeout: 5000 });
    const runs = (await requestAs(t.app, admin, { method: 'GET', url: url(`/automation-rules/${ruleId}/runs`) })).json<{ conversationId: string }[]>();
    expect(runs.map((run) => run.conversationId)).not.toContain(source.id);
    await requestAs(t.app, admin, { method: 'PATCH', url: url(`/automation-rules/${ruleId}`), payload: { enabled: false } });
  });

  it('records who merged what in the audit log', async () => {
    const source = await start('audited source', [{ direction: 'inbound', body: 'a', at: minutesAgo(3) }]);
    const target = await start('audited target', [{ direction: 'inbound', body: 'b', at: minutesAgo(2) }]);
    await merge(source.id, target.id);
    const log = (await requestAs(t.app, admin, { method: 'GET', url: url('/audit-log') })).json<{ items: { action: string; targetId: string; actor: { name: string }; details: Record<string, unknown> }[] }>();
    const entry = log.items.find((item) => item.action === 'conversation.merged' && item.targetId === source.id);
    expect(entry).toMatchObject({ actor: { name: expect.stringContaining('Agent') }, details: { targetConversationId: target.id, movedMessages: 1 } });
  });

  it('refuses further work on a merged conversation, but a customer writing to it reaches the target', async () => {
    const source = await start('old thread', [{ direction: 'inbound', body: 'first', at: minutesAgo(7) }]);
    const target = await start('new thread', [{ direction: 'inbound', body: 'second', at: minutesAgo(6) }]);
    await merge(source.id, target.id);
    const reply = await requestAs(t.app, agent, { method: 'POST', url: url(`/conversations/${source.id}/messages`), payload: { kind: 'reply', body: 'lost?' } });
    expect(reply.statusCode).toBe(409);
    expect(reply.headers['content-type']).toContain('application/problem+json');
    expect(reply.json().detail).toContain(`#${target.number}`);
    expect((await requestAs(t.app, agent, { method: 'PATCH', url: url(`/conversations/${source.id}`), payload: { status: 'open' } })).statusCode).toBe(409);
    const inbound = await requestAs(t.app, agent, { method: 'POST', url: url(`/conversations/${source.id}/customer-messages`), payload: { body: 'replying to the old email' } });
    expect(inbound.statusCode).toBe(201);
    expect(inbound.json().conversationId).toBe(target.id);
    expect(bodies(await detail(target.id))).toContain('replying to the old email');
  });

  it('points earlier merges at the survivor when a target is merged on', async () => {
    const first = await start('chain one', [{ direction: 'inbound', body: '1', at: minutesAgo(9) }]);
    const second = await start('chain two', [{ direction: 'inbound', body: '2', at: minutesAgo(8) }]);
    const third = await start('chain three', [{ direction: 'inbound', body: '3', at: minutesAgo(7) }]);
    await merge(first.id, second.id);
    await merge(second.id, third.id);
    expect((await detail(first.id)).mergedInto).toEqual({ id: third.id, number: third.number });
    expect(bodies(await detail(third.id)).slice(0, 3)).toEqual(['1', '2', '3']);
  });

  describe('refuses, changing nothing,', () => {
    async function pair(subject: string) {
      const source = await start(`${subject} source`, [{ direction: 'inbound', body: `${subject} s`, at: minutesAgo(6) }]);
      const target = await start(`${subject} target`, [{ direction: 'inbound', body: `${subject} t`, at: minutesAgo(5) }]);
      return { source, target };
    }
    async function expectUnchanged(ids: string[], attempt: () => Promise<{ statusCode: number; json(): { code: string } }>, status: number) {
      const before = await Promise.all(ids.map((id) => detail(id)));
      const response = await attempt();
      expect(response.statusCode).toBe(status);
      const after = await Promise.all(ids.map((id) => detail(id)));
      expect(after.map(({ messages, status, mergedInto, labels }) => ({ messages, status, mergedInto, labels }))).toEqual(
        before.map(({ messages, status, mergedInto, labels }) => ({ messages, status, mergedInto, labels })),
      );
      return response.json();
    }

    it('a merge into itself (400)', async () => {
      const { source } = await pair('self');
      const problem = await expectUnchanged([source.id], () => merge(source.id, source.id), 400);
      expect(problem.code).toBe('validation_failed');
    });

    it('a merge into a conversation that was itself merged (409)', async () => {
      const { source, target } = await pair('merged target');
      const other = await start('elsewhere', [{ direction: 'inbound', body: 'x', at: minutesAgo(1) }]);
      await merge(target.id, other.id);
      expect((await expectUnchanged([source.id, other.id], () => merge(source.id, target.id), 409)).code).toBe('conflict');
    });

    it('a source that was already merged (409)', async () => {
      const { source, target } = await pair('merged source');
      const other = await start('third', [{ direction: 'inbound', body: 'y', at: minutesAgo(1) }]);
      await merge(source.id, other.id);
      await expectUnchanged([target.id, other.id], () => merge(source.id, target.id), 409);
    });

    it('a target in another account (404)', async () => {
      const { source } = await pair('foreign');
      const elsewhere = await createTestWorkspace('Other shop');
      const { db } = await getTestDatabase();
      const foreignScope: AccountScope = { accountId: elsewhere.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
      const contact = await createContact(db, foreignScope, { name: 'Foreign' });
      const foreign = await createConversation(db, foreignScope, { inboxId: elsewhere.inboxes.mine, contactId: contact.id, subject: 'Secret of B', messages: [{ direction: 'inbound', body: 'b', at: new Date() }] });
      const problem = await expectUnchanged([source.id], () => merge(source.id, foreign.id, admin), 404);
      expect(problem.code).toBe('not_found');
      const [untouched] = await db.select().from(schema.conversations).where(eq(schema.conversations.id, foreign.id));
      expect(untouched).toMatchObject({ status: 'open', mergedIntoId: null });
    });

    it('a target in an inbox the agent does not work in (404)', async () => {
      const { source } = await pair('hidden');
      const hidden = await start('invisible one', [{ direction: 'inbound', body: 'h', at: minutesAgo(1) }], { inbox: 'other' });
      await expectUnchanged([source.id, hidden.id], () => merge(source.id, hidden.id, agent), 404);
    });

    it('a body without a target (400)', async () => {
      const { source } = await pair('no body');
      await expectUnchanged([source.id], () => requestAs(t.app, agent, { method: 'POST', url: url(`/conversations/${source.id}/merge`), payload: { targetConversationId: 'nope' } }), 400);
    });
  });

  it('moves messages once when the same merge is sent twice at the same moment, and never deadlocks on opposite merges', async () => {
    const { source, target } = { source: await start('twice a', [{ direction: 'inbound', body: 'race a', at: minutesAgo(4) }]), target: await start('twice b', [{ direction: 'inbound', body: 'race b', at: minutesAgo(3) }]) };
    const answers = await Promise.all([merge(source.id, target.id), merge(source.id, target.id)]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 409]);
    expect(bodies(await detail(target.id)).filter((body) => body.includes('was merged into this conversation'))).toHaveLength(1);
    expect(bodies(await detail(target.id)).filter((body) => body === 'race a')).toHaveLength(1);

    const left = await start('opposite a', [{ direction: 'inbound', body: 'left', at: minutesAgo(2) }]);
    const right = await start('opposite b', [{ direction: 'inbound', body: 'right', at: minutesAgo(1) }]);
    const opposite = await Promise.all([merge(left.id, right.id), merge(right.id, left.id)]);
    expect(opposite.map((answer) => answer.statusCode).sort()).toEqual([200, 409]);
    const [l, r] = [await detail(left.id), await detail(right.id)];
    expect([l.mergedInto, r.mergedInto].filter(Boolean)).toHaveLength(1);
  });
});

describe('splitting a conversation', () => {
  it('moves the chosen messages to a new open conversation with the same contact and inbox, and the next number', async () => {
    const source = await start('two questions', [
      { direction: 'inbound', body: 'Can I change my address?', at: minutesAgo(50) },
      { direction: 'outbound', body: 'Done.', authorUserId: ws.agent.id, at: minutesAgo(40) },
      { direction: 'inbound', body: 'Also, do you ship to Okinawa?', at: minutesAgo(30) },
    ]);
    const okinawa = (await detail(source.id)).messages[2]!;
    const response = await split(source.id, { messageIds: [okinawa.id], subject: 'Shipping to Okinawa' });
    expect(response.statusCode).toBe(201);
    const created = response.json<Detail>();
    expect(created).toMatchObject({ number: source.number + 1, subject: 'Shipping to Okinawa', status: 'open', contact: { id: source.contactId }, inboxId: source.inboxId, channel: 'web_chat' });
    expect(bodies(created)).toEqual(['Also, do you ship to Okinawa?', `Split from #${source.number}.`]);
    expect(created.messages[0]!.id).toBe(okinawa.id);
    expect(created).toMatchObject({ waitingSince: okinawa.createdAt, firstResponseAt: null, createdAt: okinawa.createdAt });

    const rest = await detail(source.id);
    expect(bodies(rest)).toEqual(['Can I change my address?', 'Done.', `1 message was split off into #${created.number}.`]);
    expect(rest.waitingSince).toBeNull();
    expect(rest.firstResponseAt).not.toBeNull();

    const [event] = (await eventsOf('conversation.split')).filter((row) => row.payload.conversationId === source.id);
    expect(event?.payload).toMatchObject({ newConversationId: created.id, newNumber: created.number, messageIds: [okinawa.id] });
    const log = (await requestAs(t.app, admin, { method: 'GET', url: url('/audit-log') })).json<{ items: { action: string; targetId: string }[] }>();
    expect(log.items.some((item) => item.action === 'conversation.split' && item.targetId === source.id)).toBe(true);
  });

  it('keeps the original subject when none is given', async () => {
    const source = await start('keep subject', [
      { direction: 'inbound', body: 'one', at: minutesAgo(3) },
      { direction: 'inbound', body: 'two', at: minutesAgo(2) },
    ]);
    const second = (await detail(source.id)).messages[1]!;
    expect((await split(source.id, { messageIds: [second.id] })).json<Detail>().subject).toBe('keep subject');
  });

  describe('refuses, changing nothing,', () => {
    async function threeMessages(subject: string) {
      const source = await start(subject, [
        { direction: 'inbound', body: `${subject} 1`, at: minutesAgo(3) },
        { direction: 'inbound', body: `${subject} 2`, at: minutesAgo(2) },
      ]);
      return { source, messages: (await detail(source.id)).messages };
    }
    async function expectRefused(sourceId: string, body: { messageIds: string[] }, status: number) {
      const before = await detail(sourceId);
      const countBefore = (await requestAs(t.app, admin, { method: 'GET', url: url('/conversations?status=any&limit=200') })).json().items.length;
      const response = await split(sourceId, body);
      expect(response.statusCode).toBe(status);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect((await detail(sourceId)).messages).toEqual(before.messages);
      expect((await requestAs(t.app, admin, { method: 'GET', url: url('/conversations?status=any&limit=200') })).json().items.length).toBe(countBefore);
    }

    it('no messages (400)', async () => {
      const { source } = await threeMessages('none chosen');
      await expectRefused(source.id, { messageIds: [] }, 400);
    });

    it('every message of the conversation (400)', async () => {
      const { source, messages } = await threeMessages('all chosen');
      await expectRefused(source.id, { messageIds: messages.map((message) => message.id) }, 400);
    });

    it('a message of another conversation (400)', async () => {
      const { source } = await threeMessages('mine');
      const { messages: others } = await threeMessages('theirs');
      await expectRefused(source.id, { messageIds: [others[0]!.id] }, 400);
    });

    it('an id that is no message at all (400)', async () => {
      const { source } = await threeMessages('unknown');
      await expectRefused(source.id, { messageIds: ['00000000-0000-4000-8000-000000000000'] }, 400);
    });

    it('a merged conversation (409)', async () => {
      const { source, messages } = await threeMessages('merged away');
      const target = await start('merge target', [{ direction: 'inbound', body: 't', at: minutesAgo(1) }]);
      await merge(source.id, target.id);
      await expectRefused(source.id, { messageIds: [messages[0]!.id] }, 409);
    });
  });
});
