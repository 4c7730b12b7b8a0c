import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { and, asc, eq, inArray, isNull, lt } from 'drizzle-orm';
import { type AccountScope, AppError, isAdmin, notFound, validationFailed } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { listVisibleInboxIds } from '@touchpoint/accounts';
import { type FileStore, storageKeyOf } from './file-store.ts';

type AttachmentRow = typeof schema.attachments.$inferSelect;

export interface AttachmentView {
  id: string;
  fileName: string;
  contentType: string;
  byteSize: number;
  /** Where the API serves the file (same origin, account auth). */
  url: string;
}

export const presentAttachment = (row: AttachmentRow): AttachmentView => ({
  id: row.id,
  fileName: row.fileName,
  contentType: row.contentType,
  byteSize: row.byteSize,
  url: `/api/v1/accounts/${row.accountId}/attachments/${row.id}`,
});

const MAX_FILE_NAME_LENGTH = 255;
const CONTENT_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

/**
 * The name as people see it: no folders (some clients send a path), no control characters, at most 255 characters.
 * NFC, so a name typed on a Mac (decomposed kana) matches the same name typed elsewhere.
 */
export function cleanFileName(raw: string): string {
  const base = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return Array.from(cleaned).slice(0, MAX_FILE_NAME_LENGTH).join('') || 'file';
}

/** The declared type when it is a well-formed media type, else `application/octet-stream`. */
export function cleanContentType(raw: string | undefined): string {
  const type = (raw ?? '').split(';')[0]!.trim().toLowerCase();
  return CONTENT_TYPE.test(type) ? type : 'application/octet-stream';
}

export interface AttachmentUpload {
  fileName: string;
  contentType?: string;
  content: AsyncIterable<Buffer> | Readable;
}

/**
 * Stores an upload that a message can use later (`attachmentIds`). Unsent uploads are swept after a day
 * (`purgeUnsentAttachments`). Empty files are refused; so is anything past `maxBytes`, and then nothing is kept.
 */
export async function uploadAttachment(db: Database, files: FileStore, scope: AccountScope, upload: AttachmentUpload, maxBytes: number): Promise<AttachmentView> {
  const id = randomUUID();
  const storageKey = storageKeyOf(scope.accountId, id);
  const byteSize = await files.save(storageKey, upload.content, maxBytes);
  try {
    if (byteSize === 0) throw validationFailed([{ path: 'file', message: 'is empty' }]);
    const [row] = await db
      .insert(schema.attachments)
      .values({
        id,
        accountId: scope.accountId,
        fileName: cleanFileName(upload.fileName),
        contentType: cleanContentType(upload.contentType),
        byteSize,
        storageKey,
        uploadedBy: scope.actor.type === 'user' ? scope.actor.id : null,
      })
      .returning();
    return presentAttachment(row!);
  } catch (error) {
    await files.remove(storageKey);
    throw error;
  }
}

/**
 * An attachment the actor may read: one on a message of a conversation they can see, or an unsent upload of their
 * own (admins and API keys see every unsent upload of the account). Anything else answers 404 like a missing one.
 */
async function findReadableAttachment(db: Database, scope: AccountScope, attachmentId: string): Promise<AttachmentRow> {
  const [found] = await db
    .select({ attachment: schema.attachments, inboxId: schema.conversations.inboxId })
    .from(schema.attachments)
    .leftJoin(schema.messages, eq(schema.messages.id, schema.attachments.messageId))
    .leftJoin(schema.conversations, eq(schema.conversations.id, schema.messages.conversationId))
    .where(and(eq(schema.attachments.accountId, scope.accountId), eq(schema.attachments.id, attachmentId)));
  if (!found) throw notFound('attachment');
  const { attachment, inboxId } = found;
  if (attachment.messageId === null) {
    const mine = scope.actor.type !== 'user' || isAdmin(scope) || attachment.uploadedBy === scope.actor.id;
    if (!mine) throw notFound('attachment');
  } else if (!isAdmin(scope) && !(await listVisibleInboxIds(db, scope)).includes(inboxId ?? '')) {
    throw notFound('attachment');
  }
  return attachment;
}

/** The file and its description, for a download. */
export async function openAttachment(db: Database, files: FileStore, scope: AccountScope, attachmentId: string) {
  const row = await findReadableAttachment(db, scope, attachmentId);
  return { attachment: presentAttachment(row), content: await files.read(row.storageKey) };
}

