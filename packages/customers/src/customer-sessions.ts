import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lt } from 'drizzle-orm';
import { type Database, schema } from '@touchpoint/db';

/** A customer stays signed in for 30 days after their last visit (sliding, refreshed at most once a minute). */
export const CUSTOMER_SESSION_TTL_MS = 30 * 24 * 3600_000;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface IssuedCustomerSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  contactId: string;
}

export interface CustomerSession {
  sessionId: string;
  accountId: string;
  contactId: string;
  csrfToken: string;
}

export async function openCustomerSession(db: Database, accountId: string, contactId: string, client: { ip: string; userAgent: string | null }, now = new Date()): Promise<IssuedCustomerSession> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + CUSTOMER_SESSION_TTL_MS);
  await db.insert(schema.customerSessions).values({ accountId, contactId, tokenHash: hashToken(token), csrfToken, ip: client.ip, userAgent: client.userAgent, expiresAt, createdAt: now, lastSeenAt: now });
  return { token, csrfToken, expiresAt, contactId };
}

/**
 * The live session behind a cookie token, on this account's portal only. A session whose contact was merged since
 * continues as the surviving contact (the customer is the same person).
 */
export async function resolveCustomerSession(db: Database, accountId: string, token: string, now = new Date()): Promise<CustomerSession | null> {
  const s = schema.customerSessions;
  const [row] = await db
    .select({ session: s, mergedIntoId: schema.contacts.mergedIntoId })
    .from(s)
    .innerJoin(schema.contacts, eq(schema.contacts.id, s.contactId))
    .where(and(eq(s.accountId, accountId), eq(s.tokenHash, hashToken(token)), gt(s.expiresAt, now)));
  if (!row) return null;
  const { session } = row;
  if (now.getTime() - session.lastSeenAt.getTime() > 60_000 || row.mergedIntoId) {
    await db
      .update(s)
      .set({ lastSeenAt: now, expiresAt: new Date(now.getTime() + CUSTOMER_SESSION_TTL_MS), ...(row.mergedIntoId ? { contactId: row.mergedIntoId } : {}) })
      .where(eq(s.id, session.id));
  }
  return { sessionId: session.id, accountId, contactId: row.mergedIntoId ?? session.contactId, csrfToken: session.csrfToken };
}

export async function endCustomerSession(db: Database, sessionId: string) {
  await db.delete(schema.customerSessions).where(eq(schema.customerSessions.id, sessionId));
}

export async function purgeExpiredCustomerSessions(db: Database, now = new Date()) {
  await db.delete(schema.customerSessions).where(lt(schema.customerSessions.expiresAt, now));
}
