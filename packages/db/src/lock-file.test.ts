import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './connection.ts';
import { acquireDataDirLock, DataDirLockedError } from './lock-file.ts';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const opener = fileURLToPath(new URL('./testing/open-embedded-database.ts', import.meta.url));

/** Runs the opener fixture in a separate Node process against `dataDir`. */
function openInChildProcess(dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', opener, dataDir], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The pid of a process that has already exited. */
function deadPid(): number {
  const finished = spawnSync(process.execPath, ['-e', '']);
  return finished.pid!;
}

let root: string;
let dataDir: string;
const lockPath = () => join(dataDir, 'touchpoint.lock');

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'touchpoint-lock-'));
  dataDir = join(root, 'data');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the embedded data dir lock', () => {
  it('takes over a lock left by a process that died, and releases it on close', async () => {
    const stalePid = deadPid();
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(lockPath(), String(stalePid));
    const handle = await openDatabase({ kind: 'embedded', dataDir });
    try {
      expect(readFileSync(lockPath(), 'utf8')).toBe(String(process.pid));
      expect((await handle.query<{ one: number }>('select 1 as one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await handle.close();
    }
    expect(existsSync(lockPath())).toBe(false);
  });

  it('makes a second process refuse the data dir, naming the directory and the holder pid', async () => {
    const handle = await openDatabase({ kind: 'embedded', dataDir });
    try {
      const second = await openInChildProcess(dataDir);
      expect(second.code).toBe(3);
      expect(second.stdout).not.toContain('opened');
      expect(second.stderr).toContain(`The embedded database in ${dataDir} is already in use by process ${process.pid}.`);
      expect(second.stderr).toContain('DATABASE_URL');
      expect(readFileSync(lockPath(), 'utf8')).toBe(String(process.pid));
    } finally {
      await handle.close();
    }
  });

  it('lets another process open the data dir once the holder has closed it', async () => {
    const handle = await openDatabase({ kind: 'embedded', dataDir });
    await handle.close();
    expect(existsSync(lockPath())).toBe(false);
    const next = await openInChildProcess(dataDir);
    expect(next.stderr).toBe('');
    expect(next.code).toBe(0);
    expect(next.stdout).toMatch(/^opened \d+\n$/);
    expect(existsSync(lockPath())).toBe(false);
  });

  it('refuses a second handle in the same process too, and keeps the first holder’s lock', () => {
    const release = acquireDataDirLock(dataDir);
    try {
      expect(() => acquireDataDirLock(dataDir)).toThrow(DataDirLockedError);
      expect(readFileSync(lockPath(), 'utf8')).toBe(String(process.pid));
    } finally {
      release();
    }
    expect(existsSync(lockPath())).toBe(false);
  });

  it('releases the lock when PGlite fails to open the directory', async () => {
    const notADatabase = join(root, 'not-a-database');
    mkdirSync(join(notADatabase, 'pgdata'), { recursive: true });
    writeFileSync(join(notADatabase, 'pgdata', 'PG_VERSION'), 'not a version\n');
    await expect(openDatabase({ kind: 'embedded', dataDir: notADatabase })).rejects.toThrow();
    expect(existsSync(join(notADatabase, 'touchpoint.lock'))).toBe(false);
  });

  it('lets only one process at a time take over a dead holder’s lock, and ignores a takeover abandoned long ago', () => {
    const dir = join(root, 'takeover');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'touchpoint.lock'), String(deadPid()));
    const guard = join(dir, 'touchpoint.lock.takeover');
    writeFileSync(guard, String(process.pid + 1));
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    const longAgo = new Date(Date.now() - 60_000);
    utimesSync(guard, longAgo, longAgo);
    const release = acquireDataDirLock(dir);
    expect(readFileSync(join(dir, 'touchpoint.lock'), 'utf8')).toBe(String(process.pid));
    expect(existsSync(guard)).toBe(false);
    release();
  });
});

