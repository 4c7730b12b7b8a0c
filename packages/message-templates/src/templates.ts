import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { conflict, notFound, validationFailed, type FieldError } from '@touchpoint/core';
import { type Database, schema, type TemplateVariants } from '@touchpoint/db';
import { BUILT_IN_PREFIX, BUILT_IN_TEMPLATES, findBuiltInTemplate } from './built-in-templates.ts';
import { findSyntaxError } from './liquid-engine.ts';

export const TEMPLATE_CHANNELS = ['email', 'sms', 'whatsapp', 'in_app'] as const;
export type TemplateChannel = (typeof TEMPLATE_CHANNELS)[number];
export const TEMPLATE_LOCALES = ['en', 'ja', 'zh'] as const;

/** The parts each channel uses; `required` must be non-empty in every language variant. */
export const TEMPLATE_PARTS: Record<TemplateChannel, { parts: ('subject' | 'html' | 'text' | 'title' | 'ctaLabel' | 'ctaUrl')[]; required: ('subject' | 'html' | 'text' | 'title')[] }> = {
  email: { parts: ['subject', 'html', 'text'], required: ['subject', 'html'] },
  sms: { parts: ['text'], required: ['text'] },
  whatsapp: { parts: ['text'], required: ['text'] },
  in_app: { parts: ['title', 'text', 'ctaLabel', 'ctaUrl'], required: ['text'] },
};

const part = z.string().max(50_000);
export const TemplateVariantSchema = z.strictObject({
  subject: part.optional(),
  html: part.optional(),
  text: part.default(''),
  title: part.optional(),
  ctaLabel: part.optional(),
  ctaUrl: part.optional(),
});
export const WhatsAppTemplateRefSchema = z.strictObject({ name: z.string().min(1).max(512), language: z.string().min(2).max(15), parameters: z.array(z.string().max(1000)).max(20) });
export const TemplateInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  description: z.string().max(500).optional(),
  channel: z.enum(TEMPLATE_CHANNELS),
  status: z.enum(['draft', 'active']).optional(),
  variants: z.partialRecord(z.enum(TEMPLATE_LOCALES), TemplateVariantSchema),
  whatsAppTemplate: WhatsAppTemplateRefSchema.nullable().optional(),
});
export const TemplatePatchSchema = TemplateInputSchema.omit({ channel: true }).partial();
export type TemplateInput = z.infer<typeof TemplateInputSchema>;
export type TemplatePatch = z.infer<typeof TemplatePatchSchema>;

type TemplateRow = typeof schema.messageTemplates.$inferSelect;
const t = schema.messageTemplates;
const v = schema.messageTemplateVersions;

/** A template as the API shows it; built-ins have `builtIn: true`, no version and cannot be edited (personalize them). */
export interface TemplateView {
  id: string;
  name: string;
  description: string;
  channel: TemplateChannel;
  status: 'draft' | 'active';
  builtIn: boolean;
  builtInKey: string | null;
  locales: string[];
  variants: TemplateVariants;
  whatsAppTemplate: { name: string; language: string; parameters: string[] } | null;
  version: number;
  updatedAt: string | null;
}

const presentRow = (row: TemplateRow): TemplateView => ({
  id: row.id,
  name: row.name,
  description: row.description,
  channel: row.channel,
  status: row.status,
  builtIn: false,
  builtInKey: row.builtInKey,
  locales: Object.keys(row.variants),
  variants: row.variants,
  whatsAppTemplate: row.whatsAppTemplate ?? null,
  version: row.version,
  updatedAt: row.updatedAt.toISOString(),
});

const presentBuiltIns = (): TemplateView[] => BUILT_IN_TEMPLATES.map((builtIn) => ({
  id: builtIn.id,
  name: builtIn.name,
  description: builtIn.description,
  channel: builtIn.channel,
  status: 'active',
  builtIn: true,
  builtInKey: builtIn.key,
  locales: Object.keys(builtIn.variants),
  variants: builtIn.variants,
  whatsAppTemplate: null,
  version: 1,
  updatedAt: null,
}));

