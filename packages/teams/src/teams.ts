import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { type AccountScope, conflict, notFound, validationFailed } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { recordEvents } from '@touchpoint/events';
import { assertAdmin, recordAudit } from '@touchpoint/accounts';

export interface TeamInput {
  name: string;
  description: string;
  businessHoursId: string | null;
}

export interface TeamSummary {
  id: string;
  name: string;
  description: string;
  businessHoursId: string | null;
  memberCount: number;
  createdAt: string;
}

export interface TeamDetail extends TeamSummary {
  userIds: string[];
}

const t = schema.teams;
const tm = schema.teamMembers;

const memberCount = sql<number>`(select count(*)::int from ${tm} where ${tm.teamId} = ${t.id})`;

/** Every team of the account with its member count, by name; any member may list them. */
export async function listTeams(db: Database, scope: AccountScope): Promise<TeamSummary[]> {
  const rows = await db
    .select({ id: t.id, name: t.name, description: t.description, businessHoursId: t.businessHoursId, memberCount, createdAt: t.createdAt })
    .from(t)
    .where(eq(t.accountId, scope.accountId))
    .orderBy(asc(t.name));
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
}

async function selectTeam(db: Database, accountId: string, teamId: string): Promise<TeamDetail> {
  const [row] = await db
    .select({ id: t.id, name: t.name, description: t.description, businessHoursId: t.businessHoursId, createdAt: t.createdAt })
    .from(t)
    .where(and(eq(t.accountId, accountId), eq(t.id, teamId)));
  if (!row) throw notFound('team');
  const members = await db
    .select({ userId: tm.userId })
    .from(tm)
    .innerJoin(schema.users, eq(schema.users.id, tm.userId))
    .where(and(eq(tm.accountId, accountId), eq(tm.teamId, teamId)))
    .orderBy(asc(schema.users.name));
  const userIds = members.map((m) => m.userId);
  return { ...row, createdAt: row.createdAt.toISOString(), memberCount: userIds.length, userIds };
}

export const getTeam = (db: Database, scope: AccountScope, teamId: string) => selectTeam(db, scope.accountId, teamId);

async function assertNameFree(db: Database, accountId: string, name: string, exceptTeamId?: string) {
  const [clash] = await db
    .select({ id: t.id })
    .from(t)
    .where(and(eq(t.accountId, accountId), sql`lower(${t.name}) = lower(${name})`, exceptTeamId ? ne(t.id, exceptTeamId) : undefined));
  if (clash) throw conflict(`A team named “${name}” already exists.`);
}

async function assertBusinessHours(db: Database, accountId: string, businessHoursId: string | null | undefined) {
  if (!businessHoursId) return;
  const [row] = await db
    .select({ id: schema.businessHours.id })
    .from(schema.businessHours)
    .where(and(eq(schema.businessHours.accountId, accountId), eq(schema.businessHours.id, businessHoursId)));
  if (!row) throw validationFailed([{ path: 'businessHoursId', message: `unknown business hours ${businessHoursId}` }]);
}

/** Rejects user ids that are not members of this account, naming them, before anything is written. */
async function assertAccountMembers(db: Database, accountId: string, userIds: string[]) {
  if (userIds.length === 0) return;
  const rows = await db
    .select({ userId: schema.memberships.userId })
    .from(schema.memberships)
    .where(and(eq(schema.memberships.accountId, accountId), inArray(schema.memberships.userId, userIds)));
  const found = new Set(rows.map((row) => row.userId));
  const unknown = userIds.filter((id) => !found.has(id));
  if (unknown.length > 0) throw validationFailed([{ path: 'userIds', message: `not a member of this account: ${unknown.join(', ')}` }]);
}

async function replaceMembers(tx: Database, accountId: string, teamId: string, userIds: string[]) {
  await tx.delete(tm).where(and(eq(tm.accountId, accountId), eq(tm.teamId, teamId)));
  if (userIds.length > 0) await tx.insert(tm).values(userIds.map((userId) => ({ accountId, teamId, userId })));
}

