import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { and, eq, isNotNull } from 'drizzle-orm';
import { type AccountScope, AppError, notFound, validationFailed } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { cleanFileName, type FileStore, storageKeyOf } from '@touchpoint/conversations';

/** Photo types a return accepts (what phones produce), and the limit per photo. */
export const RETURN_PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic'] as const;
export type ReturnPhotoType = (typeof RETURN_PHOTO_TYPES)[number];
export const RETURN_PHOTO_MAX_BYTES = 10 * 1024 * 1024;

const TYPE_BY_EXTENSION: Record<string, ReturnPhotoType> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', heic: 'image/heic', heif: 'image/heic' };
const ALIASES: Record<string, ReturnPhotoType> = { 'image/jpg': 'image/jpeg', 'image/pjpeg': 'image/jpeg', 'image/heif': 'image/heic' };

const unsupported = (what: string) =>
  new AppError('unsupported_media_type', 'Unsupported photo type', `${what} is not a photo type we accept: use JPEG, PNG, WebP or HEIC.`);

/**
 * Checks a photo before storing it: its declared type (or, when the client sends none or a generic one, its file
 * name's extension) must be JPEG, PNG, WebP or HEIC, and a declared size must be within the limit. Returns the type.
 * 415 / 413 problems name what is wrong and what is accepted.
 */
export function validateReturnPhoto(photo: { fileName: string; contentType?: string; byteSize?: number }): ReturnPhotoType {
  const declared = (photo.contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const extension = photo.fileName.toLowerCase().split('.').pop() ?? '';
  const type = (RETURN_PHOTO_TYPES as readonly string[]).includes(declared)
    ? (declared as ReturnPhotoType)
    : ALIASES[declared] ?? (!declared || declared === 'application/octet-stream' ? TYPE_BY_EXTENSION[extension] : undefined);
  if (!type) throw unsupported(declared ? `“${declared}”` : `“${photo.fileName}”`);
  if (photo.byteSize !== undefined) {
    if (photo.byteSize === 0) throw validationFailed([{ path: 'file', message: 'is empty' }]);
    if (photo.byteSize > RETURN_PHOTO_MAX_BYTES) throw tooLarge();
  }
  return type;
}

const tooLarge = () => new AppError('payload_too_large', 'Photo too large', `A photo may be at most ${RETURN_PHOTO_MAX_BYTES / 1024 / 1024} MB.`);

/** Whether the first bytes are those of `type` (so a renamed PDF is refused as a photo). */
export function hasPhotoSignature(head: Buffer, type: ReturnPhotoType): boolean {
  switch (type) {
    case 'image/jpeg':
      return head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff;
    case 'image/png':
      return head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    case 'image/webp':
      return head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP';
    case 'image/heic':
      return head.subarray(4, 8).toString('latin1') === 'ftyp' && ['heic', 'heix', 'hevc', 'heim', 'heis', 'mif1', 'msf1'].includes(head.subarray(8, 12).toString('latin1'));
  }
}

async function readHead(stream: Readable, bytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
    length += (chunk as Buffer).length;
    if (length >= bytes) break;
  }
  stream.destroy();
  return Buffer.concat(chunks).subarray(0, bytes);
}

export interface ReturnPhotoUpload {
  fileName: string;
  contentType?: string;
  content: AsyncIterable<Buffer> | Readable;
}

/**
 * Stores a customer's photo for a return they are about to start (pass its id in `startReturn`'s `photoIds`).
 * Refused, with nothing kept: a type other than JPEG/PNG/WebP/HEIC (by declared type and by the file's first bytes),
 * more than RETURN_PHOTO_MAX_BYTES, an empty file. Photos never used by a return are swept with unsent uploads.
 */
export async function uploadReturnPhoto(db: Database, files: FileStore, scope: AccountScope, contactId: string, upload: ReturnPhotoUpload) {
  const type = validateReturnPhoto(upload);
  const [contact] = await db.select({ id: schema.contacts.id }).from(schema.contacts).where(and(eq(schema.contacts.accountId, scope.accountId), eq(schema.contacts.id, contactId)));
  if (!contact) throw notFound('contact');
  const id = randomUUID();
  const storageKey = storageKeyOf(scope.accountId, id);
  const byteSize = await files.save(storageKey, upload.content, RETURN_PHOTO_MAX_BYTES).catch((error: unknown) => {
    throw error instanceof AppError && error.code === 'payload_too_large' ? tooLarge() : error;
  });
  try {
    if (byteSize === 0) throw validationFailed([{ path: 'file', message: 'is empty' }]);
    if (!hasPhotoSignature(await readHead(await files.read(storageKey), 16), type)) throw unsupported(`The content of “${cleanFileName(upload.fileName)}”`);
    const [row] = await db
      .insert(schema.attachments)
      .values({ id, accountId: scope.accountId, fileName: cleanFileName(upload.fileName), contentType: type, byteSize, storageKey, contactId, uploadedBy: scope.actor.type === 'user' ? scope.actor.id : null })
      .returning();
    return { id: row!.id, fileName: row!.fileName, contentType: row!.contentType, byteSize: row!.byteSize };
  } catch (error) {
    await files.remove(storageKey);
    throw error;
  }
}

/** A photo of a return, for agents (any member may see a return's photos) and for the customer whose return it is. */
export async function openReturnPhoto(db: Database, files: FileStore, scope: AccountScope, returnId: string, photoId: string, contactId?: string) {
  const [row] = await db
    .select({ attachment: schema.attachments, contactId: schema.returns.contactId })
    .from(schema.attachments)
    .innerJoin(schema.returns, eq(schema.returns.id, schema.attachments.returnId))
    .where(and(eq(schema.attachments.accountId, scope.accountId), eq(schema.attachments.id, photoId), eq(schema.attachments.returnId, returnId), isNotNull(schema.attachments.returnId)));
  if (!row || (contactId !== undefined && row.contactId !== contactId)) throw notFound('photo');
  const a = row.attachment;
  return { photo: { id: a.id, fileName: a.fileName, contentType: a.contentType, byteSize: a.byteSize }, content: await files.read(a.storageKey) };
}
