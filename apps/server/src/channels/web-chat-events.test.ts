import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userHashOf } from '@touchpoint/channels';
import { schema } from '@touchpoint/db';
import { getTestDatabase } from '../testing/test-database.ts';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type TestApp, type TestWorkspace } from '../testing/test-app.ts';

const SITE = 'https://shop.example';
const SECRET = 'identity-secret-for-events';

let t: TestApp;
let ws: TestWorkspace;
let channelKey: string;

beforeAll(async () => {
  t = await createTestApp();
  ws = await createTestWorkspace('SDK shop');
  const admin = await signInAs(t.app, ws.admin.email);
  const connected = await requestAs(t.app, admin, { method: 'PUT', url: `/api/v1/accounts/${ws.accountId}/inboxes/${ws.inboxes.mine}/channel`, payload: { config: { allowedOrigins: SITE }, secrets: { identitySecret: SECRET } } });
  expect(connected.statusCode, connected.body).toBe(200);
  const [row] = await (await getTestDatabase()).db.select({ channelKey: schema.inboxes.channelKey }).from(schema.inboxes).where(eq(schema.inboxes.id, ws.inboxes.mine));
  channelKey = row!.channelKey;
});
afterAll(async () => {
  await t.close();
});

const sdk = (body: Record<string, unknown>, origin = SITE) =>
  t.app.inject({ method: 'POST', url: `/widget/v1/${channelKey}/events`, remoteAddress: `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`, headers: { origin }, payload: body });

async function eventsOfAnonymous(anonymousId: string) {
  const { db } = await getTestDatabase();
  return db.select().from(schema.customerEvents).where(and(eq(schema.customerEvents.accountId, ws.accountId), eq(schema.customerEvents.anonymousId, anonymousId))).orderBy(schema.customerEvents.occurredAt);
}
async function contactByUser(userId: string) {
  const { db } = await getTestDatabase();
  const [row] = await db.select().from(schema.contacts).where(and(eq(schema.contacts.accountId, ws.accountId), eq(schema.contacts.externalId, userId)));
  return row ?? null;
}

describe('the browser SDK endpoint', () => {
  it('turns an anonymous visitor into the known customer on a valid userHash, moving their earlier events onto the profile', async () => {
    const anonymousId = randomUUID();
    const userId = `user-${randomUUID().slice(0, 8)}`;
    const before = await sdk({ batch: [{ type: 'page', messageId: randomUUID(), anonymousId, name: 'Home', timestamp: '2026-06-01T10:00:00Z' }] });
    expect(before.statusCode, before.body).toBe(200);
    const identified = await sdk({
      userId,
      userHash: userHashOf(SECRET, userId),
      batch: [{ type: 'identify', messageId: randomUUID(), anonymousId, userId, traits: { name: 'Yui', plan: 'pro' }, timestamp: '2026-06-01T10:01:00Z' }],
    });
    expect(identified.json()).toMatchObject({ accepted: 1, errors: [] });
    const contact = await contactByUser(userId);
    expect(contact).toMatchObject({ name: 'Yui', attributes: { plan: 'pro' } });
    expect((await eventsOfAnonymous(anonymousId)).map((event) => event.contactId)).toEqual([contact!.id, contact!.id]);
    // Later events with only the anonymous id land on the profile too.
    await sdk({ batch: [{ type: 'track', messageId: randomUUID(), anonymousId, event: 'Cart Viewed' }] });
    expect((await eventsOfAnonymous(anonymousId)).every((event) => event.contactId === contact!.id)).toBe(true);
  });

  it('never attaches an identify with a wrong or missing userHash to a known profile: its traits stay on the anonymous visitor', async () => {
    const userId = `user-${randomUUID().slice(0, 8)}`;
    await sdk({ userId, userHash: userHashOf(SECRET, userId), batch: [{ type: 'identify', messageId: randomUUID(), userId, anonymousId: randomUUID(), traits: { name: 'Real Owner' } }] });
    const owner = await contactByUser(userId);
    for (const userHash of [userHashOf('not-the-secret', userId), undefined]) {
      const anonymousId = randomUUID();
      const attempt = await sdk({ userId, ...(userHash ? { userHash } : {}), batch: [{ type: 'identify', messageId: randomUUID(), userId, anonymousId, traits: { name: 'Impostor', email: 'evil@example.test' } }] });
      expect(attempt.json()).toMatchObject({ accepted: 1, errors: [] });
      const [event] = await eventsOfAnonymous(anonymousId);
      expect(event).toMatchObject({ contactId: null, kind: 'identify' });
      expect(event!.properties).toMatchObject({ traits: { name: 'Impostor' } });
      expect(event!.properties).not.toHaveProperty('userId');
    }
    const alias = await sdk({ batch: [{ type: 'alias', messageId: randomUUID(), userId, previousId: randomUUID() }] });
    expect(alias.json().errors).toEqual([{ index: 0, message: expect.stringContaining('verified') }]);
    expect(await contactByUser(userId)).toMatchObject({ id: owner!.id, name: 'Real Owner', email: null });
  });

  it('finds the contact the chat already knows for a verified user, so chat and SDK share one profile', async () => {
    const { db } = await getTestDatabase();
    const userId = `chat-user-${randomUUID().slice(0, 8)}`;
    const [contact] = await db.insert(schema.contacts).values({ accountId: ws.accountId, name: 'From the chat' }).returning();
    await db.insert(schema.contactIdentities).values({ accountId: ws.accountId, channel: 'web_chat', externalId: `user:${userId}`, contactId: contact!.id });
    const anonymousId = randomUUID();
    await sdk({ userId, userHash: userHashOf(SECRET, userId), batch: [{ type: 'track', messageId: randomUUID(), userId, anonymousId, event: 'Opened Help' }] });
    expect((await eventsOfAnonymous(anonymousId)).map((event) => event.contactId)).toEqual([contact!.id]);
    expect(await contactByUser(userId)).toBeNull();
  });

  it('answers only pages from the inbox’s allowed origins', async () => {
    expect((await sdk({ batch: [{ type: 'track', messageId: randomUUID(), anonymousId: randomUUID(), event: 'x' }] }, 'https://evil.example')).statusCode).toBe(403);
  });
});
