import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { AppError, notFound } from '@touchpoint/core';

/** `<accountId>/<attachmentId>`: generated, never taken from a file name, so a key cannot climb out of the store. */
const STORAGE_KEY = /^[0-9a-f-]{36}\/[0-9a-f-]{36}$/;

export const storageKeyOf = (accountId: string, attachmentId: string) => `${accountId}/${attachmentId}`;
const TEMP_DIR = '.incoming';

/** Where attachment bytes live: one directory on disk (share it between nodes, e.g. over NFS). */
export interface FileStore {
  /**
   * Streams `content` to a new file and returns its size. Bytes past `maxBytes` are read and dropped (so an upload
   * is drained, not cut off), and then nothing is kept: `payload_too_large`.
   */
  save(storageKey: string, content: AsyncIterable<Buffer> | Readable, maxBytes: number): Promise<number>;
  /** Opens the file; a missing one answers `not_found`. */
  read(storageKey: string): Promise<Readable>;
  remove(storageKey: string): Promise<void>;
  /** Keys of files written before `before`, for sweeping files whose rows are gone. */
  listKeysOlderThan(before: Date): AsyncGenerator<string>;
  /** Removes half-written uploads older than `before` (a crash mid-upload leaves one). */
  removeStaleTemporaryFiles(before: Date): Promise<number>;
}

export function createDiskFileStore(root: string): FileStore {
  const pathOf = (storageKey: string) => {
    if (!STORAGE_KEY.test(storageKey)) throw new Error(`not a storage key: ${storageKey}`);
    return join(root, storageKey);
  };

  return {
    async save(storageKey, content, maxBytes) {
      const finalPath = pathOf(storageKey);
      const tempPath = join(root, TEMP_DIR, randomUUID());
      await mkdir(join(root, TEMP_DIR), { recursive: true });
      const handle = await open(tempPath, 'wx');
      let byteSize = 0;
      try {
        for await (const chunk of content) {
          byteSize += chunk.length;
          if (byteSize <= maxBytes) await handle.write(chunk);
        }
        await handle.sync();
      } catch (error) {
        await handle.close();
        await rm(tempPath, { force: true });
        throw error;
      }
      await handle.close();
      if (byteSize > maxBytes) {
        await rm(tempPath, { force: true });
        throw new AppError('payload_too_large', 'File too large', `Attachments may be at most ${maxBytes} bytes.`);
      }
      await mkdir(dirname(finalPath), { recursive: true });
      await rename(tempPath, finalPath);
      return byteSize;
    },

    async read(storageKey) {
      const handle = await open(pathOf(storageKey), 'r').catch((error: NodeJS.ErrnoException) => {
        throw error.code === 'ENOENT' ? notFound('file') : error;
      });
      return handle.createReadStream();
    },

    async remove(storageKey) {
      await rm(pathOf(storageKey), { force: true });
    },

    async *listKeysOlderThan(before) {
      const accounts = await readdir(root, { withFileTypes: true }).catch(() => []);
      for (const account of accounts) {
        if (!account.isDirectory() || account.name === TEMP_DIR) continue;
        for (const name of await readdir(join(root, account.name))) {
          const storageKey = `${account.name}/${name}`;
          if (!STORAGE_KEY.test(storageKey)) continue;
          const info = await stat(join(root, storageKey)).catch(() => null);
          if (info && info.mtime < before) yield storageKey;
        }
      }
    },

    async removeStaleTemporaryFiles(before) {
      const names = await readdir(join(root, TEMP_DIR)).catch(() => []);
      let removed = 0;
      for (const name of names) {
        const info = await stat(join(root, TEMP_DIR, name)).catch(() => null);
        if (info && info.mtime < before) {
          await rm(join(root, TEMP_DIR, name), { force: true });
          removed += 1;
        }
      }
      return removed;
    },
  };
}
