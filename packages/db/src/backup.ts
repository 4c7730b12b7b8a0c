import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { openDatabase } from './connection.ts';

/** Writes a gzip tarball of the embedded data dir. Takes the lock, so the server must be stopped. */
export async function backupEmbeddedDatabase(dataDir: string, outFile: string): Promise<{ bytes: number }> {
  if (!existsSync(dataDir)) throw new Error(`There is no embedded database at ${dataDir} to back up.`);
  const handle = await openDatabase({ kind: 'embedded', dataDir });
  try {
    const dump = await handle.pglite!.dumpDataDir('gzip');
    const bytes = Buffer.from(await dump.arrayBuffer());
    writeFileSync(outFile, bytes);
    return { bytes: bytes.length };
  } finally {
    await handle.close();
  }
}

/**
 * Replaces the embedded data dir with a backup. The current one is kept beside it as
 * `<dataDir>.before-restore-<time>`, so a restore can itself be undone.
 */
export async function restoreEmbeddedDatabase(dataDir: string, inFile: string, now = new Date()): Promise<{ keptAt: string | null }> {
  if (!existsSync(inFile)) throw new Error(`The backup file ${inFile} does not exist.`);
  const archive = new Blob([readFileSync(inFile)]);
  let keptAt: string | null = null;
  if (existsSync(dataDir)) {
    const probe = await openDatabase({ kind: 'embedded', dataDir });
    await probe.close();
    keptAt = `${dataDir}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
    renameSync(dataDir, keptAt);
  }
  const handle = await openDatabase({ kind: 'embedded', dataDir, loadDataDir: archive });
  await handle.query('select 1');
  await handle.close();
  return { keptAt };
}
