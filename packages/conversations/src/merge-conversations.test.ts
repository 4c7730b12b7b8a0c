import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AccountScope } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { createTestWorkspace, type TestWorkspace } from '../../../apps/server/src/testing/test-app.ts';
import { getTestDatabase } from '../../../apps/server/src/testing/test-database.ts';
import { createConversation } from './conversations.ts';
import { mergeConversation, mergeParticipants } from './merge-conversations.ts';
import { postAgentMessage } from './messages.ts';
import { splitConversation } from './split-conversation.ts';

describe('mergeParticipants', () => {
  const wife = { name: 'Hana', email: 'hana@example.test', phone: null };
  const husband = { name: 'Kenji', email: null, phone: '+81 90 0000 0000' };

  it('keeps the target’s participants first, adds the source’s, then the source’s contact, once per address', () => {
    const merged = mergeParticipants(
      [{ address: 'boss@example.test', kind: 'cc' }],
      [{ address: 'BOSS@example.test', kind: 'cc' }, { address: 'shop@example.test', kind: 'cc' }],
      wife,
      husband,
    );
    expect(merged).toEqual([
      { address: 'boss@example.test', kind: 'cc' },
      { address: 'shop@example.test', kind: 'cc' },
      { name: 'Kenji', address: '+81 90 0000 0000', kind: 'participant' },
    ]);
  });

  it('never lists the target’s own contact as a participant of its conversation', () => {
    expect(mergeParticipants([], [{ address: 'Hana@example.test', kind: 'cc' }], wife, null)).toEqual([]);
  });

  it('names a contact with neither email nor phone by their name', () => {
    expect(mergeParticipants([], [], wife, { name: 'Walk-in customer', email: null, phone: null })).toEqual([{ name: 'Walk-in customer', address: 'Walk-in customer', kind: 'participant' }]);
  });
});

describe('moving messages', () => {
  let db: Database;
  let ws: TestWorkspace;
  let scope: AccountScope;
  let contactId: string;
  beforeAll(async () => {
    db = (await getTestDatabase()).db;
    ws = await createTestWorkspace('Moves shop');
    scope = { accountId: ws.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
    const [contact] = await db.insert(schema.contacts).values({ accountId: ws.accountId, name: 'Customer' }).returning();
    contactId = contact!.id;
  });
  const open = (subject: string) => createConversation(db, scope, { inboxId: ws.inboxes.mine, contactId, subject, messages: [{ direction: 'inbound', body: subject, at: new Date(Date.now() - 60_000) }] });
  const notificationsOf = (userId: string) => db.select().from(schema.notifications).where(eq(schema.notifications.userId, userId));

  it('takes a mention’s notification along with its message, on merge and on split', async () => {
    const source = await open('mention source');
    const target = await open('mention target');
    const note = await postAgentMessage(db, scope, source.id, { kind: 'note', body: 'Look at this', mentionUserIds: [ws.agent.id] });
    await mergeConversation(db, scope, source.id, target.id);
    expect((await notificationsOf(ws.agent.id)).find((row) => row.messageId === note.id)?.conversationId).toBe(target.id);

    const { id: newId } = await splitConversation(db, scope, target.id, { messageIds: [note.id] });
    expect((await notificationsOf(ws.agent.id)).find((row) => row.messageId === note.id)?.conversationId).toBe(newId);
  });

  it('writes its notes in the account’s default language', async () => {
    await db.update(schema.accounts).set({ defaultLocale: 'ja' }).where(eq(schema.accounts.id, ws.accountId));
    const source = await open('ja source');
    const target = await open('ja target');
    await mergeConversation(db, scope, source.id, target.id);
    const [note] = await db.select().from(schema.messages).where(eq(schema.messages.conversationId, source.id));
    expect(note?.body).toBe(`#${target.number} に統合しました。メッセージ・ラベル・参加者は統合先に移っています。`);
    await db.update(schema.accounts).set({ defaultLocale: 'en' }).where(eq(schema.accounts.id, ws.accountId));
  });
});
