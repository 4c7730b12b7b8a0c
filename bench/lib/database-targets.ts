import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFreshDatabase } from './postgres-database.ts';

export interface PreparedDatabase {
  env: Record<string, string>;
  /** Statements run in the database so far, where the engine can tell (PostgreSQL); null otherwise. */
  countStatements: (() => Promise<number>) | null;
  cleanUp(): Promise<void>;
}

export interface Target {
  label: 'embedded' | 'postgres';
  /** Sets up a fresh, empty database and returns the server env for it, plus how to remove it. */
  prepare(): Promise<PreparedDatabase>;
}

/** The embedded database always; PostgreSQL too when an admin URL is given. Each `prepare()` starts from empty. */
export function listTargets(postgresAdminUrl: string | null): Target[] {
  const embedded: Target = {
    label: 'embedded',
    async prepare() {
      const dir = mkdtempSync(join(tmpdir(), 'touchpoint-bench-load-'));
      return { env: { DATA_DIR: join(dir, 'data') }, countStatements: null, cleanUp: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  };
  if (!postgresAdminUrl) return [embedded];
  const postgres: Target = {
    label: 'postgres',
    async prepare() {
      const database = await createFreshDatabase(postgresAdminUrl);
      return { env: { DATABASE_URL: database.url }, countStatements: () => database.countTransactions(), cleanUp: () => database.drop() };
    },
  };
  return [embedded, postgres];
}

/** Runs `measure` once per target (embedded, then PostgreSQL when an admin URL is given), each on a fresh database removed afterwards. */
export async function measureOnEachTarget<T>(postgresAdminUrl: string | null, measure: (label: Target['label'], env: Record<string, string>) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (const target of listTargets(postgresAdminUrl)) {
    const prepared = await target.prepare();
    try {
      results.push(await measure(target.label, prepared.env));
    } finally {
      await prepared.cleanUp();
    }
  }
  return results;
}
