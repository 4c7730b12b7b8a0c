import { sql } from 'drizzle-orm';
import {
  bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';

const id = () => uuid('id').primaryKey().default(sql`gen_random_uuid()`);
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const accountRef = () => uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' });

export const accounts = pgTable('accounts', {
  id: id(),
  name: text('name').notNull(),
  purposeStatement: text('purpose_statement').notNull().default(''),
  timeZone: text('time_zone').notNull().default('UTC'),
  defaultLocale: text('default_locale').notNull().default('en'),
  nextConversationNumber: integer('next_conversation_number').notNull().default(1),
  createdAt: createdAt(),
});

export const users = pgTable('users', {
  id: id(),
  email: text('email').notNull(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  locale: text('locale'),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('users_email_key').on(sql`lower(${t.email})`)]);

export const memberships = pgTable('memberships', {
  accountId: accountRef(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  role: text('role', { enum: ['admin', 'agent'] }).notNull(),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.accountId, t.userId] }), index('memberships_user_idx').on(t.userId)]);

export const inboxes = pgTable('inboxes', {
  id: id(),
  accountId: accountRef(),
  name: text('name').notNull(),
  channel: text('channel').notNull(),
  createdAt: createdAt(),
}, (t) => [index('inboxes_account_idx').on(t.accountId)]);

export const inboxMembers = pgTable('inbox_members', {
  accountId: accountRef(),
  inboxId: uuid('inbox_id').notNull().references(() => inboxes.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
}, (t) => [primaryKey({ columns: [t.inboxId, t.userId] }), index('inbox_members_user_idx').on(t.accountId, t.userId)]);

export const sessions = pgTable('sessions', {
  id: id(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull().unique(),
  csrfToken: text('csrf_token').notNull(),
  userAgent: text('user_agent'),
  ip: text('ip'),
  createdAt: createdAt(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
}, (t) => [index('sessions_user_idx').on(t.userId)]);

export const invitations = pgTable('invitations', {
  id: id(),
  accountId: accountRef(),
  email: text('email').notNull(),
  role: text('role', { enum: ['admin', 'agent'] }).notNull(),
  inboxIds: jsonb('inbox_ids').$type<string[]>().notNull().default([]),
  tokenHash: text('token_hash').notNull().unique(),
  invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  acceptedAt: timestamp('accepted_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  createdAt: createdAt(),
}, (t) => [index('invitations_account_idx').on(t.accountId)]);

export const apiKeys = pgTable('api_keys', {
  id: id(),
  accountId: accountRef(),
  name: text('name').notNull(),
  prefix: text('prefix').notNull(),
  keyHash: text('key_hash').notNull().unique(),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
}, (t) => [index('api_keys_account_idx').on(t.accountId)]);

export const auditLog = pgTable('audit_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  accountId: accountRef(),
  actorType: text('actor_type', { enum: ['user', 'api_key', 'system'] }).notNull(),
  actorId: uuid('actor_id'),
  actorName: text('actor_name').notNull(),
  action: text('action').notNull(),
  targetType: text('target_type'),
  targetId: text('target_id'),
  details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: createdAt(),
}, (t) => [index('audit_log_account_idx').on(t.accountId, t.id)]);

export const loginAttempts = pgTable('login_attempts', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  email: text('email').notNull(),
  ip: text('ip').notNull(),
  succeeded: boolean('succeeded').notNull(),
  createdAt: createdAt(),
}, (t) => [index('login_attempts_email_idx').on(t.email, t.createdAt), index('login_attempts_ip_idx').on(t.ip, t.createdAt)]);

/** Domain events, written in the same transaction as the change they describe and published after commit. */
export const outbox = pgTable('outbox', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  accountId: uuid('account_id').notNull(),
  type: text('type').notNull(),
  payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
  audience: jsonb('audience').$type<Record<string, unknown>>().notNull(),
  occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  publishedAt: timestamp('published_at', { withTimezone: true }),
}, (t) => [index('outbox_unpublished_idx').on(t.id).where(sql`published_at is null`)]);

export const contacts = pgTable('contacts', {
  id: id(),
  accountId: accountRef(),
  name: text('name').notNull(),
  email: text('email'),
  phone: text('phone'),
  locale: text('locale'),
  timeZone: text('time_zone'),
  createdAt: createdAt(),
}, (t) => [index('contacts_account_idx').on(t.accountId, t.createdAt)]);

export const conversations = pgTable('conversations', {
  id: id(),
  accountId: accountRef(),
  number: integer('number').notNull(),
  inboxId: uuid('inbox_id').notNull().references(() => inboxes.id, { onDelete: 'cascade' }),
  contactId: uuid('contact_id').notNull().references(() => contacts.id, { onDelete: 'cascade' }),
  subject: text('subject').notNull().default(''),
  status: text('status').notNull().default('open'),
  priority: text('priority').notNull().default('normal'),
  assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  lastMessageAt: timestamp('last_message_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('conversations_number_key').on(t.accountId, t.number),
  index('conversations_inbox_idx').on(t.accountId, t.inboxId, t.lastMessageAt),
  index('conversations_contact_idx').on(t.contactId),
]);

export const messages = pgTable('messages', {
  id: id(),
  accountId: accountRef(),
  conversationId: uuid('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
  direction: text('direction', { enum: ['inbound', 'outbound', 'note'] }).notNull(),
  authorUserId: uuid('author_user_id').references(() => users.id, { onDelete: 'set null' }),
  body: text('body').notNull(),
  createdAt: createdAt(),
}, (t) => [index('messages_conversation_idx').on(t.conversationId, t.createdAt)]);

export const orders = pgTable('orders', {
  id: id(),
  accountId: accountRef(),
  contactId: uuid('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
  number: text('number').notNull(),
  currency: text('currency').notNull(),
  totalMinor: integer('total_minor').notNull(),
  status: text('status').notNull(),
  lines: jsonb('lines').$type<{ title: string; quantity: number; unitPriceMinor: number }[]>().notNull(),
  placedAt: timestamp('placed_at', { withTimezone: true }).notNull(),
}, (t) => [uniqueIndex('orders_number_key').on(t.accountId, t.number), index('orders_contact_idx').on(t.contactId)]);
