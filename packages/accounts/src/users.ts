import { and, eq, ne, sql } from 'drizzle-orm';
import { AppError, type Locale, type Role } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { hashPassword, verifyPassword } from './passwords.ts';

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export async function findUserByEmail(db: Database, email: string) {
  const [user] = await db.select().from(schema.users).where(sql`lower(${schema.users.email}) = ${normalizeEmail(email)}`);
  return user ?? null;
}

export async function createUser(db: Database, input: { email: string; name: string; password: string; locale?: Locale | null }) {
  const [user] = await db
    .insert(schema.users)
    .values({ email: normalizeEmail(input.email), name: input.name.trim(), passwordHash: await hashPassword(input.password), locale: input.locale ?? null })
    .returning();
  return user!;
}

/** The signed-in person and every account they belong to, as the console needs them. */
export async function describeUser(db: Database, userId: string) {
  const [user] = await db.select().from(schema.users).where(eq(schema.users.id, userId));
  if (!user) throw new AppError('unauthenticated', 'Signed out', 'This user no longer exists.');
  const accounts = await db
    .select({ id: schema.accounts.id, name: schema.accounts.name, role: schema.memberships.role, timeZone: schema.accounts.timeZone })
    .from(schema.memberships)
    .innerJoin(schema.accounts, eq(schema.accounts.id, schema.memberships.accountId))
    .where(eq(schema.memberships.userId, userId))
    .orderBy(schema.accounts.createdAt);
  return { user: { id: user.id, email: user.email, name: user.name, locale: user.locale as Locale | null }, accounts: accounts as { id: string; name: string; role: Role; timeZone: string }[] };
}

export async function updateProfile(db: Database, userId: string, patch: { name?: string; locale?: Locale | null }) {
  const values: Partial<typeof schema.users.$inferInsert> = {};
  if (patch.name !== undefined) values.name = patch.name.trim();
  if (patch.locale !== undefined) values.locale = patch.locale;
  if (Object.keys(values).length > 0) await db.update(schema.users).set(values).where(eq(schema.users.id, userId));
}

/** Changes the password and ends every other session of the user. */
export async function changePassword(db: Database, userId: string, sessionId: string, input: { currentPassword: string; newPassword: string }) {
  const [user] = await db.select().from(schema.users).where(eq(schema.users.id, userId));
  if (!user || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new AppError('invalid_credentials', 'Wrong password', 'The current password is not right.');
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx.update(schema.users).set({ passwordHash }).where(eq(schema.users.id, userId));
    await tx.delete(schema.sessions).where(and(eq(schema.sessions.userId, userId), ne(schema.sessions.id, sessionId)));
  });
}
