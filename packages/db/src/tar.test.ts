import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { readTar, writeTar } from './tar.ts';

const root = mkdtempSync(join(tmpdir(), 'touchpoint-tar-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function archive(entries: { name: string; content: Buffer }[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeTar(out, entries.map((entry) => ({ name: entry.name, size: entry.content.length, content: [entry.content] })));
  out.end();
  return Buffer.concat(chunks);
}

/** Feeds the archive in small, uneven pieces, as a file or gunzip stream would. */
async function* inPieces(bytes: Buffer, size = 333) {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

describe('tar', () => {
  it('reads back what it wrote, whatever the chunk sizes, skipping entries left unread', async () => {
    const big = Buffer.alloc(5000, 7);
    const bytes = await archive([{ name: 'a.txt', content: Buffer.from('alpha') }, { name: 'skip/me.bin', content: big }, { name: 'empty', content: Buffer.alloc(0) }, { name: 'z.txt', content: Buffer.from('omega') }]);
    const seen: { name: string; text: string | null }[] = [];
    for await (const entry of readTar(inPieces(bytes))) {
      if (entry.name.startsWith('skip/')) {
        seen.push({ name: entry.name, text: null });
        continue;
      }
      const parts: Buffer[] = [];
      for await (const part of entry.content) parts.push(part);
      seen.push({ name: entry.name, text: Buffer.concat(parts).toString() });
    }
    expect(seen).toEqual([{ name: 'a.txt', text: 'alpha' }, { name: 'skip/me.bin', text: null }, { name: 'empty', text: '' }, { name: 'z.txt', text: 'omega' }]);
  });

  it('writes archives that the system tar lists and extracts', async () => {
    const file = join(root, 'system.tar');
    writeFileSync(file, await archive([{ name: 'files/one/two.txt', content: Buffer.from('二つ目') }]));
    expect(execFileSync('tar', ['-tf', file], { encoding: 'utf8' }).trim()).toBe('files/one/two.txt');
    execFileSync('tar', ['-xf', file, '-C', root]);
    expect(readFileSync(join(root, 'files/one/two.txt'), 'utf8')).toBe('二つ目');
  });

  it('refuses a damaged header and an archive cut short', async () => {
    const bytes = await archive([{ name: 'a.txt', content: Buffer.from('alpha') }]);
    const damaged = Buffer.from(bytes);
    damaged[0] = 'b'.charCodeAt(0);
    await expect(readTar(inPieces(damaged)).next()).rejects.toThrow(/checksum/);
    const cut = readTar(inPieces(bytes.subarray(0, 600)));
    const first = await cut.next();
    await expect((async () => {
      for await (const part of first.value!.content) void part;
      await cut.next();
    })()).rejects.toThrow(/ends early/);
  });
});
