import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { AccountScope } from '@touchpoint/core';
import { createContact } from '@touchpoint/contacts';
import { createConversation, purgeUnsentAttachments, sendDueScheduledMessages } from '@touchpoint/conversations';
import { schema } from '@touchpoint/db';
import { UNSENT_ATTACHMENT_RETENTION_MS } from '../background.ts';
import { getTestDatabase } from '../testing/test-database.ts';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type SignedIn, type TestApp, type TestWorkspace } from '../testing/test-app.ts';

const MAX_BYTES = 1024;
let t: TestApp;
let ws: TestWorkspace;
let admin: SignedIn;
let agent: SignedIn;
const url = (path = '') => `/api/v1/accounts/${ws.accountId}${path}`;

/** A multipart body exactly as a browser's FormData sends it. */
async function formData(parts: { name: string; fileName?: string; type?: string; content: string | Uint8Array }[]) {
  const form = new FormData();
  for (const part of parts) {
    if (part.fileName === undefined) form.append(part.name, String(part.content));
    else form.append(part.name, new Blob([part.content], { type: part.type ?? '' }), part.fileName);
  }
  const request = new Request('http://local/', { method: 'POST', body: form });
  return { payload: Buffer.from(await request.arrayBuffer()), headers: { 'content-type': request.headers.get('content-type')! } };
}

async function upload(who: SignedIn, fileName: string, content: string | Uint8Array, type = 'text/plain') {
  const body = await formData([{ name: 'file', fileName, type, content }]);
  return requestAs(t.app, who, { method: 'POST', url: url('/attachments'), ...body, headers: body.headers });
}

