/* Tables of the templates domain (issue 7). Re-exported by schema.ts. */
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accountRef, createdAt, id, updatedAt } from './schema-columns.ts';
import { users } from './schema.ts';

/** One language of a template: Liquid source per part. Which parts a channel uses: message-templates' `TEMPLATE_PARTS`. */
export interface TemplateVariant {
  subject?: string;
  html?: string;
  text: string;
  title?: string;
  ctaLabel?: string;
  ctaUrl?: string;
}

/** `en`, `ja`, `zh` → the variant in that language. */
export type TemplateVariants = Record<string, TemplateVariant>;

/**
 * An account's message template (email, sms, whatsapp or in_app), with a variant per language. `version` counts
 * saves; every save keeps the previous content in message_template_versions. `builtInKey` says which built-in it was
 * personalized from. Only `active` templates are sent by journeys; drafts can be previewed.
 */
export const messageTemplates = pgTable('message_templates', {
  id: id(),
  accountId: accountRef(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  channel: text('channel').$type<'email' | 'sms' | 'whatsapp' | 'in_app'>().notNull(),
  status: text('status').$type<'draft' | 'active'>().notNull().default('draft'),
  variants: jsonb('variants').$type<TemplateVariants>().notNull(),
  /** An approved WhatsApp template (name, language) to use outside the 24-hour window, with Liquid parameters. */
  whatsAppTemplate: jsonb('whatsapp_template').$type<{ name: string; language: string; parameters: string[] } | null>(),
  builtInKey: text('built_in_key'),
  version: integer('version').notNull().default(1),
  updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  uniqueIndex('message_templates_name_key').on(t.accountId, sql`lower(${t.name})`),
  index('message_templates_account_idx').on(t.accountId, t.updatedAt),
]);

/** What a template was before each save: version n is the content that version n+1 replaced. */
export const messageTemplateVersions = pgTable('message_template_versions', {
  id: id(),
  accountId: accountRef(),
  templateId: uuid('template_id').notNull().references(() => messageTemplates.id, { onDelete: 'cascade' }),
  version: integer('version').notNull(),
  name: text('name').notNull(),
  status: text('status').$type<'draft' | 'active'>().notNull(),
  variants: jsonb('variants').$type<TemplateVariants>().notNull(),
  whatsAppTemplate: jsonb('whatsapp_template').$type<{ name: string; language: string; parameters: string[] } | null>(),
  savedBy: uuid('saved_by').references(() => users.id, { onDelete: 'set null' }),
  savedAt: timestamp('saved_at', { withTimezone: true }).notNull(),
}, (t) => [uniqueIndex('message_template_versions_key').on(t.templateId, t.version), index('message_template_versions_account_idx').on(t.accountId)]);
