import { sql } from 'drizzle-orm';
import {
  bigint, bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid,
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
  businessHoursId: uuid('business_hours_id'),
  /** none | round_robin | capacity */
  autoAssignment: text('auto_assignment').notNull().default('none'),
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
  /** Set when this contact was merged into another; merged contacts are hidden from lists. */
  mergedIntoId: uuid('merged_into_id'),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('contacts_account_idx').on(t.accountId, t.createdAt),
  index('contacts_email_idx').on(t.accountId, sql`lower(${t.email})`),
  index('contacts_phone_idx').on(t.accountId, t.phone),
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
}, (t) => [
  uniqueIndex('conversations_number_key').on(t.accountId, t.number),
  index('conversations_inbox_idx').on(t.accountId, t.inboxId, t.lastMessageAt),
  index('conversations_status_idx').on(t.accountId, t.status, t.lastMessageAt),
  index('conversations_assignee_idx').on(t.accountId, t.assigneeId, t.status),
  index('conversations_contact_idx').on(t.contactId),
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
  createdAt: createdAt(),
}, (t) => [
  index('messages_conversation_idx').on(t.conversationId, t.createdAt),
  index('messages_scheduled_idx').on(t.scheduledFor).where(sql`status = 'scheduled'`),
  uniqueIndex('messages_client_key').on(t.accountId, t.clientKey),
]);

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
  createdAt: createdAt(),
}, (t) => [index('attachments_message_idx').on(t.messageId)]);

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
}, (t) => [index('conversation_slas_due_idx').on(t.accountId, t.firstResponseDueAt, t.nextResponseDueAt, t.resolutionDueAt)]);

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
}, (t) => [index('webhook_deliveries_webhook_idx').on(t.webhookId, t.createdAt), uniqueIndex('webhook_deliveries_event_key').on(t.webhookId, t.eventId)]);

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