export const isBuiltInTemplateId = (id: string) => id.startsWith(BUILT_IN_PREFIX);

/** The account's templates (newest first), then the built-ins. */
export async function listMessageTemplates(db: Database, accountId: string): Promise<TemplateView[]> {
  const rows = await db.select().from(t).where(eq(t.accountId, accountId)).orderBy(desc(t.updatedAt));
  return [...rows.map(presentRow), ...presentBuiltIns()];
}

/** One template of the account or a built-in; 404 for another account's template. */
export async function getMessageTemplate(db: Database, accountId: string, templateId: string): Promise<TemplateView> {
  if (isBuiltInTemplateId(templateId)) {
    const builtIn = presentBuiltIns().find((template) => template.id === templateId);
    if (!builtIn) throw notFound('template');
    return builtIn;
  }
  if (!z.string().uuid().safeParse(templateId).success) throw notFound('template');
  const [row] = await db.select().from(t).where(and(eq(t.accountId, accountId), eq(t.id, templateId)));
  if (!row) throw notFound('template');
  return presentRow(row);
}

/** Every problem of a template's content: missing parts per language and Liquid syntax errors, as field errors. */
export function checkTemplateContent(channel: TemplateChannel, variants: TemplateVariants, whatsAppTemplate: { parameters: string[] } | null | undefined): FieldError[] {
  const errors: FieldError[] = [];
  const locales = Object.keys(variants);
  if (locales.length === 0) errors.push({ path: 'variants', message: 'needs at least one language (en, ja or zh)' });
  const { parts, required } = TEMPLATE_PARTS[channel];
  for (const locale of locales) {
    const variant = variants[locale]!;
    for (const name of required) if (!variant[name]?.trim()) errors.push({ path: `variants.${locale}.${name}`, message: `is required for ${channel} templates` });
    for (const name of Object.keys(variant) as (keyof typeof variant)[]) {
      const source = variant[name];
      if (source === undefined || source === '') continue;
      if (!parts.includes(name)) {
        errors.push({ path: `variants.${locale}.${name}`, message: `is not used by ${channel} templates` });
        continue;
      }
      const syntax = findSyntaxError(`${locale} ${name}`, source);
      if (syntax) errors.push({ path: `variants.${locale}.${name}`, message: syntax });
    }
  }
  if (whatsAppTemplate && channel !== 'whatsapp') errors.push({ path: 'whatsAppTemplate', message: 'only WhatsApp templates have one' });
  whatsAppTemplate?.parameters.forEach((parameter, index) => {
    const syntax = findSyntaxError(`parameter ${index + 1}`, parameter);
    if (syntax) errors.push({ path: `whatsAppTemplate.parameters.${index}`, message: syntax });
  });
  return errors;
}

function dropEmptyParts(variants: TemplateVariants): TemplateVariants {
  return Object.fromEntries(Object.entries(variants).map(([locale, variant]) => [locale, Object.fromEntries(Object.entries(variant).filter(([key, value]) => key === 'text' || value !== '')) as typeof variant]));
}

async function assertNameFree(db: Database, accountId: string, name: string, exceptId: string | null) {
  const [existing] = await db.select({ id: t.id }).from(t).where(and(eq(t.accountId, accountId), sql`lower(${t.name}) = lower(${name})`));
  if (existing && existing.id !== exceptId) throw conflict(`A template named "${name}" already exists.`);
}

export async function createMessageTemplate(db: Database, accountId: string, userId: string | null, input: TemplateInput, builtInKey: string | null = null): Promise<TemplateView> {
  const variants = dropEmptyParts(input.variants as TemplateVariants);
  const errors = checkTemplateContent(input.channel, variants, input.whatsAppTemplate);
  if (errors.length > 0) throw validationFailed(errors);
  await assertNameFree(db, accountId, input.name, null);
  const [row] = await db.insert(t).values({
    accountId,
    name: input.name,
    description: input.description ?? '',
    channel: input.channel,
    status: input.status ?? 'draft',
    variants,
    whatsAppTemplate: input.whatsAppTemplate ?? null,
    builtInKey,
    updatedBy: userId,
  }).returning();
  return presentRow(row!);
}

