import type { Writable } from 'node:stream';

/**
 * The small part of POSIX ustar that backups need: regular files with ASCII names of at most 100 characters and
 * sizes under 8 GiB, streamed in and out (a file store is never held in memory).
 */

const BLOCK = 512;

function encodeHeader(name: string, size: number, mtime: Date): Buffer {
  if (!/^[\x21-\x7e]{1,100}$/.test(name)) throw new Error(`tar: unsupported entry name ${name}`);
  const header = Buffer.alloc(BLOCK);
  const octal = (value: number, width: number) => `${value.toString(8).padStart(width - 1, '0')}\0`;
  header.write(name, 0, 'ascii');
  header.write(octal(0o644, 8), 100, 'ascii');
  header.write(octal(0, 8), 108, 'ascii');
  header.write(octal(0, 8), 116, 'ascii');
  header.write(octal(size, 12), 124, 'ascii');
  header.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 'ascii');
  header.write('        ', 148, 'ascii');
  header.write('0', 156, 'ascii');
  header.write('ustar\u000000', 257, 'ascii');
  const checksum = header.reduce((sum, byte) => sum + byte, 0);
  header.write(`${checksum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return header;
}

const padding = (size: number) => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);

async function writeChunk(out: Writable, chunk: Buffer) {
  if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', resolve));
}

export interface TarEntryIn {
  name: string;
  size: number;
  mtime?: Date;
  /** Must yield exactly `size` bytes. */
  content: AsyncIterable<Buffer> | Iterable<Buffer>;
}

/** Writes the entries and the end-of-archive marker to `out` (which stays open). */
export async function writeTar(out: Writable, entries: AsyncIterable<TarEntryIn> | Iterable<TarEntryIn>) {
  for await (const entry of entries) {
    await writeChunk(out, encodeHeader(entry.name, entry.size, entry.mtime ?? new Date()));
    let written = 0;
    for await (const chunk of entry.content) {
      written += chunk.length;
      await writeChunk(out, chunk);
    }
    if (written !== entry.size) throw new Error(`tar: ${entry.name} changed while it was archived (${written} bytes, expected ${entry.size})`);
    await writeChunk(out, padding(entry.size));
  }
  await writeChunk(out, Buffer.alloc(BLOCK * 2));
}

/** Exact-size reads from a stream of chunks. */
function createByteReader(source: AsyncIterable<Buffer>) {
  const iterator = source[Symbol.asyncIterator]();
  let pending: Buffer = Buffer.alloc(0);
  const fill = async (wanted: number) => {
    while (pending.length < wanted) {
      const next = await iterator.next();
      if (next.done) return false;
      pending = pending.length === 0 ? next.value : Buffer.concat([pending, next.value]);
    }
    return true;
  };
  return {
    async read(size: number): Promise<Buffer> {
      if (!(await fill(size))) throw new Error('tar: the archive ends early');
      const out = pending.subarray(0, size);
      pending = pending.subarray(size);
      return out;
    },
    /** Up to `max` bytes, at least one. */
    async take(max: number): Promise<Buffer> {
      if (pending.length === 0 && !(await fill(1))) throw new Error('tar: the archive ends early');
      const piece = pending.subarray(0, Math.min(max, pending.length));
      pending = pending.subarray(piece.length);
      return piece;
    },
  };
}

export interface TarEntryOut {
  name: string;
  size: number;
  /** Read it (or not) before asking for the next entry; what is left unread is skipped. */
  content: AsyncGenerator<Buffer>;
}

/** The regular files of an archive, in order. */
export async function* readTar(source: AsyncIterable<Buffer>): AsyncGenerator<TarEntryOut> {
  const reader = createByteReader(source);
  for (;;) {
    const header = await reader.read(BLOCK);
    if (header.every((byte) => byte === 0)) return;
    const field = (start: number, length: number) => header.toString('ascii', start, start + length).replace(/\0.*$/s, '').trim();
    const stored = Number.parseInt(field(148, 8), 8);
    const sum = header.reduce((total, byte, index) => total + (index >= 148 && index < 156 ? 32 : byte), 0);
    if (stored !== sum) throw new Error('tar: a header is damaged (checksum mismatch)');
    const size = Number.parseInt(field(124, 12), 8);
    const type = field(156, 1) || '0';
    let left = size;
    const content = (async function* () {
      while (left > 0) {
        const piece = await reader.take(left);
        left -= piece.length;
        yield piece;
      }
    })();
    if (type === '0') yield { name: field(0, 100), size, content };
    while (left > 0) left -= (await reader.take(left)).length;
    await reader.read(padding(size).length);
  }
}
