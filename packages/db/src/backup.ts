import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { EXTENSIONS, pgdataPath } from './connection.ts';
import { acquireDataDirLock } from './lock-file.ts';

/** Runs `work` holding the data dir's lock, so no server can open the database meanwhile. */
async function withDataDirLock<T>(dataDir: string, work: () => Promise<T>): Promise<T> {
  const release = acquireDataDirLock(dataDir);
  try {
    return await work();
  } finally {
    release();
  }
}

/** Writes a gzip tarball of the embedded database. Takes the lock, so the server must be stopped. */
export async function backupEmbeddedDatabase(dataDir: string, outFile: string): Promise<{ bytes: number }> {
  if (!existsSync(pgdataPath(dataDir))) throw new Error(`There is no embedded database in ${dataDir} to back up.`);
  return withDataDirLock(dataDir, async () => {
    const pglite = await PGlite.create({ dataDir: pgdataPath(dataDir), extensions: EXTENSIONS });
    try {
      const bytes = Buffer.from(await (await pglite.dumpDataDir('gzip')).arrayBuffer());
      writeFileSync(outFile, bytes);
      return { bytes: bytes.length };
    } finally {
      await pglite.close();
    }
  });
}

/**
 * Replaces the embedded database with a backup. The current one is kept as `pgdata.before-restore-<time>` inside
 * the data dir, so a restore can itself be undone; if the backup cannot be loaded, the current one is put back.
 */
export async function restoreEmbeddedDatabase(dataDir: string, inFile: string, now = new Date()): Promise<{ keptAt: string | null }> {
  if (!existsSync(inFile)) throw new Error(`The backup file ${inFile} does not exist.`);
  const archive = new Blob([readFileSync(inFile)]);
  return withDataDirLock(dataDir, async () => {
    const target = pgdataPath(dataDir);
    const keptAt = existsSync(target) ? `${target}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}` : null;
    if (keptAt) renameSync(target, keptAt);
    try {
      const pglite = await PGlite.create({ dataDir: target, loadDataDir: archive, extensions: EXTENSIONS });
      await pglite.query('select 1');
      await pglite.close();
    } catch (error) {
      rmSync(target, { recursive: true, force: true });
      if (keptAt) renameSync(keptAt, target);
      throw new Error(`The backup ${inFile} could not be loaded (${(error as Error).message}); the database was left as it was.`);
    }
    return { keptAt };
  });
}
