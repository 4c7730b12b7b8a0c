import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountScope } from '@touchpoint/core';
import { createContact } from '@touchpoint/contacts';
import { createConversation, sendDueScheduledMessages } from '@touchpoint/conversations';
import { getTestDatabase } from '../testing/test-database.ts';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type SignedIn, type TestApp, type TestWorkspace } from '../testing/test-app.ts';

let t: TestApp;
let ws: TestWorkspace;
let admin: SignedIn;
let agent: SignedIn;
const url = (path = '') => `/api/v1/accounts/${ws.accountId}${path}`;

/** A conversation in the agent's inbox, started by a customer message `minutesAgo` minutes ago. */
async function openConversation(subject: string, options: { inbox?: 'mine' | 'other'; minutesAgo?: number } = {}) {
  const { db } = await getTestDatabase();
  const scope: AccountScope = { accountId: ws.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
  const contact = await createContact(db, scope, { name: `Customer of ${subject}`, email: null });
  const at = new Date(Date.now() - (options.minutesAgo ?? 5) * 60_000);
  return createConversation(db, scope, { inboxId: ws.inboxes[options.inbox ?? 'mine'], contactId: contact.id, subject, messages: [{ direction: 'inbound', body: `Help with ${subject}`, at }] });
}

beforeAll(async () => {
  t = await createTestApp();
  ws = await createTestWorkspace();
  admin = await signInAs(t.app, ws.admin.email);
  agent = await signInAs(t.app, ws.agent.email);
});
afterAll(() => t.close());

describe('replies and notes', () => {
  it('records the first response and stops the waiting clock when an agent replies', async () => {
    const conversation = await openConversation('first reply');
    const before = (await requestAs(t.app, agent, { method: 'GET', url: url(`/conversations/${conversation.id}`) })).json();
    expect(before.waitingSince).not.toBeNull();
    expect(before.firstResponseAt).toBeNull();
    const reply = await requestAs(t.app, agent, { method: 'POST', url: url(`/conversations/${conversation.id}/messages`), payload: { kind: 'reply', body: 'On it!' } });
    expect(reply.statusCode).toBe(201);
    expect(reply.json()).toMatchObject({ direction: 'outbound', body: 'On it!', status: 'sent', authorName: expect.stringContaining('Agent') });
    const after = (await requestAs(t.app, agent, { method: 'GET', url: url(`/conversations/${conversation.id}`) })).json();
    expect(after.waitingSince).toBeNull();
    expect(after.firstResponseAt).not.toBeNull();
    expect(after.preview).toBe('On it!');
    expect(after.messages.map((m: { body: string }) => m.body)).toEqual(['Help with first reply', 'On it!']);
  });

  it('reopens a resolved conversation when the customer writes again, and starts the waiting clock', async () => {
    const conversation = await openConversation('reopen');
    await requestAs(t.app, agent, { method: 'POST', url: url(`/conversations/${conversation.id}/messages`), payload: { kind: 'reply', body: 'Fixed.' } });
    const resolved = await requestAs(t.app, agent, { method: 'PATCH', url: url(`/conversations/${conversation.id}`), payload: { status: 'resolved' } });
    expect(resolved.json().status).toBe('resolved');
    const inbound = await requestAs(t.app, agent, { method: 'POST', url: url(`/conversations/${conversation.id}/customer-messages`), payload: { body: 'Actually, one more thing' } });
    expect(inbound.statusCode).toBe(201);
    const after = (await requestAs(t.app, agent, { method: 'GET', url: url(`/conversations/${conversation.id}`) })).json();
    expect(after.status).toBe('open');
    expect(after.waitingSince).not.toBeNull();
  });

  it('keeps both of two replies sent at the same moment, in order', async () => {
    const conversation = await openConversation('race');
    const [one, two] = await Promise.all([
      requestAs(t.app, agent, { method: 'POST', url: url(`/conversations/${conversation.id}/messages`), payload: { kind: 'reply', body: 'from agent' } }),
      requestAs(t.app, admin, { method: 'POST', url: url(`/conversations/${conversation.id}/messages`), payload: { kind: 'reply', body: 'from admin' } }),
    ]);
    expect([one!.statusCode, two!.statusCode]).toEqual([201, 201]);
    const messages = (await requestAs(t.app, agent, { method: 'GET', url: url(`/conversations/${conversation.id}`) })).json().messages;
    expect(messages).toHaveLength(3);
    const times = messages.map((m: { createdAt: string }) => m.createdAt);
    expect(times).toEqual([...times].sort());
  });

  it('returns the first message again when a send is retried with the same clientKey', async () => {
    const conversation = await openConversation('retry');
    const payload = { kind: 'reply', body: 'Sent once', clientKey: `retry-${conversation.id}` };
    const first = await requestAs(t.app, agent, { method: 'POST', url: url(`/conversations/${conversation.id}/messages`), payload });
    const second = await requestAs(t.app, agent, { method: 'POST', url: url(`/conversations/${conversation.id}/messages`), payload });
    expect(second.json().id).toBe(first.json().id);
    const messages = (await requestAs(t.app, agent, { method: 'GET', url: url(`/conversations/${conversation.id}`) })).json().messages;
    expect(messages.filter((m: { body: string }) => m.body === 'Sent once')).toHaveLength(1);
  });

  it('notifies the people @mentioned in a note, and refuses mentions of non-members', async () => {
    const conversation = await openConversation('mention');
    const note = await requestAs(t.app, admin, { method: 'POST', url: url(`/conversations/${conversation.id}/messages`), payload: { kind: 'note', body: '@Agent can you check the warehouse?', mentionUserIds: [ws.agent.id] } });
    expect(note.json().direction).toBe('note');
    const notifications = (await requestAs(t.app, agent, { method: 'GET', url: url('/notifications?unread=true') })).json();
    expect(notifications[0]).toMatchObject({ kind: 'mentioned', conversationId: conversation.id, text: '@Agent can you check the warehouse?' });
    const mentions = (await requestAs(t.app, agent, { method: 'GET', url: url('/conversations?view=mentions') })).json();
    expect(mentions.items.map((c: { id: string }) => c.id)).toContain(conversation.id);
    expect((await requestAs(t.app, agent, { method: 'POST', url: url('/notifications/read'), payload: {} })).statusCode).toBe(204);
    expect((await requestAs(t.app, agent, { method: 'GET', url: url('/notifications?unread=true') })).json()).toEqual([]);

    const stranger = await requestAs(t.app, admin, { method: 'POST', url: url(`/conversations/${conversation.id}/messages`), payload: { kind: 'note', body: 'hi', mentionUserIds: ['00000000-0000-4000-8000-000000000001'] } });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().errors[0].path).toBe('mentionUserIds');
  });

  it('keeps a scheduled reply out of the thread until it is due, then sends it exactly once', async () => {
    const conversation = await openConversation('later');
    const soon = new Date(Date.now() + 60_000);
    const scheduled = await requestAs(t.app, agent, { method: 'POST', url: url(`/conversations/${conversation.id}/messages`), payload: { kind: 'reply', body: 'Good morning!', scheduledFor: soon.toISOString() } });
    expect(scheduled.json()).toMatchObject({ status: 'scheduled', scheduledFor: soon.toISOString() });
    let detail = (await requestAs(t.app, agent, { method: 'GET', url: url(`/conversations/${conversation.id}`) })).json();
    expect(detail.firstResponseAt).toBeNull();
    expect(detail.preview).toBe('Help with later');

    const { db } = await getTestDatabase();
    const later = new Date(soon.getTime() + 1000);
    const [first, second] = await Promise.all([sendDueScheduledMessages(db, later), sendDueScheduledMessages(db, later)]);
    expect(first + second).toBeGreaterThanOrEqual(1);
    detail = (await requestAs(t.app, agent, { method: 'GET', url: url(`/conversations/${conversation.id}`) })).json();
    expect(detail.messages.filter((m: { body: string }) => m.body === 'Good morning!')).toEqual([expect.objectContaining({ status: 'sent' })]);
    expect(detail.firstResponseAt).not.toBeNull();
  });

  it('cancels a scheduled reply, and refuses to schedule into the past or to schedule a note', async () => {
    const conversation = await openConversation('cancel');
    const scheduled = (await requestAs(t.app, agent, { method: 'POST', url: url(`/conversations/${conversation.id}/messages`), payload: { kind: 'reply', body: 'Never mind', scheduledFor: new Date(Date.now() + 3_600_000).toISOString() } })).json();
    expect((await requestAs(t.app, agent, { method: 'DELETE', url: url(`/conversations/${conversation.id}/messages/${scheduled.id}`) })).statusCode).toBe(204);
    expect((await requestAs(t.app, agent, { method: 'DELETE', url: url(`/conversations/${conversation.id}/messages/${scheduled.id}`) })).statusCode).toBe(404);
    const past = await requestAs(t.app, agent, { method: 'POST', url: url(`/conversations/${conversation.id}/messages`), payload: { kind: 'reply', body: 'x', scheduledFor: '2020-01-01T00:00:00Z' } });
    expect(past.statusCode).toBe(400);
    const note = await requestAs(t.app, agent, { method: 'POST', url: url(`/conversations/${conversation.id}/messages`), payload: { kind: 'note', body: 'x', scheduledFor: new Date(Date.now() + 60_000).toISOString() } });
    expect(note.statusCode).toBe(400);
  });

  it('stores markup in messages as text, exactly as typed', async () => {
    const conversation = await openConversation('markup');
    const body = '<img src=x onerror=alert(1)> <b>bold</b>';
    await requestAs(t.app, agent, { method: 'POST', url: url(`/conversations/${conversation.id}/messages`), payload: { kind: 'reply', body } });
    const detail = (await requestAs(t.app, agent, { method: 'GET', url: url(`/conversations/${conversation.id}`) })).json();
    expect(detail.messages.at(-1).body).toBe(body);
  });
});