export async function createTeam(db: Database, scope: AccountScope, input: TeamInput & { userIds: string[] }): Promise<TeamDetail> {
  assertAdmin(scope);
  const name = input.name.trim();
  const userIds = [...new Set(input.userIds)];
  await assertBusinessHours(db, scope.accountId, input.businessHoursId);
  await assertAccountMembers(db, scope.accountId, userIds);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select 1 from accounts where id = ${scope.accountId} for update`);
    await assertNameFree(tx, scope.accountId, name);
    const [row] = await tx.insert(t).values({ accountId: scope.accountId, name, description: input.description.trim(), businessHoursId: input.businessHoursId }).returning();
    await replaceMembers(tx, scope.accountId, row!.id, userIds);
    await recordAudit(tx, scope, { action: 'team.created', targetType: 'team', targetId: row!.id, details: { name, userIds } });
    await recordEvents(tx, [{ type: 'team.created', accountId: scope.accountId, payload: { teamId: row!.id }, audience: { kind: 'account' } }]);
    return selectTeam(tx, scope.accountId, row!.id);
  });
}

export async function updateTeam(db: Database, scope: AccountScope, teamId: string, patch: Partial<TeamInput>): Promise<TeamDetail> {
  assertAdmin(scope);
  await selectTeam(db, scope.accountId, teamId);
  await assertBusinessHours(db, scope.accountId, patch.businessHoursId);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select 1 from accounts where id = ${scope.accountId} for update`);
    const before = await selectTeam(tx, scope.accountId, teamId);
    if (patch.name !== undefined) await assertNameFree(tx, scope.accountId, patch.name.trim(), teamId);
    await tx
      .update(t)
      .set({
        ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
        ...(patch.description !== undefined ? { description: patch.description.trim() } : {}),
        ...(patch.businessHoursId !== undefined ? { businessHoursId: patch.businessHoursId } : {}),
      })
      .where(and(eq(t.accountId, scope.accountId), eq(t.id, teamId)));
    const after = await selectTeam(tx, scope.accountId, teamId);
    await recordAudit(tx, scope, {
      action: 'team.updated',
      targetType: 'team',
      targetId: teamId,
      details: { from: { name: before.name, description: before.description, businessHoursId: before.businessHoursId }, to: { name: after.name, description: after.description, businessHoursId: after.businessHoursId } },
    });
    await recordEvents(tx, [{ type: 'team.updated', accountId: scope.accountId, payload: { teamId }, audience: { kind: 'account' } }]);
    return after;
  });
}

/** Replaces the team's members with exactly `userIds` (each must be a member of the account). */
export async function setTeamMembers(db: Database, scope: AccountScope, teamId: string, userIds: string[]): Promise<TeamDetail> {
  assertAdmin(scope);
  const unique = [...new Set(userIds)];
  await selectTeam(db, scope.accountId, teamId);
  await assertAccountMembers(db, scope.accountId, unique);
  return db.transaction(async (tx) => {
    const before = await selectTeam(tx, scope.accountId, teamId);
    await replaceMembers(tx, scope.accountId, teamId, unique);
    const after = await selectTeam(tx, scope.accountId, teamId);
    await recordAudit(tx, scope, { action: 'team.members_set', targetType: 'team', targetId: teamId, details: { from: before.userIds, to: after.userIds } });
    await recordEvents(tx, [{ type: 'team.updated', accountId: scope.accountId, payload: { teamId }, audience: { kind: 'account' } }]);
    return after;
  });
}

/** Conversations of a deleted team keep their other fields; their team is cleared (the schema sets it null). */
export async function deleteTeam(db: Database, scope: AccountScope, teamId: string): Promise<void> {
  assertAdmin(scope);
  await db.transaction(async (tx) => {
    const before = await selectTeam(tx, scope.accountId, teamId);
    await tx.delete(t).where(and(eq(t.accountId, scope.accountId), eq(t.id, teamId)));
    await recordAudit(tx, scope, { action: 'team.deleted', targetType: 'team', targetId: teamId, details: { name: before.name } });
    await recordEvents(tx, [{ type: 'team.deleted', accountId: scope.accountId, payload: { teamId }, audience: { kind: 'account' } }]);
  });
}
