import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupEmbeddedDatabase, restoreEmbeddedDatabase } from './backup.ts';
import { PGlite } from '@electric-sql/pglite';
import { openDatabase } from './connection.ts';
import { DataDirLockedError } from './lock-file.ts';

let root: string;
let dataDir: string;

async function withDatabase<T>(dir: string, use: (query: <Row>(text: string, params?: unknown[]) => Promise<Row[]>) => Promise<T>): Promise<T> {
  const handle = await openDatabase({ kind: 'embedded', dataDir: dir });
  try {
    return await use(async <Row>(text: string, params?: unknown[]) => (await handle.query<Row>(text, params)).rows);
  } finally {
    await handle.close();
  }
}

const readNote = (dir: string) => withDatabase(dir, (query) => query<{ body: string }>('select body from notes where id = 1'));

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'touchpoint-backup-'));
  dataDir = join(root, 'data');
  await withDatabase(dataDir, async (query) => {
    await query('create table notes (id int primary key, body text not null)');
    await query('insert into notes values (1, $1)', ['before the backup']);
  });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('backup and restore of the embedded database', () => {
  it('round-trips the data, and keeps the replaced data dir aside', async () => {
    const file = join(root, 'round-trip.tar.gz');
    const { bytes } = await backupEmbeddedDatabase(dataDir, file);
    expect(bytes).toBeGreaterThan(0);
    expect(statSync(file).size).toBe(bytes);
    expect(existsSync(join(dataDir, 'touchpoint.lock'))).toBe(false);

    await withDatabase(dataDir, (query) => query('update notes set body = $1 where id = 1', ['after the backup']));
    const now = new Date('2030-01-02T03:04:05.678Z');
    const { keptAt } = await restoreEmbeddedDatabase(dataDir, file, now);

    expect(keptAt).toBe(join(dataDir, 'pgdata.before-restore-2030-01-02T03-04-05-678Z'));
    expect(await readNote(dataDir)).toEqual([{ body: 'before the backup' }]);
    expect(existsSync(join(dataDir, 'touchpoint.lock'))).toBe(false);
    const kept = await PGlite.create({ dataDir: keptAt! });
    expect((await kept.query('select body from notes where id = 1')).rows).toEqual([{ body: 'after the backup' }]);
    await kept.close();
    rmSync(keptAt!, { recursive: true, force: true });
  });

  it('restores into a data dir that does not exist yet, keeping nothing aside', async () => {
    const file = join(root, 'fresh.tar.gz');
    await backupEmbeddedDatabase(dataDir, file);
    const elsewhere = join(root, 'new-machine', 'data');
    const { keptAt } = await restoreEmbeddedDatabase(elsewhere, file);
    expect(keptAt).toBeNull();
    expect(await readNote(elsewhere)).toHaveLength(1);
  });

  it('refuses to restore while another handle holds the data dir, and leaves the dir in place', async () => {
    const file = join(root, 'while-held.tar.gz');
    await backupEmbeddedDatabase(dataDir, file);
    const before = readdirSync(root).sort();
    const holder = await openDatabase({ kind: 'embedded', dataDir });
    try {
      await expect(restoreEmbeddedDatabase(dataDir, file)).rejects.toThrow(DataDirLockedError);
      await expect(backupEmbeddedDatabase(dataDir, join(root, 'second.tar.gz'))).rejects.toThrow(/already in use/);
      expect(readdirSync(root).sort()).toEqual(before);
      expect((await holder.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await holder.close();
    }
  });

  it('says clearly that a missing data dir cannot be backed up, and writes no file', async () => {
    const missing = join(root, 'no-such-dir');
    const file = join(root, 'missing.tar.gz');
    await expect(backupEmbeddedDatabase(missing, file)).rejects.toThrow(`There is no embedded database in ${missing} to back up.`);
    expect(existsSync(file)).toBe(false);
    expect(existsSync(missing)).toBe(false);
  });

  it('says clearly that a missing backup file cannot be restored, and leaves the data dir alone', async () => {
    const file = join(root, 'never-written.tar.gz');
    await expect(restoreEmbeddedDatabase(dataDir, file)).rejects.toThrow(`The backup file ${file} does not exist.`);
    expect(await readNote(dataDir)).toHaveLength(1);
  });

  it('puts the current database back when the backup cannot be loaded', async () => {
    const file = join(root, 'corrupt.tar.gz');
    writeFileSync(file, 'not a tarball');
    await expect(restoreEmbeddedDatabase(dataDir, file)).rejects.toThrow(/could not be loaded.*left as it was/);
    expect(await readNote(dataDir)).toHaveLength(1);
    expect(readdirSync(dataDir).filter((name) => name.includes('before-restore'))).toEqual([]);
  });

  it('includes the file store: a restore brings the files back and keeps the replaced ones aside', async () => {
    const filesDir = join(dataDir, 'files');
    mkdirSync(join(filesDir, 'account-1'), { recursive: true });
    mkdirSync(join(filesDir, '.incoming'), { recursive: true });
    writeFileSync(join(filesDir, 'account-1', 'photo'), 'the photo');
    writeFileSync(join(filesDir, '.incoming', 'half-written'), 'partial');
    const file = join(root, 'with-files.tar.gz');
    await backupEmbeddedDatabase(dataDir, file, { filesDir });

    rmSync(join(filesDir, 'account-1', 'photo'));
    writeFileSync(join(filesDir, 'account-1', 'newer'), 'made after the backup');
    const { filesKeptAt } = await restoreEmbeddedDatabase(dataDir, file, new Date('2030-02-03T04:05:06.789Z'), { filesDir });

    expect(readFileSync(join(filesDir, 'account-1', 'photo'), 'utf8')).toBe('the photo');
    expect(existsSync(join(filesDir, 'account-1', 'newer'))).toBe(false);
    expect(existsSync(join(filesDir, '.incoming'))).toBe(false);
    expect(filesKeptAt).toBe(`${filesDir}.before-restore-2030-02-03T04-05-06-789Z`);
    expect(readFileSync(join(filesKeptAt!, 'account-1', 'newer'), 'utf8')).toBe('made after the backup');
    expect(await readNote(dataDir)).toHaveLength(1);
    rmSync(filesKeptAt!, { recursive: true, force: true });
    rmSync(join(dataDir, 'pgdata.before-restore-2030-02-03T04-05-06-789Z'), { recursive: true, force: true });
  });

  it('still restores a backup of the database alone (made before files were included), leaving the files as they are', async () => {
    const pglite = await PGlite.create({ dataDir: join(dataDir, 'pgdata') });
    const legacy = join(root, 'legacy.tar.gz');
    writeFileSync(legacy, Buffer.from(await (await pglite.dumpDataDir('gzip')).arrayBuffer()));
    await pglite.close();
    const filesDir = join(dataDir, 'files');
    const { filesKeptAt } = await restoreEmbeddedDatabase(dataDir, legacy, new Date('2030-03-04T05:06:07.890Z'), { filesDir });
    expect(filesKeptAt).toBeNull();
    expect(readFileSync(join(filesDir, 'account-1', 'photo'), 'utf8')).toBe('the photo');
    expect(await readNote(dataDir)).toHaveLength(1);
  });
});
