import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface FreshDatabase {
  url: string;
  name: string;
  /**
   * Transactions committed or rolled back in this database so far (pg_stat_database). Each autocommit statement is
   * one. Backends report at most every 10 s while busy, so read it after the server has been idle that long.
   */
  countTransactions(): Promise<number>;
  drop(): Promise<void>;
}

async function runAdminQuery(adminUrl: string, statement: string, values: unknown[] = []): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return (await client.query(statement, values)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

async function countTransactions(adminUrl: string, name: string): Promise<number> {
  const [row] = await runAdminQuery(adminUrl, 'select (xact_commit + xact_rollback)::text as n from pg_stat_database where datname = $1', [name]);
  return Number(row?.n ?? 0);
}

/**
 * Creates an empty database on the server behind `adminUrl` (a role allowed to CREATE DATABASE), so the server
 * under test migrates it and loads the demo as on a first start. `drop()` removes it, ending leftover connections.
 */
export async function createFreshDatabase(adminUrl: string): Promise<FreshDatabase> {
  const name = `touchpoint_bench_${Date.now()}_${randomBytes(3).toString('hex')}`;
  await runAdminQuery(adminUrl, `create database "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    countTransactions: () => countTransactions(adminUrl, name),
    drop: async () => void (await runAdminQuery(adminUrl, `drop database if exists "${name}" with (force)`)),
  };
}
