import { and, count, eq, gt, lt, sql } from 'drizzle-orm';
import { AppError } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { UNUSABLE_PASSWORD_HASH, verifyPassword } from './passwords.ts';
import { generateSecret, hashSecret } from './tokens.ts';
import { findUserByEmail, normalizeEmail } from './users.ts';

const IP_FACTOR = 20;

export interface SessionPolicy {
  ttlMs: number;
  /**
   * Failed sign-ins allowed per email inside `rateWindowMs`, and 20× that per IP: high enough that one office behind
   * a single NAT address is not locked out by a few people mistyping, low enough to stop spraying many emails.
   */
  maxFailedAttempts: number;
  rateWindowMs: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { ttlMs: 14 * 24 * 3600_000, maxFailedAttempts: 5, rateWindowMs: 15 * 60_000 };

export interface ClientInfo {
  ip: string;
  userAgent: string | null;
}

export interface IssuedSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  userId: string;
}

export async function openSessionForUser(db: Database, userId: string, client: ClientInfo, policy: SessionPolicy): Promise<IssuedSession> {
  const token = generateSecret();
  const csrfToken = generateSecret(24);
  const expiresAt = new Date(Date.now() + policy.ttlMs);
  await db.insert(schema.sessions).values({ userId, tokenHash: hashSecret(token), csrfToken, userAgent: client.userAgent, ip: client.ip, expiresAt });
  return { token, csrfToken, expiresAt, userId };
}

async function assertNotRateLimited(db: Database, email: string, ip: string, policy: SessionPolicy) {
  const since = new Date(Date.now() - policy.rateWindowMs);
  const failed = (column: typeof schema.loginAttempts.email | typeof schema.loginAttempts.ip, value: string) =>
    db
      .select({ n: count(), oldest: sql<string>`min(${schema.loginAttempts.createdAt})` })
      .from(schema.loginAttempts)
      .where(and(eq(column, value), eq(schema.loginAttempts.succeeded, false), gt(schema.loginAttempts.createdAt, since)));
  const [[byEmail], [byIp]] = await Promise.all([failed(schema.loginAttempts.email, email), failed(schema.loginAttempts.ip, ip)]);
  const over = [
    byEmail && byEmail.n >= policy.maxFailedAttempts ? byEmail.oldest : null,
    byIp && byIp.n >= policy.maxFailedAttempts * IP_FACTOR ? byIp.oldest : null,
  ].filter((oldest): oldest is string => Boolean(oldest));
  if (over.length === 0) return;
  const freeAt = Math.max(...over.map((oldest) => new Date(oldest).getTime() + policy.rateWindowMs));
  const retryAfterSeconds = Math.max(1, Math.ceil((freeAt - Date.now()) / 1000));
  throw new AppError('rate_limited', 'Too many sign-in attempts', `Too many failed sign-ins. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`, { retryAfterSeconds });
}

/** Checks the password (rate limited per email and per IP) and opens a session. */
export async function signIn(db: Database, input: { email: string; password: string }, client: ClientInfo, policy = DEFAULT_SESSION_POLICY): Promise<IssuedSession> {
  const email = normalizeEmail(input.email);
  await assertNotRateLimited(db, email, client.ip, policy);
  const user = await findUserByEmail(db, email);
  const ok = await verifyPassword(input.password, user?.passwordHash ?? UNUSABLE_PASSWORD_HASH);
  await db.insert(schema.loginAttempts).values({ email, ip: client.ip, succeeded: ok && Boolean(user) });
  if (!ok || !user) throw new AppError('invalid_credentials', 'Sign-in failed', 'The email or password is not right.');
  return openSessionForUser(db, user.id, client, policy);
}


export interface ActiveSession {
  id: string;
  userId: string;
  csrfToken: string;
}

/** Finds the live session for a cookie token, sliding its expiry at most once a minute. */
export async function resolveSession(db: Database, token: string, policy = DEFAULT_SESSION_POLICY): Promise<ActiveSession | null> {
  const [session] = await db
    .select()
    .from(schema.sessions)
    .where(and(eq(schema.sessions.tokenHash, hashSecret(token)), gt(schema.sessions.expiresAt, new Date())));
  if (!session) return null;
  if (Date.now() - session.lastSeenAt.getTime() > 60_000) {
    await db
      .update(schema.sessions)
      .set({ lastSeenAt: new Date(), expiresAt: new Date(Date.now() + policy.ttlMs) })
      .where(eq(schema.sessions.id, session.id));
  }
  return { id: session.id, userId: session.userId, csrfToken: session.csrfToken };
}

export async function signOut(db: Database, sessionId: string) {
  await db.delete(schema.sessions).where(eq(schema.sessions.id, sessionId));
}

export async function signOutEverywhere(db: Database, userId: string) {
  await db.delete(schema.sessions).where(eq(schema.sessions.userId, userId));
}

/** Removes expired sessions and sign-in attempts older than a day; run by a scheduled job. */
export async function purgeExpiredSessions(db: Database, now = new Date()) {
  await db.delete(schema.sessions).where(lt(schema.sessions.expiresAt, now));
  await db.delete(schema.loginAttempts).where(lt(schema.loginAttempts.createdAt, new Date(now.getTime() - 24 * 3600_000)));
}