describe('ticket fields', () => {
  it('snoozes only with a future time, and a snoozed conversation leaves the open list', async () => {
    const conversation = await openConversation('snooze');
    const missing = await requestAs(t.app, agent, { method: 'PATCH', url: url(`/conversations/${conversation.id}`), payload: { status: 'snoozed' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].path).toBe('snoozedUntil');
    const until = new Date(Date.now() + 86_400_000).toISOString();
    const snoozed = await requestAs(t.app, agent, { method: 'PATCH', url: url(`/conversations/${conversation.id}`), payload: { status: 'snoozed', snoozedUntil: until } });
    expect(snoozed.json()).toMatchObject({ status: 'snoozed', snoozedUntil: until });
    const open = (await requestAs(t.app, agent, { method: 'GET', url: url('/conversations?limit=200') })).json();
    expect(open.items.map((c: { id: string }) => c.id)).not.toContain(conversation.id);
    const snoozedList = (await requestAs(t.app, agent, { method: 'GET', url: url('/conversations?status=snoozed') })).json();
    expect(snoozedList.items.map((c: { id: string }) => c.id)).toContain(conversation.id);
  });

  it('assigns to members only, notifies the new assignee, and shows it in their “mine” view', async () => {
    const conversation = await openConversation('assign');
    const bad = await requestAs(t.app, admin, { method: 'PATCH', url: url(`/conversations/${conversation.id}`), payload: { assigneeId: '00000000-0000-4000-8000-000000000002' } });
    expect(bad.statusCode).toBe(400);
    const assigned = await requestAs(t.app, admin, { method: 'PATCH', url: url(`/conversations/${conversation.id}`), payload: { assigneeId: ws.agent.id, priority: 'high' } });
    expect(assigned.json()).toMatchObject({ assignee: { id: ws.agent.id }, priority: 'high' });
    const mine = (await requestAs(t.app, agent, { method: 'GET', url: url('/conversations?view=mine') })).json();
    expect(mine.items.map((c: { id: string }) => c.id)).toContain(conversation.id);
    const notifications = (await requestAs(t.app, agent, { method: 'GET', url: url('/notifications') })).json();
    expect(notifications.some((n: { kind: string; conversationId: string }) => n.kind === 'assigned' && n.conversationId === conversation.id)).toBe(true);
    const counts = (await requestAs(t.app, agent, { method: 'GET', url: url('/conversations/counts') })).json();
    expect(counts.mine).toBeGreaterThanOrEqual(1);
  });

  it('puts a conversation in a custom status under its category', async () => {
    const status = (await requestAs(t.app, admin, { method: 'POST', url: url('/custom-statuses'), payload: { name: 'Waiting for warehouse', category: 'pending' } })).json();
    const conversation = await openConversation('custom status');
    const changed = await requestAs(t.app, agent, { method: 'PATCH', url: url(`/conversations/${conversation.id}`), payload: { customStatusId: status.id } });
    expect(changed.json()).toMatchObject({ status: 'pending', customStatusId: status.id });
    const reopened = await requestAs(t.app, agent, { method: 'PATCH', url: url(`/conversations/${conversation.id}`), payload: { status: 'open' } });
    expect(reopened.json()).toMatchObject({ status: 'open', customStatusId: null });
  });

  it('applies a bulk change to every listed conversation, or to none if one is not visible', async () => {
    const one = await openConversation('bulk one');
    const two = await openConversation('bulk two');
    const hidden = await openConversation('bulk hidden', { inbox: 'other' });
    const refused = await requestAs(t.app, agent, { method: 'POST', url: url('/conversations/bulk'), payload: { conversationIds: [one.id, hidden.id], patch: { status: 'resolved' } } });
    expect(refused.statusCode).toBe(404);
    expect((await requestAs(t.app, agent, { method: 'GET', url: url(`/conversations/${one.id}`) })).json().status).toBe('open');
    const done = await requestAs(t.app, agent, { method: 'POST', url: url('/conversations/bulk'), payload: { conversationIds: [one.id, two.id], patch: { status: 'resolved' } } });
    expect(done.json()).toEqual({ updated: 2 });
  });
});

describe('the inbox list', () => {
  it('pages through every conversation once with a cursor, newest activity first', async () => {
    const own = await createTestWorkspace();
    const ownAdmin = await signInAs(t.app, own.admin.email);
    const { db } = await getTestDatabase();
    const scope: AccountScope = { accountId: own.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
    const contact = await createContact(db, scope, { name: 'Pager' });
    const sameTime = new Date(Date.now() - 60_000);
    for (let i = 0; i < 7; i++) {
      await createConversation(db, scope, { inboxId: own.inboxes.mine, contactId: contact.id, subject: `page ${i}`, messages: [{ direction: 'inbound', body: `m${i}`, at: i < 4 ? sameTime : new Date(Date.now() - i * 1000) }] });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { subject: string }[]; nextCursor: string | null } = (
        await requestAs(t.app, ownAdmin, { method: 'GET', url: `/api/v1/accounts/${own.accountId}/conversations?limit=3${cursor ? `&cursor=${cursor}` : ''}` })
      ).json();
      seen.push(...page.items.map((item) => item.subject));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect(seen.slice(0, 3)).toEqual(['page 4', 'page 5', 'page 6']);
    const bad = await requestAs(t.app, ownAdmin, { method: 'GET', url: `/api/v1/accounts/${own.accountId}/conversations?cursor=garbage` });
    expect(bad.statusCode).toBe(400);
  });

  it('filters by label and sorts by priority', async () => {
    const label = (await requestAs(t.app, admin, { method: 'POST', url: url('/labels'), payload: { name: 'refund', color: '#dc2626' } })).json();
    const duplicate = await requestAs(t.app, admin, { method: 'POST', url: url('/labels'), payload: { name: 'Refund' } });
    expect(duplicate.statusCode).toBe(409);
    expect((await requestAs(t.app, agent, { method: 'POST', url: url('/labels'), payload: { name: 'agent label' } })).statusCode).toBe(403);
    const urgent = await openConversation('urgent refund');
    await requestAs(t.app, agent, { method: 'PATCH', url: url(`/conversations/${urgent.id}`), payload: { priority: 'urgent' } });
    const labelled = await requestAs(t.app, agent, { method: 'PUT', url: url(`/conversations/${urgent.id}/labels`), payload: { labelIds: [label.id] } });
    expect(labelled.json()).toEqual([{ id: label.id, name: 'refund', color: '#dc2626' }]);
    const byLabel = (await requestAs(t.app, agent, { method: 'GET', url: url(`/conversations?labelId=${label.id}`) })).json();
    expect(byLabel.items.map((c: { id: string }) => c.id)).toEqual([urgent.id]);
    const byPriority = (await requestAs(t.app, agent, { method: 'GET', url: url('/conversations?sort=priority&limit=200') })).json();
    expect(byPriority.items[0].priority).toBe('urgent');
  });

  it('counts unread customer messages until the agent opens the conversation', async () => {
    const conversation = await openConversation('unread');
    const find = async () => (await requestAs(t.app, agent, { method: 'GET', url: url('/conversations?limit=200') })).json().items.find((c: { id: string }) => c.id === conversation.id);
    expect((await find()).unreadCount).toBe(1);
    expect((await requestAs(t.app, agent, { method: 'POST', url: url(`/conversations/${conversation.id}/read`) })).statusCode).toBe(204);
    expect((await find()).unreadCount).toBe(0);
    await requestAs(t.app, agent, { method: 'POST', url: url(`/conversations/${conversation.id}/customer-messages`), payload: { body: 'hello again' } });
    expect((await find()).unreadCount).toBe(1);
  });
});

describe('API keys', () => {
  it('see no unread counts, since read markers belong to people', async () => {
    const conversation = await openConversation('unread for a key');
    const { key } = (await requestAs(t.app, admin, { method: 'POST', url: url('/api-keys'), payload: { name: 'list reader' } })).json();
    const items = (await t.app.inject({ url: url('/conversations?limit=200'), headers: { authorization: `Bearer ${key}` } })).json().items;
    expect(items.find((c: { id: string }) => c.id === conversation.id).unreadCount).toBe(0);
  });
});

describe('canned replies', () => {
  it('fill in the conversation’s variables, with fallbacks for missing ones', async () => {
    const conversation = await openConversation('canned');
    const reply = (await requestAs(t.app, agent, { method: 'POST', url: url('/canned-replies'), payload: { shortcut: 'thanks', title: 'Thanks', body: 'Hi {{ contact.first_name }}, thanks for #{{ conversation.number }}. {{ contact.email | default: "no email" }} — {{ agent.name }}' } })).json();
    const rendered = await requestAs(t.app, agent, { method: 'POST', url: url(`/conversations/${conversation.id}/canned-replies/${reply.id}/render`) });
    expect(rendered.json().body).toBe(`Hi Customer, thanks for #${conversation.number}. no email — ${rendered.json().body.split('— ')[1]}`);
    expect(rendered.json().body).toContain('Agent');
    const found = (await requestAs(t.app, agent, { method: 'GET', url: url('/canned-replies?q=thank') })).json();
    expect(found.map((r: { shortcut: string }) => r.shortcut)).toEqual(['thanks']);
  });

  it('refuse a broken template and a shortcut already in use', async () => {
    const broken = await requestAs(t.app, agent, { method: 'POST', url: url('/canned-replies'), payload: { shortcut: 'broken', title: 'Broken', body: 'Hi {{ contact.name ' } });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().errors[0].path).toBe('body');
    await requestAs(t.app, agent, { method: 'POST', url: url('/canned-replies'), payload: { shortcut: 'dup', title: 'One', body: 'one' } });
    const dup = await requestAs(t.app, agent, { method: 'POST', url: url('/canned-replies'), payload: { shortcut: 'DUP', title: 'Two', body: 'two' } });
    expect(dup.statusCode).toBe(409);
  });
});

describe('SLA indicators', () => {
  it('show the first-response clock on a new conversation, and mark it met once an agent replies', async () => {
    const own = await createTestWorkspace();
    const ownAdmin = await signInAs(t.app, own.admin.email);
    const base = `/api/v1/accounts/${own.accountId}`;
    const policy = await requestAs(t.app, ownAdmin, { method: 'POST', url: `${base}/sla-policies`, payload: { name: 'Urgent within 30 minutes', conditions: { priorities: ['urgent'] }, firstResponseMinutes: 30 } });
    expect(policy.statusCode).toBe(201);
    const contacts = await requestAs(t.app, ownAdmin, { method: 'POST', url: `${base}/contacts`, payload: { name: 'Clock customer' } });
    const created = await requestAs(t.app, ownAdmin, { method: 'POST', url: `${base}/conversations`, payload: { inboxId: own.inboxes.mine, contactId: contacts.json().id, subject: 'Urgent!', priority: 'urgent', message: { body: 'Please hurry' } } });
    expect(created.statusCode).toBe(201);
    const first = created.json().sla;
    expect(first).toMatchObject({ policyName: 'Urgent within 30 minutes', targets: [expect.objectContaining({ target: 'first_response', state: 'ok' })] });
    await requestAs(t.app, ownAdmin, { method: 'POST', url: `${base}/conversations/${created.json().id}/messages`, payload: { kind: 'reply', body: 'Here!' } });
    const list = (await requestAs(t.app, ownAdmin, { method: 'GET', url: `${base}/conversations` })).json();
    expect(list.items[0].sla.targets.find((target: { target: string }) => target.target === 'first_response').state).toBe('met');
  });

  it('sort the list by the next running deadline, breached first and conversations without a running clock last, and filter by breached or due soon', async () => {
    const own = await createTestWorkspace();
    const ownAdmin = await signInAs(t.app, own.admin.email);
    const base = `/api/v1/accounts/${own.accountId}`;
    await requestAs(t.app, ownAdmin, { method: 'POST', url: `${base}/sla-policies`, payload: { name: 'Answer within 2 hours', firstResponseMinutes: 120 } });
    const { db } = await getTestDatabase();
    const scope: AccountScope = { accountId: own.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
    const contact = await createContact(db, scope, { name: 'Deadline customer' });
    const start = (subject: string, minutesAgo: number) =>
      createConversation(db, scope, { inboxId: own.inboxes.mine, contactId: contact.id, subject, messages: [{ direction: 'inbound', body: subject, at: new Date(Date.now() - minutesAgo * 60_000) }] });
    const fresh = await start('due in 115 minutes', 5);
    const answered = await start('answered', 150);
    const breached = await start('breached 30 minutes ago', 150);
    const soon = await start('due in 30 minutes', 90);
    const paused = await start('pending, clock paused', 160);
    await requestAs(t.app, ownAdmin, { method: 'POST', url: `${base}/conversations/${answered.id}/messages`, payload: { kind: 'reply', body: 'On it' } });
    await requestAs(t.app, ownAdmin, { method: 'PATCH', url: `${base}/conversations/${paused.id}`, payload: { status: 'pending' } });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = (
        await requestAs(t.app, ownAdmin, { method: 'GET', url: `${base}/conversations?status=any&sort=sla_due&limit=2${cursor ? `&cursor=${cursor}` : ''}` })
      ).json();
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.slice(0, 3)).toEqual([breached.id, soon.id, fresh.id]);
    expect(new Set(seen.slice(3))).toEqual(new Set([answered.id, paused.id]));

    const filtered = async (sla: string) => (await requestAs(t.app, ownAdmin, { method: 'GET', url: `${base}/conversations?status=any&sla=${sla}` })).json().items.map((item: { id: string }) => item.id);
    expect(await filtered('breached')).toEqual([breached.id]);
    expect(await filtered('due_soon')).toEqual([soon.id]);
    expect((await requestAs(t.app, ownAdmin, { method: 'GET', url: `${base}/conversations?sla=late` })).statusCode).toBe(400);
  });
});
