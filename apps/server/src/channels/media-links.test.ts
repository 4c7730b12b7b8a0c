import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountScope } from '@touchpoint/core';
import { mediaLinkFor } from '@touchpoint/channels';
import { createContact } from '@touchpoint/contacts';
import { createConversation, postAgentMessage, uploadAttachment } from '@touchpoint/conversations';
import { schema } from '@touchpoint/db';
import { eq } from 'drizzle-orm';
import { getTestDatabase } from '../testing/test-database.ts';
import { createTestApp, createTestWorkspace, type TestApp, type TestWorkspace } from '../testing/test-app.ts';

let t: TestApp;
let ws: TestWorkspace;
let link: string;
let mediaKey: string;
let attachment: { id: string; fileName: string };

beforeAll(async () => {
  t = await createTestApp();
  ws = await createTestWorkspace();
  const { db } = await getTestDatabase();
  const scope: AccountScope = { accountId: ws.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
  const contact = await createContact(db, scope, { name: 'Media Customer' });
  const conversation = await createConversation(db, scope, { inboxId: ws.inboxes.mine, contactId: contact.id, subject: 'Photo', messages: [] });
  attachment = await uploadAttachment(db, t.services.files, scope, { fileName: '領収書 receipt.png', contentType: 'image/png', content: Readable.from([Buffer.from('png-bytes')]) }, 1024);
  await postAgentMessage(db, scope, conversation.id, { kind: 'reply', body: 'Here is your receipt', attachmentIds: [attachment.id] });
  [{ mediaKey }] = await db.select({ mediaKey: schema.inboxes.mediaKey }).from(schema.inboxes).where(eq(schema.inboxes.id, ws.inboxes.mine)) as [{ mediaKey: string }];
  link = mediaLinkFor('http://touchpoint.test', { mediaKey }, attachment);
});
afterAll(() => t.close());

const get = (href: string) => t.app.inject({ method: 'GET', url: new URL(href).pathname + new URL(href).search });

describe('media links for providers', () => {
  it('serves a reply’s attachment to whoever holds the signed link, as a sandboxed file', async () => {
    expect(link).toMatch(/^http:\/\/touchpoint\.test\/channels\/media\/[0-9a-f-]{36}\/.+\?expires=\d+&signature=/);
    const response = await get(link);
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('png-bytes');
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.headers['content-security-policy']).toContain('sandbox');
  });

  it('answers 404 for a changed signature, another file, an expired link, or a link signed with the public channel key', async () => {
    const tampered = new URL(link);
    tampered.searchParams.set('signature', `${tampered.searchParams.get('signature')!.slice(0, -2)}xx`);
    expect((await get(tampered.toString())).statusCode).toBe(404);
    const longer = new URL(link);
    longer.searchParams.set('expires', String(Number(longer.searchParams.get('expires')) + 60));
    expect((await get(longer.toString())).statusCode).toBe(404);
    const expired = mediaLinkFor('http://touchpoint.test', { mediaKey }, attachment, new Date(Date.now() - 2 * 24 * 3600_000));
    expect((await get(expired)).statusCode).toBe(404);
    const [{ channelKey }] = await (await getTestDatabase()).db.select({ channelKey: schema.inboxes.channelKey }).from(schema.inboxes).where(eq(schema.inboxes.id, ws.inboxes.mine)) as [{ channelKey: string }];
    expect((await get(mediaLinkFor('http://touchpoint.test', { mediaKey: channelKey }, attachment))).statusCode).toBe(404);
    const other = link.replace(attachment.id, '00000000-0000-4000-8000-000000000000');
    expect((await get(other)).statusCode).toBe(404);
  });
});
