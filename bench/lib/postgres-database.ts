import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface FreshDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

async function runAdminStatement(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * Creates an empty database on the server behind `adminUrl` (a role allowed to CREATE DATABASE), so the server
 * under test migrates it and loads the demo as on a first start. `drop()` removes it, ending leftover connections.
 */
export async function createFreshDatabase(adminUrl: string): Promise<FreshDatabase> {
  const name = `touchpoint_bench_${Date.now()}_${randomBytes(3).toString('hex')}`;
  await runAdminStatement(adminUrl, `create database "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), name, drop: () => runAdminStatement(adminUrl, `drop database if exists "${name}" with (force)`) };
}
