import { randomUUID } from 'node:crypto';
import { createAccount, createUser } from '@touchpoint/accounts';
import type { AccountScope } from '@touchpoint/core';
import type { Database } from '@touchpoint/db';

/** The account bench/generate.ts creates and the scale benchmarks sign in to. */
export const BENCH_ACCOUNT_NAME = 'Bench Scale Co';
export const BENCH_PASSWORD = 'touchpoint-bench';
export const benchAgentEmail = (n: number) => `agent${n}@bench.touchpoint.dev`;

/** A fresh account with one admin, for a benchmark that seeds its own data, and a system scope to act in it. */
export async function createBenchAccount(db: Database, name: string) {
  const tag = randomUUID().slice(0, 8);
  const user = await createUser(db, { email: `bench-${tag}@bench.test`, name: 'Bench admin', password: 'bench password 1234' });
  const account = await createAccount(db, { name, purposeStatement: 'Bench', adminUserId: user.id });
  const scope: AccountScope = { accountId: account.id, actor: { type: 'system', id: null, name: 'bench', role: 'admin' } };
  return { user, account, scope };
}
