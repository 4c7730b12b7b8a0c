import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { AppError } from '@touchpoint/core';
import { createDiskFileStore } from '@touchpoint/conversations';
import type { PuzzleImageStore } from '@touchpoint/puzzles';
import type { Services } from '../services.ts';

const storeByDir = new Map<string, PuzzleImageStore>();
/** Puzzle pictures live under the file store's `puzzles/` folder, apart from attachments (which are swept). */
export function puzzleImageStoreOf(services: Services): PuzzleImageStore {
  const dir = join(services.config.files.dir, 'puzzles');
  let store = storeByDir.get(dir);
  if (!store) storeByDir.set(dir, (store = createDiskFileStore(dir)));
  return store;
}

/** The upload's bytes; a broken stream is a 400. */
export async function* readUpload(file: Readable): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of file) yield chunk as Buffer;
  } catch (error) {
    throw new AppError('malformed_body', 'Malformed body', `The upload could not be read: ${(error as Error).message}`);
  }
}