async function openConversation(subject: string, inbox: 'mine' | 'other' = 'mine') {
  const { db } = await getTestDatabase();
  const scope: AccountScope = { accountId: ws.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
  const contact = await createContact(db, scope, { name: `Customer of ${subject}` });
  return createConversation(db, scope, { inboxId: ws.inboxes[inbox], contactId: contact.id, subject, messages: [{ direction: 'inbound', body: 'Photo of the damage?', at: new Date() }] });
}

const storedFiles = () => {
  const dir = join(t.services.config.files.dir, ws.accountId);
  return existsSync(dir) ? readdirSync(dir) : [];
};

beforeAll(async () => {
  t = await createTestApp({ env: { ATTACHMENT_MAX_BYTES: String(MAX_BYTES) } });
  ws = await createTestWorkspace();
  admin = await signInAs(t.app, ws.admin.email);
  agent = await signInAs(t.app, ws.agent.email);
});
afterAll(() => t.close());

describe('uploading', () => {
  it('stores a browser upload and describes it with a download url', async () => {
    const response = await upload(agent, 'receipt.txt', 'Order #1001, paid');
    expect(response.statusCode).toBe(201);
    const attachment = response.json();
    expect(attachment).toEqual({ id: expect.any(String), fileName: 'receipt.txt', contentType: 'text/plain', byteSize: 17, url: url(`/attachments/${attachment.id}`) });
    expect(storedFiles()).toContain(attachment.id);
  });

  it('keeps a Japanese file name as it was written', async () => {
    const response = await upload(agent, '破損した商品の写真.png', new Uint8Array([137, 80, 78, 71]), 'image/png');
    expect(response.json().fileName).toBe('破損した商品の写真.png');
  });

  it('drops folders from the name a client sends and never uses the name on disk', async () => {
    const response = await upload(agent, '../../etc/passwd', 'not really');
    expect(response.statusCode).toBe(201);
    expect(response.json().fileName).toBe('passwd');
    expect(storedFiles()).not.toContain('passwd');
  });

  it('documents the upload as a multipart file part in OpenAPI', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const body = doc.paths['/api/v1/accounts/{accountId}/attachments'].post.requestBody.content['multipart/form-data'].schema;
    expect(body).toMatchObject({ required: ['file'], properties: { file: { type: 'string', format: 'binary' } } });
  });

  it('tells clients the size limit', async () => {
    const response = await requestAs(t.app, agent, { method: 'GET', url: url('/attachments/limits') });
    expect(response.json()).toEqual({ maxBytes: MAX_BYTES });
  });

  it('refuses a file past the limit with 413 and keeps nothing', async () => {
    const before = storedFiles().length;
    const response = await upload(agent, 'big.bin', new Uint8Array(MAX_BYTES + 1), 'application/octet-stream');
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().code).toBe('payload_too_large');
    expect(storedFiles()).toHaveLength(before);
    expect(readdirSync(join(t.services.config.files.dir, '.incoming'))).toEqual([]);
  });

  it('accepts a file of exactly the limit', async () => {
    const response = await upload(agent, 'just-fits.bin', new Uint8Array(MAX_BYTES), 'application/octet-stream');
    expect(response.statusCode).toBe(201);
    expect(response.json().byteSize).toBe(MAX_BYTES);
  });

  it('refuses an empty file with 400 and keeps nothing', async () => {
    const before = storedFiles().length;
    const response = await upload(agent, 'empty.txt', '');
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([{ path: 'file', message: 'is empty' }]);
    expect(storedFiles()).toHaveLength(before);
  });

  it('answers 400 when the form has no file part', async () => {
    const body = await formData([{ name: 'note', content: 'no file here' }]);
    const response = await requestAs(t.app, agent, { method: 'POST', url: url('/attachments'), ...body });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([{ path: 'file', message: 'is missing' }]);
  });

  it('answers 400 to a form cut off in the middle of the file, and keeps nothing', async () => {
    const before = storedFiles().length;
    const body = await formData([{ name: 'file', fileName: 'cut.txt', content: 'x'.repeat(500) }]);
    const response = await requestAs(t.app, agent, { method: 'POST', url: url('/attachments'), payload: body.payload.subarray(0, body.payload.length - 200), headers: body.headers });
    expect(response.statusCode).toBe(400);
    expect(storedFiles()).toHaveLength(before);
    expect(readdirSync(join(t.services.config.files.dir, '.incoming'))).toEqual([]);
  });

  it('leaves other routes refusing multipart bodies with 415', async () => {
    const body = await formData([{ name: 'body', content: 'hello' }]);
    const response = await requestAs(t.app, agent, { method: 'POST', url: url('/notifications/read'), ...body });
    expect(response.statusCode).toBe(415);
  });

  it('answers 415 to a JSON body', async () => {
    const response = await requestAs(t.app, agent, { method: 'POST', url: url('/attachments'), payload: { file: 'aGVsbG8=' } });
    expect(response.statusCode).toBe(415);
  });

  it('needs the CSRF token with a session cookie', async () => {
    const body = await formData([{ name: 'file', fileName: 'a.txt', content: 'hi' }]);
    const response = await t.app.inject({ method: 'POST', url: url('/attachments'), ...body, headers: { ...body.headers, cookie: agent.cookie } });
    expect(response.statusCode).toBe(403);
  });

  it('keeps an unknown content type as application/octet-stream', async () => {
    const response = await upload(agent, 'data.weird', 'x', 'not a type<script>');
    expect(response.json().contentType).toBe('application/octet-stream');
  });
});