/** Saves a new version: the content it replaces is kept as version n in the history. `version` guards against overwriting someone else's save. */
export async function updateMessageTemplate(db: Database, accountId: string, userId: string | null, templateId: string, patch: TemplatePatch, expectedVersion?: number): Promise<TemplateView> {
  if (isBuiltInTemplateId(templateId)) throw conflict('Built-in templates cannot be edited: personalize one to get your own copy.');
  await getMessageTemplate(db, accountId, templateId);
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(t).where(and(eq(t.accountId, accountId), eq(t.id, templateId))).for('update');
    if (!current) throw notFound('template');
    if (expectedVersion !== undefined && expectedVersion !== current.version) throw conflict(`This template was saved by someone else meanwhile (version ${current.version}); reload it before saving.`);
    const variants = patch.variants ? dropEmptyParts(patch.variants as TemplateVariants) : current.variants;
    const whatsAppTemplate = patch.whatsAppTemplate === undefined ? current.whatsAppTemplate : patch.whatsAppTemplate;
    const errors = checkTemplateContent(current.channel, variants, whatsAppTemplate);
    if (errors.length > 0) throw validationFailed(errors);
    if (patch.name) await assertNameFree(tx, accountId, patch.name, templateId);
    await tx.insert(v).values({
      accountId,
      templateId,
      version: current.version,
      name: current.name,
      status: current.status,
      variants: current.variants,
      whatsAppTemplate: current.whatsAppTemplate,
      savedBy: current.updatedBy,
      savedAt: current.updatedAt,
    });
    const [row] = await tx.update(t).set({
      name: patch.name ?? current.name,
      description: patch.description ?? current.description,
      status: patch.status ?? current.status,
      variants,
      whatsAppTemplate,
      version: current.version + 1,
      updatedBy: userId,
      updatedAt: new Date(),
    }).where(eq(t.id, templateId)).returning();
    return presentRow(row!);
  });
}

export async function deleteMessageTemplate(db: Database, accountId: string, templateId: string): Promise<void> {
  if (isBuiltInTemplateId(templateId)) throw conflict('Built-in templates cannot be deleted.');
  await getMessageTemplate(db, accountId, templateId);
  await db.delete(t).where(and(eq(t.accountId, accountId), eq(t.id, templateId)));
}

/** Earlier versions of a template, newest first (the current one is the template itself). */
export async function listTemplateVersions(db: Database, accountId: string, templateId: string) {
  const template = await getMessageTemplate(db, accountId, templateId);
  if (template.builtIn) return [];
  const rows = await db
    .select({ version: v.version, name: v.name, status: v.status, variants: v.variants, savedAt: v.savedAt, savedBy: schema.users.name })
    .from(v)
    .leftJoin(schema.users, eq(schema.users.id, v.savedBy))
    .where(and(eq(v.accountId, accountId), eq(v.templateId, templateId)))
    .orderBy(desc(v.version));
  return rows.map((row) => ({ ...row, savedBy: row.savedBy ?? null, savedAt: row.savedAt.toISOString() }));
}

/** Copies a built-in into the account as a draft ("personalize"), named after it (with a number if taken). */
export async function personalizeBuiltInTemplate(db: Database, accountId: string, userId: string | null, builtInId: string): Promise<TemplateView> {
  const builtIn = findBuiltInTemplate(builtInId);
  if (!builtIn) throw notFound('template');
  const taken = await db.select({ name: t.name }).from(t).where(and(eq(t.accountId, accountId), sql`lower(${t.name}) like lower(${builtIn.name + '%'})`)).orderBy(asc(t.name));
  const names = new Set(taken.map((row) => row.name.toLowerCase()));
  let name = builtIn.name;
  for (let n = 2; names.has(name.toLowerCase()); n += 1) name = `${builtIn.name} (${n})`;
  return createMessageTemplate(db, accountId, userId, { name, description: builtIn.description, channel: builtIn.channel, status: 'draft', variants: builtIn.variants as TemplateInput['variants'] }, builtIn.key);
}
