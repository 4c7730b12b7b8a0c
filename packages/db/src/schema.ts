import { sql } from 'drizzle-orm';
import {
  bigint, bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';
// Circular (this file re-exports schema-commerce.ts): used only inside lazy `references(() => ...)`.
import { returns } from './schema-commerce.ts';
import { tsvector, id, createdAt, accountRef } from './schema-columns.ts';

export const accounts = pgTable('accounts', {
  id: id(),
  name: text('name').notNull(),
  purposeStatement: text('purpose_statement').notNull().default(''),
  timeZone: text('time_zone').notNull().default('UTC'),
  defaultLocale: text('default_locale').notNull().default('en'),
  nextConversationNumber: integer('next_conversation_number').notNull().default(1),
  /** The account's name in public URLs: the help center (`/help/<handle>`) and the customer portal (`/portal/<handle>`). */
  handle: text('handle').notNull().unique().default(sql`substr(replace(gen_random_uuid()::text, '-', ''), 1, 12)`),
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
  businessHoursId: uuid('business_hours_id'),
  /** none | round_robin | capacity */
  autoAssignment: text('auto_assignment').notNull().default('none'),
  /** How the channel is connected: addresses, phone numbers, page ids, provider base URLs. Shown to admins. */
  channelConfig: jsonb('channel_config').$type<Record<string, string>>().notNull().default({}),
  /** Tokens and signing secrets of the channel's provider. Never returned by the API, never logged. */
  channelSecrets: jsonb('channel_secrets').$type<Record<string, string>>().notNull().default({}),
  /** When an admin connected the channel (saved valid settings): replies then go out through it. */
  channelConnectedAt: timestamp('channel_connected_at', { withTimezone: true }),
  /** The public, unguessable part of this inbox's webhook URLs (`/channels/<channel>/<key>`). */
  channelKey: text('channel_key').notNull().unique().default(sql`replace(gen_random_uuid()::text, '-', '')`),
  /**
   * Signs the links to reply files given to providers (media-links.ts). Secret, unlike the channel key, which a web
   * chat snippet shows to every visitor.
   */
  mediaKey: text('media_key').notNull().default(sql`replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')`),
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

export const companies = pgTable('companies', {
  id: id(),
  accountId: accountRef(),
  name: text('name').notNull(),
  domain: text('domain'),
  createdAt: createdAt(),
}, (t) => [index('companies_account_idx').on(t.accountId, t.name)]);

export const contacts = pgTable('contacts', {
  id: id(),
  accountId: accountRef(),
  name: text('name').notNull(),
  /** The primary email and phone; more of each in otherEmails / otherPhones. */
  email: text('email'),
  phone: text('phone'),
  otherEmails: text('other_emails').array().notNull().default(sql`'{}'::text[]`),
  otherPhones: text('other_phones').array().notNull().default(sql`'{}'::text[]`),
  /** Handles per social channel: { instagram, facebook, whatsapp, x, line, wechat }. */
  socialHandles: jsonb('social_handles').$type<Record<string, string>>().notNull().default({}),
  locale: text('locale'),
  timeZone: text('time_zone'),
  companyId: uuid('company_id').references(() => companies.id, { onDelete: 'set null' }),
  /** Custom attributes an admin defines: string, number, boolean or ISO date values. */
  attributes: jsonb('attributes').$type<Record<string, string | number | boolean | null>>().notNull().default({}),
  /**
   * Consent to be contacted per channel (email, sms, whatsapp, messenger): the latest answer with when and through
   * what; history in contact_consent_changes (schema-portal.ts). A channel missing here was never asked.
   */
  communicationConsent: jsonb('communication_consent').$type<Record<string, { granted: boolean; at: string; source: string }>>().notNull().default({}),
  /** Set when this contact was merged into another; merged contacts are hidden from lists. */
  mergedIntoId: uuid('merged_into_id'),
  /** The host's own user id (identify's `userId`), unique per account; set by a server-key or verified identify. */
  externalId: text('external_id'),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  searchVector: tsvector('search_vector').generatedAlwaysAs(
    sql`to_tsvector('simple', tp_search_text(coalesce(name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(phone, '') || ' ' || tp_join_words(other_emails)))`,
  ),
}, (t) => [
  index('contacts_account_idx').on(t.accountId, t.createdAt),
  index('contacts_search_idx').using('gin', t.searchVector),
  index('contacts_name_trgm_idx').using('gin', sql`lower(${t.name}) gin_trgm_ops`),
  index('contacts_email_idx').on(t.accountId, sql`lower(${t.email})`),
  index('contacts_phone_idx').on(t.accountId, t.phone),
  index('contacts_other_emails_idx').using('gin', t.otherEmails),
  index('contacts_other_phones_idx').using('gin', t.otherPhones),
  uniqueIndex('contacts_external_id_key').on(t.accountId, t.externalId),
]);

export const contactNotes = pgTable('contact_notes', {
  id: id(),
  accountId: accountRef(),
  contactId: uuid('contact_id').notNull().references(() => contacts.id, { onDelete: 'cascade' }),
  authorUserId: uuid('author_user_id').references(() => users.id, { onDelete: 'set null' }),
  body: text('body').notNull(),
  createdAt: createdAt(),
}, (t) => [index('contact_notes_contact_idx').on(t.contactId, t.createdAt)]);

export const teams = pgTable('teams', {
  id: id(),
  accountId: accountRef(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  businessHoursId: uuid('business_hours_id'),
  createdAt: createdAt(),
}, (t) => [index('teams_account_idx').on(t.accountId)]);

export const teamMembers = pgTable('team_members', {
  accountId: accountRef(),
  teamId: uuid('team_id').notNull().references(() => teams.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
}, (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index('team_members_user_idx').on(t.accountId, t.userId)]);

export const labels = pgTable('labels', {
  id: id(),
  accountId: accountRef(),
  name: text('name').notNull(),
  color: text('color').notNull().default('#6b7280'),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('labels_name_key').on(t.accountId, sql`lower(${t.name})`)]);

/** Admin-defined statuses, each shown under one of the built-in categories (which drive SLA clocks and views). */
export const customStatuses = pgTable('custom_statuses', {
  id: id(),
  accountId: accountRef(),
  name: text('name').notNull(),
  category: text('category', { enum: ['open', 'pending', 'resolved'] }).notNull(),
  position: integer('position').notNull().default(0),
  createdAt: createdAt(),
}, (t) => [index('custom_statuses_account_idx').on(t.accountId)]);

export const conversations = pgTable('conversations', {
  id: id(),
  accountId: accountRef(),
  number: integer('number').notNull(),
  inboxId: uuid('inbox_id').notNull().references(() => inboxes.id, { onDelete: 'cascade' }),
  contactId: uuid('contact_id').notNull().references(() => contacts.id, { onDelete: 'cascade' }),
  subject: text('subject').notNull().default(''),
  /** open | pending | snoozed | resolved | closed; customStatusId refines it for display. */
  status: text('status').notNull().default('open'),
  customStatusId: uuid('custom_status_id').references(() => customStatuses.id, { onDelete: 'set null' }),
  snoozedUntil: timestamp('snoozed_until', { withTimezone: true }),
  priority: text('priority').notNull().default('normal'),
  assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
  teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
  /** Other people on the thread: email cc addresses or group participants. */
  participants: jsonb('participants').$type<{ name?: string; address: string; kind: 'cc' | 'participant' }[]>().notNull().default([]),
  customFields: jsonb('custom_fields').$type<Record<string, string | number | boolean | null>>().notNull().default({}),
  /** When the customer's oldest unanswered message arrived (null when an agent has answered). */
  waitingSince: timestamp('waiting_since', { withTimezone: true }),
  firstResponseAt: timestamp('first_response_at', { withTimezone: true }),
  resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  mergedIntoId: uuid('merged_into_id'),
  createdAt: createdAt(),
  lastMessageAt: timestamp('last_message_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  searchVector: tsvector('search_vector').generatedAlwaysAs(sql`to_tsvector('simple', tp_search_text(subject))`),
}, (t) => [
  uniqueIndex('conversations_number_key').on(t.accountId, t.number),
  index('conversations_search_idx').using('gin', t.searchVector),
  index('conversations_subject_trgm_idx').using('gin', sql`lower(${t.subject}) gin_trgm_ops`),
  index('conversations_inbox_idx').on(t.accountId, t.inboxId, t.lastMessageAt),
  index('conversations_status_idx').on(t.accountId, t.status, t.lastMessageAt),
  // "Mine": an agent's open conversations newest first, read in order (no sort of all of them).
  index('conversations_assignee_idx').on(t.accountId, t.assigneeId, t.status, t.lastMessageAt),
  // "Unassigned": the open, unassigned conversations newest first, read in order.
  index('conversations_unassigned_idx')
    .on(t.accountId, t.lastMessageAt, t.id)
    .where(sql`status = 'open' and assignee_id is null and merged_into_id is null`),
  index('conversations_contact_idx').on(t.contactId),
  // The account's conversations by latest activity: search walks the most recently active ones first.
  index('conversations_activity_idx').on(t.accountId, t.lastMessageAt, t.id),
  // Open work only, with every column the view counts, /home and the SLA sort read: index-only scans instead of
  // reading tens of thousands of scattered heap pages per request at 1M conversations.
  index('conversations_open_work_idx')
    .on(t.accountId, t.status, t.inboxId, t.assigneeId, t.firstResponseAt, t.id)
    .where(sql`merged_into_id is null and status in ('open', 'pending')`),
]);

export const conversationLabels = pgTable('conversation_labels', {
  accountId: accountRef(),
  conversationId: uuid('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
  labelId: uuid('label_id').notNull().references(() => labels.id, { onDelete: 'cascade' }),
}, (t) => [primaryKey({ columns: [t.conversationId, t.labelId] }), index('conversation_labels_label_idx').on(t.labelId)]);

/** How far each agent has read each conversation, for unread counts. */
export const conversationReads = pgTable('conversation_reads', {
  accountId: accountRef(),
  conversationId: uuid('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  lastReadAt: timestamp('last_read_at', { withTimezone: true }).notNull(),
}, (t) => [primaryKey({ columns: [t.conversationId, t.userId] }), index('conversation_reads_user_idx').on(t.accountId, t.userId)]);

export const messages = pgTable('messages', {
  id: id(),
  accountId: accountRef(),
  conversationId: uuid('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
  direction: text('direction', { enum: ['inbound', 'outbound', 'note'] }).notNull(),
  authorUserId: uuid('author_user_id').references(() => users.id, { onDelete: 'set null' }),
  body: text('body').notNull(),
  /** sent | scheduled | canceled | failed: scheduled messages go out at scheduledFor. */
  status: text('status').notNull().default('sent'),
  scheduledFor: timestamp('scheduled_for', { withTimezone: true }),
  /** A client-chosen key; a retried send with the same key returns the first message instead of a second one. */
  clientKey: text('client_key'),
  /** The provider's id of this message (a WhatsApp wamid, an email Message-ID, a Twilio SID), prefixed by channel. */
  externalId: text('external_id'),
  /** For replies on a connected channel: pending → sent → delivered → read, or failed. Null for notes and chat-less inboxes. */
  deliveryStatus: text('delivery_status', { enum: ['pending', 'sent', 'delivered', 'read', 'failed'] }),
  deliveryError: text('delivery_error'),
  deliveryAttempts: integer('delivery_attempts').notNull().default(0),
  nextDeliveryAt: timestamp('next_delivery_at', { withTimezone: true }),
  /** What the channel carried besides text: email headers and cc, a location, a reaction, a template, a post id. */
  channelData: jsonb('channel_data').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: createdAt(),
  searchVector: tsvector('search_vector').generatedAlwaysAs(sql`to_tsvector('simple', tp_search_text(body))`),
}, (t) => [
  uniqueIndex('messages_external_id_key').on(t.accountId, t.externalId),
  index('messages_delivery_due_idx').on(t.nextDeliveryAt).where(sql`delivery_status = 'pending'`),
  index('messages_conversation_idx').on(t.conversationId, t.createdAt),
  // Search reads the newest matching messages first: walking this backwards beats collecting every match of a common word.
  index('messages_account_created_idx').on(t.accountId, t.createdAt),
  index('messages_search_idx').using('gin', t.searchVector),
  index('messages_scheduled_idx').on(t.scheduledFor).where(sql`status = 'scheduled'`),
  uniqueIndex('messages_client_key').on(t.accountId, t.clientKey),
]);

/**
 * Every distinct word (4–32 characters, no digits) of the account's subjects and messages, filled by triggers
 * (migration 0009). Search corrects a typo against these few words instead of rechecking every subject by trigram.
 */
export const searchWords = pgTable('search_words', {
  accountId: accountRef(),
  word: text('word').notNull(),
}, (t) => [
  primaryKey({ columns: [t.accountId, t.word] }),
  index('search_words_trgm_idx').using('gin', sql`${t.word} gin_trgm_ops`),
]);

/**
 * Who a contact is on a channel: a WhatsApp or SMS number, a Messenger or Instagram id, an email address, an id an
 * API channel sends. A message from a known identity lands with its contact.
 */
export const contactIdentities = pgTable('contact_identities', {
  accountId: accountRef(),
  channel: text('channel').notNull(),
  externalId: text('external_id').notNull(),
  contactId: uuid('contact_id').notNull().references(() => contacts.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.accountId, t.channel, t.externalId] }), index('contact_identities_contact_idx').on(t.contactId)]);

export const attachments = pgTable('attachments', {
  id: id(),
  accountId: accountRef(),
  messageId: uuid('message_id').references(() => messages.id, { onDelete: 'cascade' }),
  fileName: text('file_name').notNull(),
  contentType: text('content_type').notNull(),
  byteSize: integer('byte_size').notNull(),
  /** Path inside the file store (DATA_DIR/files on one machine). */
  storageKey: text('storage_key').notNull(),
  uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
  /** A return's photo (commerce): kept with the return, never swept as an unsent upload. */
  returnId: uuid('return_id').references(() => returns.id, { onDelete: 'cascade' }),
  /** The customer who uploaded it (portal, store counter), so only they can attach it to their return. */
  contactId: uuid('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
}, (t) => [index('attachments_message_idx').on(t.messageId), index('attachments_return_idx').on(t.returnId)]);

export const mentions = pgTable('mentions', {
  accountId: accountRef(),
  messageId: uuid('message_id').notNull().references(() => messages.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
}, (t) => [primaryKey({ columns: [t.messageId, t.userId] }), index('mentions_user_idx').on(t.accountId, t.userId)]);

export const notifications = pgTable('notifications', {
  id: id(),
  accountId: accountRef(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  kind: text('kind').notNull(),
  conversationId: uuid('conversation_id').references(() => conversations.id, { onDelete: 'cascade' }),
  messageId: uuid('message_id').references(() => messages.id, { onDelete: 'cascade' }),
  text: text('text').notNull().default(''),
  readAt: timestamp('read_at', { withTimezone: true }),
  createdAt: createdAt(),
}, (t) => [index('notifications_user_idx').on(t.accountId, t.userId, t.createdAt)]);

export const cannedReplies = pgTable('canned_replies', {
  id: id(),
  accountId: accountRef(),
  shortcut: text('shortcut').notNull(),
  title: text('title').notNull(),
  /** Liquid-style variables: {{ contact.name }}, {{ agent.name }}, {{ conversation.number }}. */
  body: text('body').notNull(),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('canned_replies_shortcut_key').on(t.accountId, sql`lower(${t.shortcut})`)]);

/** Saved inbox filters: personal (userId set) or shared with the account (userId null). */
export const savedViews = pgTable('saved_views', {
  id: id(),
  accountId: accountRef(),
  userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  filters: jsonb('filters').$type<Record<string, unknown>>().notNull(),
  createdAt: createdAt(),
}, (t) => [index('saved_views_account_idx').on(t.accountId)]);

export const businessHours = pgTable('business_hours', {
  id: id(),
  accountId: accountRef(),
  name: text('name').notNull(),
  timeZone: text('time_zone').notNull(),
  /** Opening intervals per weekday (0 = Sunday), in minutes after midnight: { "1": [[540, 1080]] }. */
  weekly: jsonb('weekly').$type<Record<string, [number, number][]>>().notNull(),
  /** Closed days: [{ date: '2026-12-31', name: 'New Year’s Eve' }]. */
  holidays: jsonb('holidays').$type<{ date: string; name: string }[]>().notNull().default([]),
  createdAt: createdAt(),
}, (t) => [index('business_hours_account_idx').on(t.accountId)]);

export const slaPolicies = pgTable('sla_policies', {
  id: id(),
  accountId: accountRef(),
  name: text('name').notNull(),
  /** Lower positions are tried first; the first policy whose conditions match applies. */
  position: integer('position').notNull().default(0),
  conditions: jsonb('conditions').$type<{ priorities?: string[]; channels?: string[]; labelIds?: string[]; inboxIds?: string[] }>().notNull().default({}),
  firstResponseMinutes: integer('first_response_minutes'),
  nextResponseMinutes: integer('next_response_minutes'),
  resolutionMinutes: integer('resolution_minutes'),
  businessHoursId: uuid('business_hours_id').references(() => businessHours.id, { onDelete: 'set null' }),
  enabled: boolean('enabled').notNull().default(true),
  createdAt: createdAt(),
}, (t) => [index('sla_policies_account_idx').on(t.accountId, t.position)]);

/** One row per conversation under an SLA: the due times and what has been met or breached. */
export const conversationSlas = pgTable('conversation_slas', {
  conversationId: uuid('conversation_id').primaryKey().references(() => conversations.id, { onDelete: 'cascade' }),
  accountId: accountRef(),
  policyId: uuid('policy_id').notNull().references(() => slaPolicies.id, { onDelete: 'cascade' }),
  firstResponseDueAt: timestamp('first_response_due_at', { withTimezone: true }),
  nextResponseDueAt: timestamp('next_response_due_at', { withTimezone: true }),
  resolutionDueAt: timestamp('resolution_due_at', { withTimezone: true }),
  /** While pending, the clocks stop; the business minutes left on each are kept here and restarted on reopen. */
  pausedAt: timestamp('paused_at', { withTimezone: true }),
  pausedRemaining: jsonb('paused_remaining').$type<Record<string, number>>(),
  breaches: jsonb('breaches').$type<{ target: string; dueAt: string; at: string }[]>().notNull().default([]),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('conversation_slas_due_idx').on(t.accountId, t.firstResponseDueAt, t.nextResponseDueAt, t.resolutionDueAt),
  // The breach scan runs every minute across all accounts: it needs the next due time first, running clocks only.
  index('conversation_slas_next_due_idx').on(sql`least(${t.firstResponseDueAt}, ${t.nextResponseDueAt}, ${t.resolutionDueAt})`).where(sql`paused_at is null`),
]);

export const automationRules = pgTable('automation_rules', {
  id: id(),
  accountId: accountRef(),
  name: text('name').notNull(),
  /** The event that runs the rule: conversation.created, message.created, conversation.updated, sla.breached… */
  event: text('event').notNull(),
  conditions: jsonb('conditions').$type<{ field: string; operator: string; value?: unknown }[]>().notNull().default([]),
  actions: jsonb('actions').$type<{ type: string; params?: Record<string, unknown> }[]>().notNull(),
  enabled: boolean('enabled').notNull().default(true),
  position: integer('position').notNull().default(0),
  createdAt: createdAt(),
}, (t) => [index('automation_rules_account_idx').on(t.accountId, t.event)]);

export const macros = pgTable('macros', {
  id: id(),
  accountId: accountRef(),
  name: text('name').notNull(),
  actions: jsonb('actions').$type<{ type: string; params?: Record<string, unknown> }[]>().notNull(),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
}, (t) => [index('macros_account_idx').on(t.accountId)]);

/** Per-inbox routing: round-robin or by capacity; agents who are away are skipped. */
export const agentAvailability = pgTable('agent_availability', {
  accountId: accountRef(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  status: text('status', { enum: ['online', 'busy', 'away'] }).notNull().default('online'),
  maxOpenConversations: integer('max_open_conversations'),
  lastAssignedAt: timestamp('last_assigned_at', { withTimezone: true }),
}, (t) => [primaryKey({ columns: [t.accountId, t.userId] })]);

export const csatRatings = pgTable('csat_ratings', {
  id: id(),
  accountId: accountRef(),
  conversationId: uuid('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
  contactId: uuid('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
  agentId: uuid('agent_id').references(() => users.id, { onDelete: 'set null' }),
  rating: integer('rating').notNull(),
  comment: text('comment').notNull().default(''),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('csat_ratings_conversation_key').on(t.conversationId), index('csat_ratings_account_idx').on(t.accountId, t.createdAt)]);

export const webhooks = pgTable('webhooks', {
  id: id(),
  accountId: accountRef(),
  url: text('url').notNull(),
  /** Signs each delivery (HMAC-SHA256); shown to the admin once. */
  secret: text('secret').notNull(),
  events: text('events').array().notNull(),
  active: boolean('active').notNull().default(true),
  failingSince: timestamp('failing_since', { withTimezone: true }),
  createdAt: createdAt(),
}, (t) => [index('webhooks_account_idx').on(t.accountId)]);

export const webhookDeliveries = pgTable('webhook_deliveries', {
  id: id(),
  accountId: accountRef(),
  webhookId: uuid('webhook_id').notNull().references(() => webhooks.id, { onDelete: 'cascade' }),
  eventId: bigint('event_id', { mode: 'number' }).notNull(),
  eventType: text('event_type').notNull(),
  payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
  status: text('status', { enum: ['pending', 'delivered', 'failed'] }).notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  responseStatus: integer('response_status'),
  error: text('error'),
  durationMs: integer('duration_ms'),
  nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
  deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  createdAt: createdAt(),
}, (t) => [
  index('webhook_deliveries_webhook_idx').on(t.webhookId, t.createdAt),
  uniqueIndex('webhook_deliveries_event_key').on(t.webhookId, t.eventId),
  // The delivery workers' claim: pending deliveries whose next attempt is due.
  index('webhook_deliveries_due_idx').on(t.nextAttemptAt).where(sql`status = 'pending'`),
]);

export interface OrderLine {
  /** Stable within the order (the provider's line id when there is one), so returns can point at it. */
  id: string;
  title: string;
  sku: string | null;
  variant: string | null;
  quantity: number;
  unitPriceMinor: number;
  /** After line discounts. */
  lineTotalMinor: number;
  /** Product tags; the return policy refuses lines with a non-returnable tag. */
  productTags: string[];
}

export const SHIPMENT_STATUSES = ['pending', 'in_transit', 'out_for_delivery', 'delivered', 'failed', 'returned'] as const;
export interface OrderShipment {
  id: string;
  carrier: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  status: (typeof SHIPMENT_STATUSES)[number];
  shippedAt: string | null;
  deliveredAt: string | null;
}

export const FINANCIAL_STATUSES = ['pending', 'authorized', 'paid', 'partially_paid', 'partially_refunded', 'refunded', 'voided'] as const;
export const FULFILLMENT_STATUSES = ['unfulfilled', 'partially_fulfilled', 'fulfilled', 'delivered', 'cancelled'] as const;

/**
 * An order, from the API, a shop webhook or the demo. Amounts are integers in the currency's minor unit. `status` is a
 * summary of the financial and fulfilment statuses for lists (commerce's `summarizeOrderStatus`), never set alone.
 */
export const orders = pgTable('orders', {
  id: id(),
  accountId: accountRef(),
  contactId: uuid('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
  number: text('number').notNull(),
  currency: text('currency').notNull(),
  subtotalMinor: integer('subtotal_minor').notNull().default(0),
  discountMinor: integer('discount_minor').notNull().default(0),
  taxMinor: integer('tax_minor').notNull().default(0),
  shippingMinor: integer('shipping_minor').notNull().default(0),
  totalMinor: integer('total_minor').notNull(),
  status: text('status').notNull(),
  financialStatus: text('financial_status', { enum: FINANCIAL_STATUSES }).notNull().default('paid'),
  fulfillmentStatus: text('fulfillment_status', { enum: FULFILLMENT_STATUSES }).notNull().default('unfulfilled'),
  lines: jsonb('lines').$type<OrderLine[]>().notNull(),
  shipments: jsonb('shipments').$type<OrderShipment[]>().notNull().default([]),
  /** Where the order came from (`api`, `shopify`, `demo`...) and its id there; (account, source, external id) is unique. */
  source: text('source').notNull().default('api'),
  externalId: text('external_id'),
  /** The provider's own updated_at: an update older than this one is ignored, so a late webhook never regresses the order. */
  providerUpdatedAt: timestamp('provider_updated_at', { withTimezone: true }),
  customerEmail: text('customer_email'),
  customerName: text('customer_name'),
  /** When the last shipment was delivered: the return window counts from here. */
  deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  placedAt: timestamp('placed_at', { withTimezone: true }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('orders_number_key').on(t.accountId, t.number),
  index('orders_contact_idx').on(t.contactId),
  uniqueIndex('orders_external_key').on(t.accountId, t.source, t.externalId),
  index('orders_account_placed_idx').on(t.accountId, t.placedAt),
  // Store mode and search find an order by its number whatever the case the staff typed.
  index('orders_number_upper_idx').on(t.accountId, sql`upper(${t.number})`),
]);

/** A CSV import of contacts, with its progress, so the console can show a progress bar and the errors by row. */
export const contactImports = pgTable('contact_imports', {
  id: id(),
  accountId: accountRef(),
  fileName: text('file_name').notNull(),
  status: text('status', { enum: ['running', 'completed', 'failed'] }).notNull().default('running'),
  totalRows: integer('total_rows').notNull().default(0),
  processedRows: integer('processed_rows').notNull().default(0),
  createdCount: integer('created_count').notNull().default(0),
  updatedCount: integer('updated_count').notNull().default(0),
  skippedCount: integer('skipped_count').notNull().default(0),
  errors: jsonb('errors').$type<{ row: number; message: string }[]>().notNull().default([]),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
}, (t) => [index('contact_imports_account_idx').on(t.accountId, t.createdAt)]);

/**
 * A satisfaction survey sent when a conversation is resolved. The token is a capability for this one survey (it can
 * only rate this conversation), so it is kept in clear to be shown again to the agent and re-sent by channels.
 */
export const csatSurveys = pgTable('csat_surveys', {
  id: id(),
  accountId: accountRef(),
  conversationId: uuid('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
  token: text('token').notNull().unique(),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
}, (t) => [uniqueIndex('csat_surveys_conversation_key').on(t.conversationId)]);

/**
 * A WhatsApp inbox's message templates, as last synced from Meta (`GET /<waba>/message_templates`) and kept current by
 * template status webhooks. Only APPROVED ones can reach a customer outside the 24-hour customer-service window.
 */
export const whatsappTemplates = pgTable('whatsapp_templates', {
  id: id(),
  accountId: accountRef(),
  inboxId: uuid('inbox_id').notNull().references(() => inboxes.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  /** Meta's language code: en_US, ja, zh_CN. A template has one row per language. */
  language: text('language').notNull(),
  /** MARKETING | UTILITY | AUTHENTICATION */
  category: text('category').notNull().default(''),
  /** APPROVED | PENDING | REJECTED | PAUSED | DISABLED … as Meta says. */
  status: text('status').notNull(),
  /** The body as written, with its variables: {{1}}, {{2}} (or {{name}} for named parameters). */
  bodyText: text('body_text').notNull().default(''),
  /** Meta's components (header, body, footer, buttons) as synced, to render and to check what a send needs. */
  components: jsonb('components').$type<unknown[]>().notNull().default([]),
  /** positional | named */
  parameterFormat: text('parameter_format').notNull().default('positional'),
  syncedAt: timestamp('synced_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('whatsapp_templates_inbox_name_language_key').on(t.inboxId, t.name, t.language), index('whatsapp_templates_account_idx').on(t.accountId)]);

export * from './schema-types.ts';
export * from './schema-help-center.ts';
export * from './schema-commerce.ts';
export * from './schema-answer-bot.ts';
export * from './schema-portal.ts';
export * from './schema-events.ts';
export * from './schema-templates.ts';
export * from './schema-segments.ts';
export * from './schema-outreach.ts';
export * from './schema-journeys.ts';
export * from './schema-prompts.ts';
export * from './schema-surveys.ts';
export * from './schema-touchpoints.ts';
export * from './schema-rewards.ts';
export * from './schema-games.ts';
export * from './schema-puzzles.ts';
export * from './schema-gifts.ts';
export * from './schema-live-feed.ts';
export * from './schema-delight.ts';
export * from './schema-referrals.ts';