describe('sending with attachments', () => {
  it('sends a reply with files, lists them on the message and puts them in the message.created event', async () => {
    const conversation = await openConversation('reply with a file');
    const file = (await upload(agent, 'label.pdf', '%PDF-1.4 label', 'application/pdf')).json();
    const events: { type: string; payload: { message?: { id?: string; attachments?: unknown[] } } }[] = [];
    const unsubscribe = t.bus.subscribe((event) => void events.push(event as never));
    const reply = await requestAs(t.app, agent, { method: 'POST', url: url(`/conversations/${conversation.id}/messages`), payload: { kind: 'reply', body: 'Here is your return label.', attachmentIds: [file.id] } });
    expect(reply.statusCode).toBe(201);
    expect(reply.json().attachments).toEqual([file]);
    const thread = (await requestAs(t.app, agent, { method: 'GET', url: url(`/conversations/${conversation.id}`) })).json();
    expect(thread.messages.at(-1).attachments).toEqual([file]);
    expect(thread.messages[0].attachments).toEqual([]);
    // Other messages' events (this conversation's first message, other tests') may arrive too: find this reply's.
    await expect.poll(() => events.find((event) => event.type === 'message.created' && event.payload.message?.id === reply.json().id)?.payload.message?.attachments).toEqual([file]);
    unsubscribe();
  });

  it('sends a note that is only a file, with an empty body', async () => {
    const conversation = await openConversation('note with only a file');
    const file = (await upload(agent, 'screenshot.png', new Uint8Array([1, 2, 3]), 'image/png')).json();
    const note = await requestAs(t.app, agent, { method: 'POST', url: url(`/conversations/${conversation.id}/messages`), payload: { kind: 'note', body: '', attachmentIds: [file.id] } });
    expect(note.statusCode).toBe(201);
    expect(note.json()).toMatchObject({ direction: 'note', body: '', attachments: [file] });
  });

  it('shows the file name as the list preview of a reply that is only files', async () => {
    const conversation = await openConversation('reply with only a file');
    const file = (await upload(agent, '返品ラベル.pdf', '%PDF-1.4 label', 'application/pdf')).json();
    const reply = await requestAs(t.app, agent, { method: 'POST', url: url(`/conversations/${conversation.id}/messages`), payload: { kind: 'reply', body: '', attachmentIds: [file.id] } });
    expect(reply.statusCode).toBe(201);
    const list = (await requestAs(t.app, agent, { method: 'GET', url: url('/conversations?view=all&status=any&limit=50') })).json();
    expect(list.items.find((item: { id: string }) => item.id === conversation.id).preview).toBe('📎 返品ラベル.pdf');
  });

  it('still refuses an empty message without files', async () => {
    const conversation = await openConversation('empty');
    const response = await requestAs(t.app, agent, { method: 'POST', url: url(`/conversations/${conversation.id}/messages`), payload: { kind: 'reply', body: '  ' } });
    expect(response.statusCode).toBe(400);
  });

  it('refuses a file that is already on another message, and creates nothing', async () => {
    const conversation = await openConversation('reuse');
    const file = (await upload(agent, 'once.txt', 'only once')).json();
    await requestAs(t.app, agent, { method: 'POST', url: url(`/conversations/${conversation.id}/messages`), payload: { kind: 'note', body: 'first', attachmentIds: [file.id] } });
    const again = await requestAs(t.app, agent, { method: 'POST', url: url(`/conversations/${conversation.id}/messages`), payload: { kind: 'reply', body: 'second', attachmentIds: [file.id] } });
    expect(again.statusCode).toBe(400);
    expect(again.json().errors[0].path).toBe('attachmentIds');
    const thread = (await requestAs(t.app, agent, { method: 'GET', url: url(`/conversations/${conversation.id}`) })).json();
    expect(thread.messages.map((m: { body: string }) => m.body)).toEqual(['Photo of the damage?', 'first']);
  });

  it('refuses another account’s upload, and a good file sent with it stays unsent', async () => {
    const other = await createTestWorkspace('Other shop');
    const otherAdmin = await signInAs(t.app, other.admin.email);
    const body = await formData([{ name: 'file', fileName: 'theirs.txt', content: 'theirs' }]);
    const theirs = (await requestAs(t.app, otherAdmin, { method: 'POST', url: `/api/v1/accounts/${other.accountId}/attachments`, ...body })).json();
    const mine = (await upload(agent, 'mine.txt', 'mine')).json();
    const conversation = await openConversation('foreign file');
    const response = await requestAs(t.app, agent, { method: 'POST', url: url(`/conversations/${conversation.id}/messages`), payload: { kind: 'reply', body: 'stolen', attachmentIds: [mine.id, theirs.id] } });
    expect(response.statusCode).toBe(400);
    const { db } = await getTestDatabase();
    const [row] = await db.select().from(schema.attachments).where(eq(schema.attachments.id, mine.id));
    expect(row!.messageId).toBeNull();
    expect((await requestAs(t.app, agent, { method: 'GET', url: url(`/attachments/${theirs.id}`) })).statusCode).toBe(404);
  });

  it('keeps the files of a scheduled reply and shows them when it goes out', async () => {
    const conversation = await openConversation('scheduled with a file');
    const file = (await upload(agent, 'invoice.txt', 'Invoice 42')).json();
    const scheduled = await requestAs(t.app, agent, {
      method: 'POST',
      url: url(`/conversations/${conversation.id}/messages`),
      payload: { kind: 'reply', body: 'Your invoice', scheduledFor: new Date(Date.now() + 60_000).toISOString(), attachmentIds: [file.id] },
    });
    expect(scheduled.json()).toMatchObject({ status: 'scheduled', attachments: [file] });
    const { db } = await getTestDatabase();
    await sendDueScheduledMessages(db, new Date(Date.now() + 120_000));
    const thread = (await requestAs(t.app, agent, { method: 'GET', url: url(`/conversations/${conversation.id}`) })).json();
    expect(thread.messages.at(-1)).toMatchObject({ status: 'sent', attachments: [file] });
  });
});

