import { and, eq, sql } from 'drizzle-orm';
import { type AccountScope, AppError, notFound, type Role } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { recordEvents } from '@touchpoint/events';
import { assertAdmin } from './access.ts';
import { recordAudit } from './audit.ts';
import { assertInboxesInAccount } from './inboxes.ts';

export interface Member {
  userId: string;
  email: string;
  name: string;
  role: Role;
  inboxIds: string[];
  createdAt: string;
}

async function selectMembers(db: Database, accountId: string, userId?: string): Promise<Member[]> {
  const rows = await db
    .select({
      userId: schema.users.id,
      email: schema.users.email,
      name: schema.users.name,
      role: schema.memberships.role,
      createdAt: schema.memberships.createdAt,
      inboxIds: sql<string[]>`coalesce((select json_agg(${schema.inboxMembers.inboxId} order by ${schema.inboxMembers.inboxId}) from ${schema.inboxMembers}
        where ${schema.inboxMembers.accountId} = ${schema.memberships.accountId} and ${schema.inboxMembers.userId} = ${schema.memberships.userId}), '[]'::json)`,
    })
    .from(schema.memberships)
    .innerJoin(schema.users, eq(schema.users.id, schema.memberships.userId))
    .where(and(eq(schema.memberships.accountId, accountId), userId ? eq(schema.memberships.userId, userId) : undefined))
    .orderBy(schema.users.name);
  return rows.map((row) => ({ ...row, role: row.role as Role, createdAt: row.createdAt.toISOString() }));
}

export const listMembers = (db: Database, scope: AccountScope) => selectMembers(db, scope.accountId);

async function getMember(db: Database, accountId: string, userId: string): Promise<Member> {
  const [member] = await selectMembers(db, accountId, userId);
  if (!member) throw notFound('member');
  return member;
}

async function countAdmins(tx: Database, accountId: string) {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(schema.memberships)
    .where(and(eq(schema.memberships.accountId, accountId), eq(schema.memberships.role, 'admin')));
  return row?.n ?? 0;
}

/** Replaces a member's inbox memberships with exactly `inboxIds`. */
export async function setInboxMemberships(tx: Database, accountId: string, userId: string, inboxIds: string[]) {
  await tx.delete(schema.inboxMembers).where(and(eq(schema.inboxMembers.accountId, accountId), eq(schema.inboxMembers.userId, userId)));
  if (inboxIds.length > 0) await tx.insert(schema.inboxMembers).values(inboxIds.map((inboxId) => ({ accountId, inboxId, userId })));
}

const lastAdmin = () => new AppError('last_admin', 'An account needs an admin', 'This is the last admin of the account; make someone else an admin first.');

export async function updateMember(db: Database, scope: AccountScope, userId: string, patch: { role?: Role; inboxIds?: string[] }) {
  assertAdmin(scope);
  if (patch.inboxIds) await assertInboxesInAccount(db, scope.accountId, patch.inboxIds);
  return db.transaction(async (tx) => {
    const before = await getMember(tx, scope.accountId, userId);
    // Taking the row lock on the account serialises concurrent demotions, so two admins cannot demote each other.
    await tx.execute(sql`select 1 from accounts where id = ${scope.accountId} for update`);
    if (patch.role && patch.role !== before.role) {
      if (before.role === 'admin' && (await countAdmins(tx, scope.accountId)) <= 1) throw lastAdmin();
      await tx.update(schema.memberships).set({ role: patch.role }).where(and(eq(schema.memberships.accountId, scope.accountId), eq(schema.memberships.userId, userId)));
    }
    if (patch.inboxIds) await setInboxMemberships(tx, scope.accountId, userId, [...new Set(patch.inboxIds)]);
    const after = await getMember(tx, scope.accountId, userId);
    await recordAudit(tx, scope, {
      action: 'member.updated',
      targetType: 'user',
      targetId: userId,
      details: { email: after.email, role: { from: before.role, to: after.role }, inboxIds: { from: before.inboxIds, to: after.inboxIds } },
    });
    await recordEvents(tx, [{ type: 'member.updated', accountId: scope.accountId, payload: { userId }, audience: { kind: 'account' } }]);
    return after;
  });
}

export async function removeMember(db: Database, scope: AccountScope, userId: string) {
  assertAdmin(scope);
  await db.transaction(async (tx) => {
    const before = await getMember(tx, scope.accountId, userId);
    await tx.execute(sql`select 1 from accounts where id = ${scope.accountId} for update`);
    if (before.role === 'admin' && (await countAdmins(tx, scope.accountId)) <= 1) throw lastAdmin();
    await tx.delete(schema.inboxMembers).where(and(eq(schema.inboxMembers.accountId, scope.accountId), eq(schema.inboxMembers.userId, userId)));
    await tx.delete(schema.memberships).where(and(eq(schema.memberships.accountId, scope.accountId), eq(schema.memberships.userId, userId)));
    await recordAudit(tx, scope, { action: 'member.removed', targetType: 'user', targetId: userId, details: { email: before.email, role: before.role } });
    await recordEvents(tx, [{ type: 'member.removed', accountId: scope.accountId, payload: { userId }, audience: { kind: 'account' } }]);
  });
}
