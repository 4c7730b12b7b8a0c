/* Tables of the portal domain (issue 6). Re-exported by schema.ts. */
import { bigserial, boolean, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { contacts } from './schema.ts';
import { id, createdAt, accountRef } from './schema-columns.ts';

const contactRef = () => uuid('contact_id').notNull().references(() => contacts.id, { onDelete: 'cascade' });

/**
 * One-time sign-in links to the customer portal: emailed (`email`) or minted for a user the chat widget verified
 * (`widget`). Only the SHA-256 of the token is stored; `usedAt` is set when it is redeemed, so it works once.
 */
export const portalSignInTokens = pgTable('portal_sign_in_tokens', {
  id: id(),
  accountId: accountRef(),
  contactId: contactRef(),
  tokenHash: text('token_hash').notNull().unique(),
  source: text('source').$type<'email' | 'widget' | 'admin'>().notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  createdAt: createdAt(),
}, (t) => [index('portal_sign_in_tokens_contact_idx').on(t.contactId)]);

/** Every sign-in link asked for, known address or not: the rate limit per address and per client IP counts these. */
export const portalSignInRequests = pgTable('portal_sign_in_requests', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  accountId: accountRef(),
  email: text('email').notNull(),
  ip: text('ip').notNull(),
  createdAt: createdAt(),
}, (t) => [
  index('portal_sign_in_requests_email_idx').on(t.accountId, t.email, t.createdAt),
  index('portal_sign_in_requests_ip_idx').on(t.ip, t.createdAt),
]);

/** A customer signed in to the portal of one account: the cookie holds the token, stored here as its SHA-256. */
export const customerSessions = pgTable('customer_sessions', {
  id: id(),
  accountId: accountRef(),
  contactId: contactRef(),
  tokenHash: text('token_hash').notNull().unique(),
  csrfToken: text('csrf_token').notNull(),
  userAgent: text('user_agent'),
  ip: text('ip'),
  createdAt: createdAt(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
}, (t) => [index('customer_sessions_contact_idx').on(t.contactId)]);

/**
 * Every change of a contact's consent to be contacted on a channel, with when and through what (`portal`, `agent`,
 * `api`, `import`). The latest per channel is also kept on the contact (`contacts.communication_consent`).
 */
export const contactConsentChanges = pgTable('contact_consent_changes', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  accountId: accountRef(),
  contactId: contactRef(),
  channel: text('channel').notNull(),
  granted: boolean('granted').notNull(),
  source: text('source').notNull(),
  createdAt: createdAt(),
}, (t) => [index('contact_consent_changes_contact_idx').on(t.contactId, t.createdAt)]);
