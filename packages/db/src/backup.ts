import { createReadStream, createWriteStream, existsSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { mkdir, readdir, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { EXTENSIONS, pgdataPath } from './connection.ts';
import { acquireDataDirLock } from './lock-file.ts';
import { readTar, type TarEntryIn, writeTar } from './tar.ts';

/**
 * A backup is a gzipped tar: `database.tar.gz` (PGlite's own dump of the data dir) first, then `files/…`, every
 * file of the file store (attachments). Backups made before files were included are PGlite's dump alone; restore
 * reads both.
 */
const DATABASE_ENTRY = 'database.tar.gz';
const FILES_PREFIX = 'files/';
const SAFE_PATH = /^(?:[A-Za-z0-9_-][A-Za-z0-9._-]*\/)*[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

export interface BackupOptions {
  /** The file store's directory, archived beside the database (dot-named entries, half-written uploads, are left out). */
  filesDir?: string;
}

async function* listFiles(root: string, dir = root): AsyncGenerator<TarEntryIn> {
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* listFiles(root, path);
    else if (entry.isFile()) {
      const info = await stat(path);
      yield { name: FILES_PREFIX + relative(root, path).split(sep).join('/'), size: info.size, mtime: info.mtime, content: createReadStream(path) };
    }
  }
}

/** Runs `work` holding the data dir's lock, so no server can open the database meanwhile. */
async function withDataDirLock<T>(dataDir: string, work: () => Promise<T>): Promise<T> {
  const release = acquireDataDirLock(dataDir);
  try {
    return await work();
  } finally {
    release();
  }
}

/**
 * Writes a backup of the embedded database and the file store. Takes the lock, so the server must be stopped. The
 * file appears only when it is complete.
 */
export async function backupEmbeddedDatabase(dataDir: string, outFile: string, options: BackupOptions = {}): Promise<{ bytes: number }> {
  if (!existsSync(pgdataPath(dataDir))) throw new Error(`There is no embedded database in ${dataDir} to back up.`);
  return withDataDirLock(dataDir, async () => {
    const pglite = await PGlite.create({ dataDir: pgdataPath(dataDir), extensions: EXTENSIONS });
    let database: Buffer;
    try {
      database = Buffer.from(await (await pglite.dumpDataDir('gzip')).arrayBuffer());
    } finally {
      await pglite.close();
    }
    const partial = `${outFile}.partial`;
    try {
      const gzip = createGzip();
      const written = pipeline(gzip, createWriteStream(partial));
      async function* entries(): AsyncGenerator<TarEntryIn> {
        yield { name: DATABASE_ENTRY, size: database.length, content: [database] };
        if (options.filesDir) yield* listFiles(options.filesDir);
      }
      await writeTar(gzip, entries());
      gzip.end();
      await written;
      renameSync(partial, outFile);
    } catch (error) {
      rmSync(partial, { force: true });
      throw error;
    }
    return { bytes: statSync(outFile).size };
  });
}

/** The database dump of a backup, and a way to unpack its files; `files` is null for a backup of the database alone. */
async function openBackup(inFile: string) {
  const entries = readTar(createReadStream(inFile).pipe(createGunzip()));
  const first = await entries.next().catch(() => null);
  if (!first || first.done || first.value.name !== DATABASE_ENTRY) {
    await entries.return(undefined).catch(() => undefined);
    return { database: new Blob([readFileSync(inFile)]), unpackFiles: null };
  }
  const chunks: Buffer[] = [];
  for await (const chunk of first.value.content) chunks.push(chunk);
  return {
    database: new Blob(chunks),
    /** Writes every `files/…` entry under `target`. */
    async unpackFiles(target: string) {
      await mkdir(target, { recursive: true });
      for await (const entry of entries) {
        const path = entry.name.slice(FILES_PREFIX.length);
        if (!entry.name.startsWith(FILES_PREFIX) || !SAFE_PATH.test(path)) throw new Error(`unexpected entry ${entry.name}`);
        await mkdir(dirname(join(target, path)), { recursive: true });
        await pipeline(entry.content, createWriteStream(join(target, path)));
      }
    },
  };
}

/**
 * Replaces the embedded database (and, when `filesDir` is given and the backup has files, the file store) with a
 * backup. What is replaced is kept as `<name>.before-restore-<time>`, so a restore can itself be undone; if the
 * backup cannot be loaded, everything is left as it was.
 */
export async function restoreEmbeddedDatabase(dataDir: string, inFile: string, now = new Date(), options: BackupOptions = {}): Promise<{ keptAt: string | null; filesKeptAt: string | null }> {
  if (!existsSync(inFile)) throw new Error(`The backup file ${inFile} does not exist.`);
  return withDataDirLock(dataDir, async () => {
    const stamp = now.toISOString().replace(/[:.]/g, '-');
    const target = pgdataPath(dataDir);
    const staging = options.filesDir ? `${options.filesDir}.restoring-${stamp}` : null;
    let backup: Awaited<ReturnType<typeof openBackup>>;
    try {
      backup = await openBackup(inFile);
      if (staging && backup.unpackFiles) await backup.unpackFiles(staging);
    } catch (error) {
      if (staging) rmSync(staging, { recursive: true, force: true });
      throw new Error(`The backup ${inFile} could not be loaded (${(error as Error).message}); the database was left as it was.`);
    }
    const keptAt = existsSync(target) ? `${target}.before-restore-${stamp}` : null;
    if (keptAt) renameSync(target, keptAt);
    try {
      const pglite = await PGlite.create({ dataDir: target, loadDataDir: backup.database, extensions: EXTENSIONS });
      await pglite.query('select 1');
      await pglite.close();
    } catch (error) {
      rmSync(target, { recursive: true, force: true });
      if (keptAt) renameSync(keptAt, target);
      if (staging) rmSync(staging, { recursive: true, force: true });
      throw new Error(`The backup ${inFile} could not be loaded (${(error as Error).message}); the database was left as it was.`);
    }
    let filesKeptAt: string | null = null;
    if (options.filesDir && staging && existsSync(staging)) {
      if (existsSync(options.filesDir)) {
        filesKeptAt = `${options.filesDir}.before-restore-${stamp}`;
        renameSync(options.filesDir, filesKeptAt);
      }
      renameSync(staging, options.filesDir);
    }
    return { keptAt, filesKeptAt };
  });
}
