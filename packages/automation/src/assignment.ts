import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { type AccountScope, notFound } from '@touchpoint/core';
import { recordAudit } from '@touchpoint/accounts';
import { type Database, schema } from '@touchpoint/db';

export const ASSIGNMENT_MODES = ['none', 'round_robin', 'capacity'] as const;
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];
export const AVAILABILITY_STATUSES = ['online', 'busy', 'away'] as const;
export type AvailabilityStatus = (typeof AVAILABILITY_STATUSES)[number];

/** Conversations that count against an agent's capacity. */
const WORKING_STATUSES = ['open', 'pending'];

export async function setInboxAssignmentMode(db: Database, scope: AccountScope, inboxId: string, mode: AssignmentMode) {
  return db.transaction(async (tx) => {
    const [row] = await tx.update(schema.inboxes).set({ autoAssignment: mode }).where(and(eq(schema.inboxes.accountId, scope.accountId), eq(schema.inboxes.id, inboxId))).returning();
    if (!row) throw notFound('inbox');
    await recordAudit(tx, scope, { action: 'inbox.assignment_changed', targetType: 'inbox', targetId: inboxId, details: { mode } });
    return { inboxId: row.id, mode: row.autoAssignment as AssignmentMode };
  });
}

/** An agent's availability; no row means online with no capacity limit. */
export async function getAvailability(db: Database, scope: AccountScope, userId: string) {
  const [member] = await db.select({ userId: schema.memberships.userId }).from(schema.memberships).where(and(eq(schema.memberships.accountId, scope.accountId), eq(schema.memberships.userId, userId)));
  if (!member) throw notFound('member');
  const [row] = await db.select().from(schema.agentAvailability).where(and(eq(schema.agentAvailability.accountId, scope.accountId), eq(schema.agentAvailability.userId, userId)));
  return { userId, status: (row?.status ?? 'online') as AvailabilityStatus, maxOpenConversations: row?.maxOpenConversations ?? null, lastAssignedAt: row?.lastAssignedAt?.toISOString() ?? null };
}

export async function setAvailability(db: Database, scope: AccountScope, userId: string, input: { status?: AvailabilityStatus; maxOpenConversations?: number | null }) {
  await getAvailability(db, scope, userId);
  const values: { status?: AvailabilityStatus; maxOpenConversations?: number | null } = {};
  if (input.status !== undefined) values.status = input.status;
  if (input.maxOpenConversations !== undefined) values.maxOpenConversations = input.maxOpenConversations;
  await db
    .insert(schema.agentAvailability)
    .values({ accountId: scope.accountId, userId, ...values })
    .onConflictDoUpdate({ target: [schema.agentAvailability.accountId, schema.agentAvailability.userId], set: Object.keys(values).length > 0 ? values : { status: sql`${schema.agentAvailability.status}` } });
  return getAvailability(db, scope, userId);
}

/**
 * Picks who gets the next conversation of an inbox: members of the inbox who are online (no row = online), under
 * their capacity when `mode` is capacity, least recently assigned first. Records the pick's lastAssignedAt.
 * Runs inside the outbox claim transaction, which one node holds at a time, so two picks never race.
 */
export async function pickNextAgent(tx: Database, accountId: string, inboxId: string, mode: 'round_robin' | 'capacity', now = new Date()): Promise<string | null> {
  const candidates = await tx
    .select({ userId: schema.inboxMembers.userId, status: schema.agentAvailability.status, max: schema.agentAvailability.maxOpenConversations, lastAssignedAt: schema.agentAvailability.lastAssignedAt })
    .from(schema.inboxMembers)
    .innerJoin(schema.memberships, and(eq(schema.memberships.accountId, schema.inboxMembers.accountId), eq(schema.memberships.userId, schema.inboxMembers.userId)))
    .leftJoin(schema.agentAvailability, and(eq(schema.agentAvailability.accountId, schema.inboxMembers.accountId), eq(schema.agentAvailability.userId, schema.inboxMembers.userId)))
    .where(and(eq(schema.inboxMembers.accountId, accountId), eq(schema.inboxMembers.inboxId, inboxId)))
    .orderBy(sql`${schema.agentAvailability.lastAssignedAt} asc nulls first`, asc(schema.inboxMembers.userId));
  let eligible = candidates.filter((candidate) => (candidate.status ?? 'online') === 'online');
  if (mode === 'capacity' && eligible.some((candidate) => candidate.max !== null)) {
    const counts = await tx
      .select({ userId: schema.conversations.assigneeId, open: sql<number>`count(*)::int` })
      .from(schema.conversations)
      .where(and(eq(schema.conversations.accountId, accountId), inArray(schema.conversations.assigneeId, eligible.map((candidate) => candidate.userId)), inArray(schema.conversations.status, WORKING_STATUSES)))
      .groupBy(schema.conversations.assigneeId);
    const openOf = new Map(counts.map((row) => [row.userId, Number(row.open)]));
    eligible = eligible.filter((candidate) => candidate.max === null || (openOf.get(candidate.userId) ?? 0) < candidate.max);
  }
  const chosen = eligible[0];
  if (!chosen) return null;
  await tx
    .insert(schema.agentAvailability)
    .values({ accountId, userId: chosen.userId, lastAssignedAt: now })
    .onConflictDoUpdate({ target: [schema.agentAvailability.accountId, schema.agentAvailability.userId], set: { lastAssignedAt: now } });
  return chosen.userId;
}