/** Removes an upload that no message uses yet (the composer's remove button). Sent attachments stay with their message. */
export async function deleteUnsentAttachment(db: Database, files: FileStore, scope: AccountScope, attachmentId: string) {
  const row = await findReadableAttachment(db, scope, attachmentId);
  if (row.messageId !== null || row.returnId !== null) throw new AppError('conflict', 'Conflict', 'This attachment belongs to a message and cannot be removed on its own.');
  await db.delete(schema.attachments).where(and(eq(schema.attachments.accountId, scope.accountId), eq(schema.attachments.id, attachmentId), isNull(schema.attachments.messageId)));
  await files.remove(row.storageKey);
}

/**
 * Gives unsent uploads of the account to a new message, inside its transaction. Every id must be an upload of this
 * account that no message has yet; otherwise nothing is attached and the caller's transaction rolls back.
 */
export async function claimAttachments(tx: Database, accountId: string, messageId: string, attachmentIds: string[]): Promise<AttachmentView[]> {
  const ids = [...new Set(attachmentIds)];
  if (ids.length === 0) return [];
  const rows = await tx
    .update(schema.attachments)
    .set({ messageId })
    .where(and(eq(schema.attachments.accountId, accountId), inArray(schema.attachments.id, ids), isNull(schema.attachments.messageId), isNull(schema.attachments.returnId)))
    .returning();
  const claimed = new Set(rows.map((row) => row.id));
  const refused = ids.filter((id) => !claimed.has(id));
  if (refused.length > 0) throw validationFailed([{ path: 'attachmentIds', message: `not unsent uploads of this account: ${refused.join(', ')}` }]);
  return ids.map((id) => presentAttachment(rows.find((row) => row.id === id)!));
}

/** Attachments of these messages, keyed by message id, in upload order. */
export async function listAttachmentsOfMessages(db: Database, accountId: string, messageIds: string[]): Promise<Map<string, AttachmentView[]>> {
  const byMessage = new Map<string, AttachmentView[]>();
  if (messageIds.length === 0) return byMessage;
  const rows = await db
    .select()
    .from(schema.attachments)
    .where(and(eq(schema.attachments.accountId, accountId), inArray(schema.attachments.messageId, messageIds)))
    .orderBy(asc(schema.attachments.createdAt), asc(schema.attachments.id));
  for (const row of rows) {
    const list = byMessage.get(row.messageId!) ?? [];
    list.push(presentAttachment(row));
    byMessage.set(row.messageId!, list);
  }
  return byMessage;
}

/**
 * Maintenance: deletes uploads that no message took within the grace period (row and file), then files whose row
 * is gone (their message or conversation was deleted, or a crash came between writing and recording), and
 * half-written uploads. Files younger than `before` are never touched, so an upload in flight is safe.
 */
export async function purgeUnsentAttachments(db: Database, files: FileStore, before: Date): Promise<{ uploads: number; strayFiles: number }> {
  const unsent = await db
    .delete(schema.attachments)
    .where(and(isNull(schema.attachments.messageId), isNull(schema.attachments.returnId), lt(schema.attachments.createdAt, before)))
    .returning({ storageKey: schema.attachments.storageKey });
  for (const { storageKey } of unsent) await files.remove(storageKey);

  let strayFiles = 0;
  let batch: string[] = [];
  const sweep = async () => {
    // Keys are `<accountId>/<attachmentId>`, so the primary key finds each row.
    const ids = batch.map((key) => key.slice(key.indexOf('/') + 1));
    const known = await db.select({ storageKey: schema.attachments.storageKey }).from(schema.attachments).where(inArray(schema.attachments.id, ids));
    const kept = new Set(known.map((row) => row.storageKey));
    for (const key of batch.filter((candidate) => !kept.has(candidate))) {
      await files.remove(key);
      strayFiles += 1;
    }
    batch = [];
  };
  for await (const key of files.listKeysOlderThan(before)) {
    batch.push(key);
    if (batch.length === 500) await sweep();
  }
  if (batch.length > 0) await sweep();
  strayFiles += await files.removeStaleTemporaryFiles(before);
  return { uploads: unsent.length, strayFiles };
}