describe('downloading', () => {
  async function sentFile(fileName: string, content: string | Uint8Array, type: string) {
    const conversation = await openConversation(`download ${fileName}`);
    const file = (await upload(agent, fileName, content, type)).json();
    await requestAs(t.app, agent, { method: 'POST', url: url(`/conversations/${conversation.id}/messages`), payload: { kind: 'reply', body: 'attached', attachmentIds: [file.id] } });
    return file as { id: string; url: string };
  }

  it('gives back the same bytes, as a download with an RFC 5987 name for a Japanese file name', async () => {
    const file = await sentFile('領収書 2026年.txt', 'ご注文ありがとうございます', 'text/plain');
    const response = await requestAs(t.app, agent, { method: 'GET', url: file.url });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('ご注文ありがとうございます');
    expect(response.headers['content-type']).toBe('text/plain');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    const disposition = String(response.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe('領収書 2026年.txt');
  });

  it('shows a PNG inline, and as a download when asked', async () => {
    const file = await sentFile('photo.png', new Uint8Array([137, 80, 78, 71]), 'image/png');
    const inline = await requestAs(t.app, agent, { method: 'GET', url: file.url });
    expect(inline.headers['content-disposition']).toBe('inline; filename="photo.png"');
    expect(inline.rawPayload).toEqual(Buffer.from([137, 80, 78, 71]));
    const download = await requestAs(t.app, agent, { method: 'GET', url: `${file.url}?download=true` });
    expect(download.headers['content-disposition']).toBe('attachment; filename="photo.png"');
  });

  it('never shows SVG or HTML inline', async () => {
    for (const [name, type] of [['logo.svg', 'image/svg+xml'], ['page.html', 'text/html']] as const) {
      const file = await sentFile(name, '<svg onload="alert(1)"></svg>', type);
      const response = await requestAs(t.app, agent, { method: 'GET', url: file.url });
      expect(response.headers['content-disposition']).toMatch(/^attachment;/);
      expect(response.headers['content-security-policy']).toContain('sandbox');
    }
  });

  it('hides a file in a conversation of an inbox the agent does not work in', async () => {
    const conversation = await openConversation('hidden inbox', 'other');
    const file = (await upload(admin, 'secret.txt', 'secret')).json();
    await requestAs(t.app, admin, { method: 'POST', url: url(`/conversations/${conversation.id}/messages`), payload: { kind: 'note', body: 'for admins', attachmentIds: [file.id] } });
    expect((await requestAs(t.app, agent, { method: 'GET', url: file.url })).statusCode).toBe(404);
    expect((await requestAs(t.app, admin, { method: 'GET', url: file.url })).statusCode).toBe(200);
  });

  it('keeps an unsent upload to the person who uploaded it (and admins)', async () => {
    const file = (await upload(admin, 'draft.txt', 'draft')).json();
    expect((await requestAs(t.app, agent, { method: 'GET', url: file.url })).statusCode).toBe(404);
    expect((await requestAs(t.app, admin, { method: 'GET', url: file.url })).statusCode).toBe(200);
  });
});

describe('removing and purging', () => {
  it('removes an unsent upload with its file, but not one that was sent', async () => {
    const draft = (await upload(agent, 'changed-my-mind.txt', 'oops')).json();
    const removed = await requestAs(t.app, agent, { method: 'DELETE', url: draft.url });
    expect(removed.statusCode).toBe(204);
    expect(storedFiles()).not.toContain(draft.id);
    expect((await requestAs(t.app, agent, { method: 'GET', url: draft.url })).statusCode).toBe(404);

    const conversation = await openConversation('sent stays');
    const sent = (await upload(agent, 'keep.txt', 'keep')).json();
    await requestAs(t.app, agent, { method: 'POST', url: url(`/conversations/${conversation.id}/messages`), payload: { kind: 'note', body: 'kept', attachmentIds: [sent.id] } });
    expect((await requestAs(t.app, agent, { method: 'DELETE', url: sent.url })).statusCode).toBe(409);
  });

  it('deletes uploads no message took within a day, the files of deleted messages and stale half-written uploads, but nothing sent or recent', async () => {
    const { db } = await getTestDatabase();
    const conversation = await openConversation('purge');
    const sent = (await upload(agent, 'sent.txt', 'sent')).json();
    await requestAs(t.app, agent, { method: 'POST', url: url(`/conversations/${conversation.id}/messages`), payload: { kind: 'note', body: 'sent', attachmentIds: [sent.id] } });
    const old = (await upload(agent, 'forgotten.txt', 'forgotten')).json();
    const recent = (await upload(agent, 'still-typing.txt', 'typing')).json();
    const deletedWithMessage = (await upload(agent, 'deleted.txt', 'deleted')).json();
    const doomed = await requestAs(t.app, agent, { method: 'POST', url: url(`/conversations/${conversation.id}/messages`), payload: { kind: 'note', body: 'to delete', attachmentIds: [deletedWithMessage.id] } });
    await db.delete(schema.messages).where(eq(schema.messages.id, doomed.json().id));

    // Purging as if a day had passed since `old` was uploaded, but not since `recent` was: only files written before
    // the cut-off are candidates, so age the files that should count as old.
    const { utimes } = await import('node:fs/promises');
    const longAgo = new Date(Date.now() - UNSENT_ATTACHMENT_RETENTION_MS - 60_000);
    await db.update(schema.attachments).set({ createdAt: longAgo }).where(eq(schema.attachments.id, old.id));
    for (const id of [old.id, sent.id, deletedWithMessage.id]) await utimes(join(t.services.config.files.dir, ws.accountId, id), longAgo, longAgo);
    const halfWritten = join(t.services.config.files.dir, '.incoming', 'crashed-upload');
    writeFileSync(halfWritten, 'partial');
    await utimes(halfWritten, longAgo, longAgo);

    await purgeUnsentAttachments(db, t.services.files, new Date(Date.now() - UNSENT_ATTACHMENT_RETENTION_MS));
    const remaining = await db.select({ id: schema.attachments.id }).from(schema.attachments).where(eq(schema.attachments.accountId, ws.accountId));
    const ids = remaining.map((row) => row.id);
    expect(ids).toContain(sent.id);
    expect(ids).toContain(recent.id);
    expect(ids).not.toContain(old.id);
    expect(storedFiles()).toEqual(expect.arrayContaining([sent.id, recent.id]));
    expect(storedFiles()).not.toContain(old.id);
    expect(storedFiles()).not.toContain(deletedWithMessage.id);
    expect(existsSync(halfWritten)).toBe(false);
  });
});
