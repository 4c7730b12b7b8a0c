import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirLockedError extends Error {
  readonly code = 'data_dir_locked';
  constructor(readonly dataDir: string, readonly holderPid: number) {
    super(
      `The embedded database in ${dataDir} is already in use by process ${holderPid}. ` +
        'PGlite cannot be shared between processes: stop that process first, or set DATABASE_URL to use a PostgreSQL server.',
    );
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Creates `path` holding `content`, failing with EEXIST if it exists (O_EXCL, atomic on local file systems). */
function createExclusive(path: string, content: string) {
  const fd = openSync(path, 'wx');
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
}

function readHolder(path: string): number | null {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** A takeover guard older than this was left by a process that died while taking over; it is ignored. */
const STALE_GUARD_MS = 10_000;

/**
 * Removes a lock left by a dead process. Only one process may do this at a time (a second, exclusive guard file),
 * otherwise two processes could both see the dead pid and the later one would delete the lock the first just took.
 */
function removeStaleLock(lockPath: string, dataDir: string) {
  const guard = `${lockPath}.takeover`;
  try {
    createExclusive(guard, String(process.pid));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const age = Date.now() - statSync(guard, { throwIfNoEntry: false })!.mtimeMs;
    if (age < STALE_GUARD_MS) throw new DataDirLockedError(dataDir, readHolder(guard) ?? 0);
    rmSync(guard, { force: true });
    return removeStaleLock(lockPath, dataDir);
  }
  try {
    const holder = readHolder(lockPath);
    if (holder !== null && (holder === process.pid || isProcessAlive(holder))) throw new DataDirLockedError(dataDir, holder);
    rmSync(lockPath, { force: true });
  } finally {
    rmSync(guard, { force: true });
  }
}

/**
 * Takes `<dataDir>/touchpoint.lock` for this process and returns its release function. A lock left by a dead
 * process is taken over; a live holder makes this throw DataDirLockedError, because two PGlite instances on one
 * directory lose writes.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = join(dataDir, 'touchpoint.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      createExclusive(lockPath, String(process.pid));
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      removeStaleLock(lockPath, dataDir);
    }
  }
  throw new DataDirLockedError(dataDir, readHolder(lockPath) ?? 0);
}
