import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { type AccountScope, AppError, notFound, type Role, validationFailed } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { recordEvents } from '@touchpoint/events';
import { assertAdmin } from './access.ts';
import { recordAudit } from './audit.ts';
import { assertInboxesInAccount } from './inboxes.ts';
import { setInboxMemberships } from './members.ts';
import { generateSecret, hashSecret } from './tokens.ts';
import { createUser, findUserByEmail, normalizeEmail } from './users.ts';

const INVITATION_TTL_MS = 7 * 24 * 3600_000;
export const MIN_PASSWORD_LENGTH = 10;

const presentInvitation = (row: typeof schema.invitations.$inferSelect) => ({
  id: row.id,
  email: row.email,
  role: row.role as Role,
  inboxIds: row.inboxIds,
  expiresAt: row.expiresAt.toISOString(),
  createdAt: row.createdAt.toISOString(),
  invitedBy: row.invitedBy,
});

export async function listPendingInvitations(db: Database, scope: AccountScope) {
  assertAdmin(scope);
  const rows = await db
    .select()
    .from(schema.invitations)
    .where(and(eq(schema.invitations.accountId, scope.accountId), isNull(schema.invitations.acceptedAt), isNull(schema.invitations.revokedAt), gt(schema.invitations.expiresAt, new Date())))
    .orderBy(schema.invitations.createdAt);
  return rows.map(presentInvitation);
}

/** Invites a person by email; the returned token is the only copy of the secret (only its hash is stored). */
export async function createInvitation(db: Database, scope: AccountScope, input: { email: string; role: Role; inboxIds: string[] }) {
  assertAdmin(scope);
  const email = normalizeEmail(input.email);
  await assertInboxesInAccount(db, scope.accountId, input.inboxIds);
  const existing = await findUserByEmail(db, email);
  if (existing) {
    const [membership] = await db.select().from(schema.memberships).where(and(eq(schema.memberships.accountId, scope.accountId), eq(schema.memberships.userId, existing.id)));
    if (membership) throw new AppError('already_member', 'Already a member', `${email} is already a member of this account.`);
  }
  const token = generateSecret();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(schema.invitations)
      .values({ accountId: scope.accountId, email, role: input.role, inboxIds: [...new Set(input.inboxIds)], tokenHash: hashSecret(token), invitedBy: scope.actor.type === 'user' ? scope.actor.id : null, expiresAt: new Date(Date.now() + INVITATION_TTL_MS) })
      .returning();
    await recordAudit(tx, scope, { action: 'invitation.created', targetType: 'invitation', targetId: row!.id, details: { email, role: input.role } });
    await recordEvents(tx, [{ type: 'invitation.created', accountId: scope.accountId, payload: { invitationId: row!.id }, audience: { kind: 'admins' } }]);
    return { ...presentInvitation(row!), token };
  });
}

export async function revokeInvitation(db: Database, scope: AccountScope, invitationId: string) {
  assertAdmin(scope);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(schema.invitations)
      .set({ revokedAt: new Date() })
      .where(and(eq(schema.invitations.id, invitationId), eq(schema.invitations.accountId, scope.accountId), isNull(schema.invitations.acceptedAt), isNull(schema.invitations.revokedAt)))
      .returning();
    if (!row) throw notFound('invitation');
    await recordAudit(tx, scope, { action: 'invitation.revoked', targetType: 'invitation', targetId: row.id, details: { email: row.email } });
    await recordEvents(tx, [{ type: 'invitation.revoked', accountId: scope.accountId, payload: { invitationId: row.id }, audience: { kind: 'admins' } }]);
  });
}

async function findOpenInvitation(db: Database, token: string) {
  const [row] = await db
    .select({ invitation: schema.invitations, accountName: schema.accounts.name })
    .from(schema.invitations)
    .innerJoin(schema.accounts, eq(schema.accounts.id, schema.invitations.accountId))
    .where(and(eq(schema.invitations.tokenHash, hashSecret(token)), isNull(schema.invitations.acceptedAt), isNull(schema.invitations.revokedAt)));
  if (!row) throw notFound('invitation');
  if (row.invitation.expiresAt.getTime() < Date.now()) throw new AppError('invitation_expired', 'Invitation expired', 'This invitation has expired; ask an admin for a new one.');
  return row;
}

export async function describeInvitation(db: Database, token: string) {
  const { invitation, accountName } = await findOpenInvitation(db, token);
  return { email: invitation.email, accountName, role: invitation.role as Role, expiresAt: invitation.expiresAt.toISOString(), existingUser: Boolean(await findUserByEmail(db, invitation.email)) };
}

/**
 * Accepts an invitation: a new person sets a name and password; a person who already has a login proves it
 * with their current password. Returns the user id to open a session for.
 */
export async function acceptInvitation(db: Database, token: string, input: { name: string; password: string }, verifyExisting: (passwordHash: string) => Promise<boolean>) {
  const { invitation } = await findOpenInvitation(db, token);
  const existing = await findUserByEmail(db, invitation.email);
  if (existing && !(await verifyExisting(existing.passwordHash))) {
    throw new AppError('invalid_credentials', 'Wrong password', 'You already have a Touchpoint login: enter its password to join this account.');
  }
  if (!existing && input.password.length < MIN_PASSWORD_LENGTH) {
    throw validationFailed([{ path: 'password', message: `must have at least ${MIN_PASSWORD_LENGTH} characters` }]);
  }
  return db.transaction(async (tx) => {
    const claimed = await tx.execute(sql`update invitations set accepted_at = now() where id = ${invitation.id} and accepted_at is null and revoked_at is null returning id`);
    if ((claimed as unknown as { rows: unknown[] }).rows.length === 0) throw notFound('invitation');
    const user = existing ?? (await createUser(tx, { email: invitation.email, name: input.name, password: input.password }));
    await tx.insert(schema.memberships).values({ accountId: invitation.accountId, userId: user.id, role: invitation.role }).onConflictDoNothing();
    await setInboxMemberships(tx, invitation.accountId, user.id, invitation.inboxIds);
    const scope: AccountScope = { accountId: invitation.accountId, actor: { type: 'user', id: user.id, name: user.name, role: invitation.role as Role } };
    await recordAudit(tx, scope, { action: 'invitation.accepted', targetType: 'user', targetId: user.id, details: { email: user.email, role: invitation.role } });
    await recordEvents(tx, [
      { type: 'invitation.accepted', accountId: invitation.accountId, payload: { invitationId: invitation.id }, audience: { kind: 'admins' } },
      { type: 'member.added', accountId: invitation.accountId, payload: { userId: user.id }, audience: { kind: 'account' } },
    ]);
    return user.id;
  });
}
