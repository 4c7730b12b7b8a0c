import { and, asc, desc, eq, gte, lt, sql } from 'drizzle-orm';
import { type Database, schema } from '@touchpoint/db';
import { describeAgentBudget } from './delight-budgets.ts';
import { serializeGesture } from './delight-gestures.ts';

const g = schema.delightGestures;
const o = schema.orders;

/**
 * What delight spent and what came of it, for `from`–`to`: per agent, this period's budget, spent and left and the
 * gestures in the range; per gesture (newest 500), the conversation's outcome read from the data already there —
 * its status (resolved?), its CSAT rating if the customer rated it, and the customer's orders placed afterwards.
 */
export async function buildDelightReport(db: Database, accountId: string, range: { from: Date; to: Date }, now = new Date()) {
  const inRange = and(eq(g.accountId, accountId), gte(g.createdAt, range.from), lt(g.createdAt, range.to));
  const rows = await db.select({
    gesture: g, agentName: schema.users.name, contactName: schema.contacts.name,
    conversationNumber: schema.conversations.number, conversationStatus: schema.conversations.status, resolvedAt: schema.conversations.resolvedAt,
    csat: schema.csatRatings.rating,
    ordersAfter: sql<number>`(select count(*)::int from ${o} where ${o.accountId} = ${g.accountId} and ${o.contactId} = ${g.contactId} and ${o.placedAt} > ${g.createdAt} and ${o.cancelledAt} is null)`,
    orderValueAfter: sql<number>`(select coalesce(sum(${o.totalMinor}), 0)::int from ${o} where ${o.accountId} = ${g.accountId} and ${o.contactId} = ${g.contactId} and ${o.placedAt} > ${g.createdAt} and ${o.cancelledAt} is null)`,
  }).from(g)
    .leftJoin(schema.users, eq(schema.users.id, g.userId))
    .leftJoin(schema.contacts, eq(schema.contacts.id, g.contactId))
    .leftJoin(schema.conversations, eq(schema.conversations.id, g.conversationId))
    .leftJoin(schema.csatRatings, eq(schema.csatRatings.conversationId, g.conversationId))
    .where(inRange).orderBy(desc(g.createdAt)).limit(500);
  const gestures = rows.map((row) => ({
    ...serializeGesture(row.gesture, { agentName: row.agentName, contactName: row.contactName }),
    outcome: {
      conversationNumber: row.conversationNumber, status: row.conversationStatus, resolved: row.conversationStatus === 'resolved' || row.conversationStatus === 'closed',
      resolvedAt: row.resolvedAt?.toISOString() ?? null, csat: row.csat ?? null, ordersAfter: row.ordersAfter, orderValueAfterMinor: row.orderValueAfter,
    },
  }));
  const byAgent = await db.select({ userId: g.userId, gestures: sql<number>`count(*)::int`, valueMinor: sql<number>`coalesce(sum(${g.valueMinor}), 0)::int` }).from(g).where(inRange).groupBy(g.userId);
  const members = await db.select({ userId: schema.users.id, name: schema.users.name }).from(schema.memberships)
    .innerJoin(schema.users, eq(schema.users.id, schema.memberships.userId)).where(eq(schema.memberships.accountId, accountId)).orderBy(asc(schema.users.name));
  const agents = [];
  for (const member of members) {
    const current = await describeAgentBudget(db, accountId, member.userId, now);
    const used = byAgent.find((row) => row.userId === member.userId);
    if (!current.budget && !used) continue;
    agents.push({
      userId: member.userId, name: member.name, period: current.budget?.period ?? null, currency: current.budget?.currency ?? null, budgetMinor: current.budget?.amountMinor ?? 0,
      spentMinor: current.spentMinor, leftMinor: current.leftMinor, gesturesInRange: used?.gestures ?? 0, valueInRangeMinor: used?.valueMinor ?? 0,
    });
  }
  const rated = gestures.filter((row) => row.outcome.csat !== null);
  return {
    from: range.from.toISOString(), to: range.to.toISOString(), agents, gestures,
    summary: {
      gestures: gestures.length, resolvedShare: gestures.length ? gestures.filter((row) => row.outcome.resolved).length / gestures.length : null,
      averageCsat: rated.length ? rated.reduce((sum, row) => sum + row.outcome.csat!, 0) / rated.length : null,
      customersWhoOrderedAfter: new Set(gestures.filter((row) => row.outcome.ordersAfter > 0).map((row) => row.contactId)).size,
    },
  };
}
