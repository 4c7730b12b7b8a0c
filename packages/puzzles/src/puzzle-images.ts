import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import { type AccountScope, AppError, notFound, validationFailed } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';

/** Where picture bytes are kept: the server wires a disk store under the file store's `puzzles/` folder. */
export interface PuzzleImageStore {
  save(storageKey: string, content: AsyncIterable<Buffer> | Readable, maxBytes: number): Promise<number>;
  read(storageKey: string): Promise<Readable>;
  remove(storageKey: string): Promise<void>;
}

/** A phone downloads the picture at every play: uploads stay small (the console also scales them down before sending). */
export const MAX_PUZZLE_IMAGE_BYTES = 3 * 1024 * 1024;
export const PUZZLE_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;

const SIGNATURES: { type: (typeof PUZZLE_IMAGE_TYPES)[number]; test: (head: Buffer) => boolean }[] = [
  { type: 'image/png', test: (head) => head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: 'image/jpeg', test: (head) => head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff },
  { type: 'image/webp', test: (head) => head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP' },
];

/** The picture type the first bytes show; the declared type and the file name are not trusted (an SVG could carry script). */
export const sniffPuzzleImageType = (head: Buffer) => SIGNATURES.find((signature) => signature.test(head))?.type ?? null;

const unsupported = () => new AppError('unsupported_media_type', 'Unsupported image type', 'Upload a PNG, JPEG or WebP picture.');
const tooLarge = (maxBytes: number) => new AppError('payload_too_large', 'Picture too large', `A puzzle picture may be at most ${Math.round(maxBytes / 1024 / 1024)} MB.`);

async function* checkImage(content: AsyncIterable<Buffer> | Readable, found: (type: string) => void): AsyncGenerator<Buffer> {
  let head = Buffer.alloc(0);
  let checked = false;
  for await (const chunk of content) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    if (checked) {
      yield bytes;
      continue;
    }
    head = Buffer.concat([head, bytes]);
    if (head.length < 12) continue;
    const type = sniffPuzzleImageType(head);
    if (!type) throw unsupported();
    found(type);
    checked = true;
    yield head;
  }
  if (!checked) throw head.length === 0 ? validationFailed([{ path: 'file', message: 'is empty' }]) : unsupported();
}

const storageKeyOf = (accountId: string, imageId: string) => `${accountId}/${imageId}`;

export interface PuzzleImage {
  id: string;
  fileName: string;
  contentType: string;
  byteSize: number;
  /** Public (the portal shows it to signed-in customers, the console to members). */
  url: string;
}

export const puzzleImagePath = (handle: string, imageId: string) => `/api/portal/${handle}/puzzle-images/${imageId}`;
export const builtinImagePath = (handle: string, key: string) => `/api/portal/${handle}/puzzle-images/builtin/${key}.svg`;

/** Stores a picture for puzzles: PNG, JPEG or WebP by its bytes (415 otherwise), at most `maxBytes` (413); nothing kept when refused. */
export async function uploadPuzzleImage(db: Database, store: PuzzleImageStore, scope: AccountScope, upload: { fileName: string; content: AsyncIterable<Buffer> | Readable }, maxBytes = MAX_PUZZLE_IMAGE_BYTES): Promise<PuzzleImage> {
  const id = randomUUID();
  const key = storageKeyOf(scope.accountId, id);
  let contentType = '';
  const byteSize = await store.save(key, checkImage(upload.content, (type) => (contentType = type)), maxBytes).catch((error: unknown) => {
    throw error instanceof AppError && error.code === 'payload_too_large' ? tooLarge(maxBytes) : error;
  });
  try {
    const fileName = upload.fileName.normalize('NFC').split(/[/\\]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 200) || 'picture';
    await db.insert(schema.puzzleImages).values({ id, accountId: scope.accountId, fileName, contentType, byteSize, uploadedBy: scope.actor.type === 'user' ? scope.actor.id : null });
    const [account] = await db.select({ handle: schema.accounts.handle }).from(schema.accounts).where(eq(schema.accounts.id, scope.accountId));
    return { id, fileName, contentType, byteSize, url: puzzleImagePath(account!.handle, id) };
  } catch (error) {
    await store.remove(key);
    throw error;
  }
}

export async function requirePuzzleImage(db: Database, accountId: string, imageId: string) {
  const [row] = await db.select().from(schema.puzzleImages).where(and(eq(schema.puzzleImages.accountId, accountId), eq(schema.puzzleImages.id, imageId)));
  if (!row) throw notFound('puzzle picture');
  return row;
}

/** An uploaded picture of the account, with its bytes. */
export async function openPuzzleImage(db: Database, store: PuzzleImageStore, accountId: string, imageId: string) {
  const image = await requirePuzzleImage(db, accountId, imageId);
  return { image, content: await store.read(storageKeyOf(accountId, imageId)) };
}
