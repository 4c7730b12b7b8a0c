import { eq, sql } from 'drizzle-orm';
import { type AccountScope, isAppError } from '@touchpoint/core';
import { createAccount, createUser, setInboxMemberships } from '@touchpoint/accounts';
import { createContact } from '@touchpoint/contacts';
import { createConversation } from '@touchpoint/conversations';
import { migrateDatabase, openDatabase, schema } from '@touchpoint/db';
import { sendDelightGesture, setDelightBudget } from '@touchpoint/delight';
import { readBenchEnv } from './lib/bench-env.ts';
import { createFreshDatabase } from './lib/postgres-database.ts';
import { computeMedian, computePercentile } from './lib/stats.ts';
import type { Benchmark, ReportProgress } from './lib/types.ts';

const AGENTS = 10;
/** Each agent fires this many gestures at once against a budget that fits exactly half of them. */
const GESTURES_PER_AGENT = 100;
const POINTS = 100;

/**
 * Delight gestures racing for budgets (docs/delight.md): 10 agents each fire 100 points gestures at once (1,000 in
 * flight over a pool of 10 connections) against a budget that fits 50; exactly 500 must go out and no agent may end
 * over budget. Measures gestures decided per second and the latency of one gesture.
 */
async function runDelightBudget(progress: ReportProgress) {
  const { postgresAdminUrl } = readBenchEnv();
  if (!postgresAdminUrl) return { measurements: [], raw: null, notes: ['delight-budget skipped: set BENCH_DATABASE_URL to a PostgreSQL role allowed to create databases (docs/benchmarks.md).'] };
  const fresh = await createFreshDatabase(postgresAdminUrl);
  const handle = await openDatabase({ kind: 'server', url: fresh.url, poolSize: 10 });
  try {
    await migrateDatabase(handle);
    const db = handle.db;
    progress('setting up agents, budgets and conversations');
    const owner = await createUser(db, { email: 'bench-admin@bench.test', name: 'Bench admin', password: 'bench password 1234' });
    const account = await createAccount(db, { name: 'Delight bench', purposeStatement: 'Bench', adminUserId: owner.id });
    const admin: AccountScope = { accountId: account.id, actor: { type: 'user', id: owner.id, name: 'Bench admin', role: 'admin' } };
    const [inbox] = await db.insert(schema.inboxes).values({ accountId: account.id, name: 'Chat', channel: 'web_chat' }).returning();
    await setDelightBudget(db, admin, null, { period: 'month', amountMinor: (GESTURES_PER_AGENT / 2) * POINTS, currency: 'USD', pointValueMinor: 1 });
    const agents: { scope: AccountScope; conversationId: string }[] = [];
    for (let i = 0; i < AGENTS; i++) {
      const user = await createUser(db, { email: `agent-${i}@bench.test`, name: `Agent ${i}`, password: 'bench password 1234' });
      await db.insert(schema.memberships).values({ accountId: account.id, userId: user.id, role: 'agent' });
      await setInboxMemberships(db, account.id, user.id, [inbox!.id]);
      const contact = await createContact(db, admin, { name: `Customer ${i}`, email: `customer-${i}@bench.test` });
      const conversation = await createConversation(db, admin, { inboxId: inbox!.id, contactId: contact.id, subject: 'Late order', messages: [{ direction: 'inbound', body: 'Late', at: new Date() }] });
      agents.push({ scope: { accountId: account.id, actor: { type: 'user', id: user.id, name: `Agent ${i}`, role: 'agent' } }, conversationId: conversation.id });
    }
    progress(`firing ${AGENTS * GESTURES_PER_AGENT} gestures at once`);
    const latencies: number[] = [];
    let sent = 0;
    let refused = 0;
    const started = performance.now();
    await Promise.all(agents.flatMap((agent) => Array.from({ length: GESTURES_PER_AGENT }, async (_, n) => {
      const t0 = performance.now();
      try {
        await sendDelightGesture(db, agent.scope, { conversationId: agent.conversationId, kind: 'points', points: POINTS, clientKey: `bench-${n}`, message: 'Sorry for the wait' }, { gifts: null });
        sent++;
      } catch (error) {
        if (!(isAppError(error) && error.code === 'over_budget')) throw error;
        refused++;
      } finally {
        latencies.push(performance.now() - t0);
      }
    })));
    const seconds = (performance.now() - started) / 1000;
    const [worst] = await db.select({ spent: sql<number>`max(s)::int` }).from(sql`(select sum(${schema.delightGestures.valueMinor}) as s from ${schema.delightGestures} where ${schema.delightGestures.accountId} = ${account.id} group by ${schema.delightGestures.userId}) t`);
    const rows = await db.select({ id: schema.delightGestures.id }).from(schema.delightGestures).where(eq(schema.delightGestures.accountId, account.id));
    const budgetMinor = (GESTURES_PER_AGENT / 2) * POINTS;
    const notes = [`${sent} sent, ${refused} refused over budget; ${rows.length} gesture rows; the most any agent spent: ${worst?.spent ?? 0} of ${budgetMinor}.`];
    if (sent !== AGENTS * GESTURES_PER_AGENT / 2 || (worst?.spent ?? 0) > budgetMinor) notes.push('INTEGRITY FAILURE: a budget was overspent or a gesture was lost.');
    return {
      measurements: [
        { metric: 'gestures decided per second (1,000 concurrent, 10 agents)', value: Math.round((sent + refused) / seconds), unit: 'req/s' as const },
        { metric: 'gesture latency p50', value: Math.round(computeMedian(latencies)), unit: 'ms' as const },
        { metric: 'gesture latency p99', value: Math.round(computePercentile(latencies, 99)), unit: 'ms' as const },
        { metric: 'gestures sent (must be 500)', value: sent, unit: 'count' as const, budget: { limit: AGENTS * GESTURES_PER_AGENT / 2, kind: 'max' as const, text: 'never more than the budgets allow' } },
      ],
      raw: { sent, refused, seconds, worstSpentMinor: worst?.spent ?? 0, budgetMinor, latencies },
      notes,
    };
  } finally {
    await handle.close();
    await fresh.drop();
  }
}

export const delightBudgetBenchmark: Benchmark = { name: 'delight-budget', summary: '1,000 concurrent delight gestures against 10 agents’ budgets: never overspent; gestures/s', run: runDelightBudget };
