import { inject } from 'vitest';
import { type DatabaseHandle, migrateDatabase, openDatabase } from '@touchpoint/db';

let shared: Promise<DatabaseHandle> | null = null;

/**
 * One migrated database per test worker, shared by its test files (a fresh PGlite costs seconds and hundreds of MB).
 * Tests stay independent by creating their own accounts; every query is account-scoped anyway.
 */
export function getTestDatabase(): Promise<DatabaseHandle> {
  shared ??= (async () => {
    const url = inject('databaseUrl');
    const handle = url ? await openDatabase({ kind: 'server', url, poolSize: 5 }) : await openDatabase({ kind: 'embedded', dataDir: null });
    await migrateDatabase(handle);
    return handle;
  })();
  return shared;
}
