import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { join } from 'node:path';
import pg from 'pg';
import { acquireDataDirLock } from './lock-file.ts';
import * as schema from './schema.ts';

/** Extensions the migrations create; PGlite ships them as modules that must be loaded at open. */
export const EXTENSIONS = { pg_trgm };

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface SqlResult<Row> {
  rows: Row[];
}

export interface DatabaseHandle {
  readonly kind: 'embedded' | 'server';
  readonly db: Database;
  /** One parameterised statement, outside drizzle (used by the job queue adapter and health checks). */
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<SqlResult<Row>>;
  /** Calls `onNotify` for every NOTIFY on `channel`, delivered after the notifying transaction commits. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
  readonly pglite?: PGlite;
  readonly pool?: pg.Pool;
}

export type DatabaseOptions =
  | { kind: 'embedded'; dataDir: string | null }
  | { kind: 'server'; url: string; poolSize?: number };

/** Opens the embedded database (taking its lock file) or a pool on a PostgreSQL server. */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.kind === 'server') return openServer(options.url, options.poolSize ?? 10);
  if (options.dataDir === null) return wrapPglite(await PGlite.create({ extensions: EXTENSIONS }), () => {});
  const releaseLock = acquireDataDirLock(options.dataDir);
  try {
    return wrapPglite(await PGlite.create({ dataDir: pgdataPath(options.dataDir), extensions: EXTENSIONS }), releaseLock);
  } catch (error) {
    releaseLock();
    throw error;
  }
}

/** Where PGlite keeps its files inside DATA_DIR (beside the lock file and, later, uploaded files). */
export const pgdataPath = (dataDir: string) => join(dataDir, 'pgdata');

/** Wraps an open PGlite; `release` runs after it closes (the data-dir lock, when there is one). */
export function wrapPglite(pglite: PGlite, release: () => void): DatabaseHandle {
  const db = drizzlePglite(pglite, { schema }) as unknown as Database;
  return {
    kind: 'embedded',
    db,
    pglite,
    async query<Row>(text: string, params?: unknown[]) {
      const result = await pglite.query<Row>(text, params);
      return { rows: result.rows };
    },
    async listen(channel, onNotify) {
      const unlisten = await pglite.listen(channel, onNotify);
      return async () => unlisten();
    },
    async close() {
      try {
        await pglite.close();
      } finally {
        release();
      }
    },
  };
}

async function openServer(url: string, poolSize: number): Promise<DatabaseHandle> {
  // JIT compilation pays off for long analytical queries; for the app's short ones it only adds time — at 1M
  // conversations PostgreSQL 15 spent 6.5 s compiling one inbox-list query that then ran in 0.3 s.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, options: '-c jit=off' });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on next use.
  });
  await pool.query('select 1');
  const db = drizzlePg(pool, { schema }) as unknown as Database;
  const listeners: pg.Client[] = [];
  return {
    kind: 'server',
    db,
    pool,
    async query<Row>(text: string, params?: unknown[]) {
      const result = await pool.query(text, params);
      return { rows: result.rows as Row[] };
    },
    async listen(channel, onNotify) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      client.on('notification', (message) => {
        if (message.channel === channel) onNotify(message.payload ?? '');
      });
      client.on('error', () => {});
      await client.query(`listen ${pg.escapeIdentifier(channel)}`);
      listeners.push(client);
      return async () => {
        listeners.splice(listeners.indexOf(client), 1);
        await client.end();
      };
    },
    async close() {
      await Promise.all(listeners.splice(0).map((client) => client.end()));
      await pool.end();
    },
  };
}
