import { createHash, randomBytes } from 'node:crypto';
import { and, count, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { assertAdmin, recordAudit } from '@touchpoint/accounts';
import { type AccountScope, AppError, type Locale, LOCALES, validationFailed } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { findContactByEmails, requireLiveContact } from '@touchpoint/contacts';

/** An emailed link is valid for 15 minutes; one minted for the chat widget's verified user or an admin for 2 (it is opened at once). */
export const EMAIL_LINK_TTL_MS = 15 * 60_000;
export const HANDED_LINK_TTL_MS = 2 * 60_000;

export interface SignInRateLimit {
  windowMs: number;
  /** Links asked for one address of one account within the window. */
  perAddress: number;
  /** Links asked for from one client IP within the window, whatever the address (stops spraying many addresses). */
  perIp: number;
}

export const DEFAULT_SIGN_IN_RATE_LIMIT: SignInRateLimit = { windowMs: 15 * 60_000, perAddress: 5, perIp: 30 };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const mintToken = () => randomBytes(32).toString('base64url');

/** What to email when the address belongs to a contact: the caller sends it (and never tells the requester). */
export interface SignInDelivery {
  to: string;
  contactName: string;
  locale: Locale;
  token: string;
  expiresAt: Date;
}

async function assertNotRateLimited(db: Database, accountId: string, email: string, ip: string, limit: SignInRateLimit, now: Date) {
  const since = new Date(now.getTime() - limit.windowMs);
  const r = schema.portalSignInRequests;
  const [[byAddress], [byIp]] = await Promise.all([
    db.select({ n: count(), oldest: sql<string>`min(${r.createdAt})` }).from(r).where(and(eq(r.accountId, accountId), eq(r.email, email), gt(r.createdAt, since))),
    db.select({ n: count(), oldest: sql<string>`min(${r.createdAt})` }).from(r).where(and(eq(r.ip, ip), gt(r.createdAt, since))),
  ]);
  const over = [byAddress && byAddress.n >= limit.perAddress ? byAddress.oldest : null, byIp && byIp.n >= limit.perIp ? byIp.oldest : null]
    .filter((oldest): oldest is string => Boolean(oldest));
  if (over.length === 0) return;
  const freeAt = Math.max(...over.map((oldest) => new Date(oldest).getTime() + limit.windowMs));
  const retryAfterSeconds = Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000));
  throw new AppError('rate_limited', 'Too many sign-in links', `Too many sign-in links were asked for. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`, { retryAfterSeconds });
}

/**
 * A customer asks for a sign-in link. The answer never depends on whether the address is known, so addresses cannot
 * be probed: an unknown address is counted like a known one and simply gets no email (no contact is created). The
 * rate limit counts every request, per address and per client IP. `locale` is the page's language, used when the
 * contact has none of their own.
 */
export async function requestSignInLink(
  db: Database,
  accountId: string,
  input: { email: string; locale?: string | null },
  client: { ip: string },
  limit = DEFAULT_SIGN_IN_RATE_LIMIT,
  now = new Date(),
): Promise<SignInDelivery | null> {
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > 254) throw validationFailed([{ path: 'email', message: 'must be an email address' }]);
  await assertNotRateLimited(db, accountId, email, client.ip, limit, now);
  await db.insert(schema.portalSignInRequests).values({ accountId, email, ip: client.ip, createdAt: now });
  const contact = await findContactByEmails(db, accountId, [email]);
  if (!contact) return null;
  const token = mintToken();
  const expiresAt = new Date(now.getTime() + EMAIL_LINK_TTL_MS);
  await db.insert(schema.portalSignInTokens).values({ accountId, contactId: contact.id, tokenHash: hashToken(token), source: 'email', expiresAt, createdAt: now });
  const pageLocale = (LOCALES as readonly string[]).includes(input.locale ?? '') ? (input.locale as Locale) : null;
  const contactLocale = (LOCALES as readonly string[]).includes(contact.locale ?? '') ? (contact.locale as Locale) : null;
  const [account] = await db.select({ defaultLocale: schema.accounts.defaultLocale }).from(schema.accounts).where(eq(schema.accounts.id, accountId));
  return { to: email, contactName: contact.name, locale: contactLocale ?? pageLocale ?? ((account?.defaultLocale as Locale | undefined) ?? 'en'), token, expiresAt };
}

/**
 * A one-time link for a contact someone else has already verified: the chat widget's signed-in user, or an admin
 * opening the portal as the customer (`openPortalAsContact`). The opener uses it at once, hence the short life.
 */
export async function mintSignInLink(db: Database, accountId: string, contactId: string, source: 'widget' | 'admin', now = new Date()) {
  const token = mintToken();
  const expiresAt = new Date(now.getTime() + HANDED_LINK_TTL_MS);
  await db.insert(schema.portalSignInTokens).values({ accountId, contactId, tokenHash: hashToken(token), source, expiresAt, createdAt: now });
  return { token, expiresAt };
}

/**
 * An admin sees the portal as the customer sees it (to check what they were shown, or to help them through a
 * return): a one-time sign-in link for the contact, recorded in the audit log with who opened it. Agents cannot: a
 * portal session can reply and start returns in the customer's name.
 */
export async function openPortalAsContact(db: Database, scope: AccountScope, contactId: string) {
  assertAdmin(scope);
  await requireLiveContact(db, scope.accountId, contactId);
  return db.transaction(async (tx) => {
    const link = await mintSignInLink(tx, scope.accountId, contactId, 'admin');
    await recordAudit(tx, scope, { action: 'contact.portal_opened', targetType: 'contact', targetId: contactId });
    return link;
  });
}

/**
 * Redeems a link: it works once (marked used in the same statement that checks it, so two tabs cannot both use it),
 * only before it expires, and only on the portal of the account that issued it. Returns the contact to sign in,
 * following a merge to the surviving contact.
 */
export async function redeemSignInLink(db: Database, accountId: string, token: string, now = new Date()): Promise<{ contactId: string }> {
  const t = schema.portalSignInTokens;
  const [used] = await db
    .update(t)
    .set({ usedAt: now })
    .where(and(eq(t.accountId, accountId), eq(t.tokenHash, hashToken(token)), isNull(t.usedAt), gt(t.expiresAt, now)))
    .returning({ contactId: t.contactId });
  if (!used) throw new AppError('invitation_expired', 'Sign-in link no longer valid', 'This sign-in link has expired or was already used. Ask for a new one.');
  const [contact] = await db.select({ id: schema.contacts.id, mergedIntoId: schema.contacts.mergedIntoId }).from(schema.contacts).where(eq(schema.contacts.id, used.contactId));
  return { contactId: contact?.mergedIntoId ?? used.contactId };
}

/** Removes links and sign-in requests older than a day; run with the session purge. */
export async function purgeSignInLinks(db: Database, now = new Date()) {
  const dayAgo = new Date(now.getTime() - 24 * 3600_000);
  await db.delete(schema.portalSignInTokens).where(lt(schema.portalSignInTokens.expiresAt, dayAgo));
  await db.delete(schema.portalSignInRequests).where(lt(schema.portalSignInRequests.createdAt, dayAgo));
}
