import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import { type AccountScope, AppError, notFound, validationFailed } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';

/** Where image bytes are kept: the server wires a disk store rooted beside the attachments (same shape of port). */
export interface HelpImageStore {
  save(storageKey: string, content: AsyncIterable<Buffer> | Readable, maxBytes: number): Promise<number>;
  read(storageKey: string): Promise<Readable>;
  remove(storageKey: string): Promise<void>;
}

/** Images in articles stay small: a phone downloads them on every visit. */
export const MAX_HELP_IMAGE_BYTES = 5 * 1024 * 1024;

const SIGNATURES: { type: string; test: (head: Buffer) => boolean }[] = [
  { type: 'image/png', test: (head) => head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: 'image/jpeg', test: (head) => head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff },
  { type: 'image/gif', test: (head) => head.subarray(0, 6).toString('latin1') === 'GIF87a' || head.subarray(0, 6).toString('latin1') === 'GIF89a' },
  { type: 'image/webp', test: (head) => head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP' },
];

/** The image type its first bytes show (the declared type is not trusted: an SVG or HTML file could carry script). */
export const sniffImageType = (head: Buffer) => SIGNATURES.find((signature) => signature.test(head))?.type ?? null;

const unsupported = () => new AppError('unsupported_media_type', 'Unsupported image type', 'Upload a PNG, JPEG, GIF or WebP image.');

/** Passes the bytes through, checking the first ones are a known image type; `found` receives that type. */
async function* checkImage(content: AsyncIterable<Buffer> | Readable, found: (type: string) => void): AsyncGenerator<Buffer> {
  let head = Buffer.alloc(0);
  let checked = false;
  for await (const chunk of content) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    if (!checked) {
      head = Buffer.concat([head, bytes]);
      if (head.length < 12) continue;
      const type = sniffImageType(head);
      if (!type) throw unsupported();
      found(type);
      checked = true;
      yield head;
      continue;
    }
    yield bytes;
  }
  if (!checked) {
    if (head.length === 0) throw validationFailed([{ path: 'file', message: 'is empty' }]);
    throw unsupported();
  }
}

const storageKeyOf = (accountId: string, imageId: string) => `${accountId}/${imageId}`;

export interface HelpImage {
  id: string;
  fileName: string;
  contentType: string;
  byteSize: number;
  /** Public, for Markdown: `![alt](url)`. */
  url: string;
}

/**
 * Stores an image for articles. Only PNG, JPEG, GIF and WebP by their bytes (415 otherwise), at most
 * `maxBytes` (413); nothing is kept when refused.
 */
export async function uploadHelpImage(db: Database, store: HelpImageStore, scope: AccountScope, upload: { fileName: string; content: AsyncIterable<Buffer> | Readable }, maxBytes = MAX_HELP_IMAGE_BYTES): Promise<HelpImage> {
  const id = randomUUID();
  const key = storageKeyOf(scope.accountId, id);
  let contentType = '';
  const byteSize = await store.save(key, checkImage(upload.content, (type) => (contentType = type)), maxBytes);
  try {
    const fileName = upload.fileName.normalize('NFC').split(/[/\\]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 200) || 'image';
    await db.insert(schema.helpImages).values({ id, accountId: scope.accountId, fileName, contentType, byteSize, uploadedBy: scope.actor.type === 'user' ? scope.actor.id : null });
    const [account] = await db.select({ handle: schema.accounts.handle }).from(schema.accounts).where(eq(schema.accounts.id, scope.accountId));
    return { id, fileName, contentType, byteSize, url: helpImagePath(account!.handle, id) };
  } catch (error) {
    await store.remove(key);
    throw error;
  }
}

export const helpImagePath = (handle: string, imageId: string) => `/help/${handle}/images/${imageId}`;

/** An image of the account, for its public URL. */
export async function openHelpImage(db: Database, store: HelpImageStore, scope: Pick<AccountScope, 'accountId'>, imageId: string) {
  const [row] = await db.select().from(schema.helpImages).where(and(eq(schema.helpImages.accountId, scope.accountId), eq(schema.helpImages.id, imageId)));
  if (!row) throw notFound('image');
  return { image: row, content: await store.read(storageKeyOf(scope.accountId, imageId)) };
}
