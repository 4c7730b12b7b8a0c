import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { checkContactFields, type ContactFields, patchAttributes, type AttributeValue } from '@touchpoint/contacts';
import { type Database, schema } from '@touchpoint/db';
import { type CustomerEventInput, recordCustomerEvents } from './record-events.ts';

const IdSchema = z.string().trim().min(1).max(200);
const PropertiesSchema = z.record(z.string(), z.unknown()).default({});
const Base = {
  messageId: IdSchema.describe('the client’s id for this event; a replay with the same id is counted once'),
  timestamp: z.iso.datetime({ offset: true }).optional().describe('when it happened (events are ordered by it); the server’s time when absent'),
  userId: IdSchema.optional().describe('the host’s own user id'),
  anonymousId: IdSchema.optional().describe('the browser’s anonymous id'),
};

/** One Segment-shaped call in a batch. */
export const IngestItemSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('track'), ...Base, event: z.string().trim().min(1).max(200), properties: PropertiesSchema }),
  z.strictObject({ type: z.literal('page'), ...Base, name: z.string().max(200).optional(), properties: PropertiesSchema }),
  z.strictObject({ type: z.literal('identify'), ...Base, traits: PropertiesSchema }),
  z.strictObject({ type: z.literal('alias'), ...Base, userId: IdSchema, previousId: IdSchema }),
]).refine((item) => item.userId !== undefined || item.anonymousId !== undefined, { message: 'needs a userId or an anonymousId' });
export type IngestItem = z.infer<typeof IngestItemSchema>;

export const MAX_BATCH_ITEMS = 1000;

export interface IngestResult {
  accepted: number;
  duplicates: number;
  errors: { index: number; message: string }[];
}

const PROFILE_TRAITS: Record<string, keyof ContactFields> = { name: 'name', email: 'email', phone: 'phone', locale: 'locale', language: 'locale', timeZone: 'timeZone', timezone: 'timeZone' };

/**
 * Splits identify traits into profile fields (name, email, phone, locale/language, timeZone) and typed attributes
 * (strings, numbers, booleans; ISO dates stay strings), checked by the contacts package's rules.
 */
export function readTraits(traits: Record<string, unknown>): { value: ContactFields; errors: string[] } {
  const fields: ContactFields = {};
  const attributes: Record<string, AttributeValue> = {};
  const errors: string[] = [];
  for (const [key, raw] of Object.entries(traits)) {
    const field = PROFILE_TRAITS[key];
    if (field) {
      if (raw !== null && typeof raw !== 'string') errors.push(`traits.${key} must be a string`);
      else (fields as Record<string, unknown>)[field] = raw;
    } else if (raw === null || typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') attributes[key] = raw;
    else errors.push(`traits.${key} must be a string, number, boolean or null`);
  }
  if (Object.keys(attributes).length > 0) fields.attributes = attributes;
  const checked = checkContactFields(fields);
  return { value: checked.value, errors: [...errors, ...checked.errors.map((error) => `traits.${error.path} ${error.message}`)] };
}

/**
 * How much the caller is trusted: a server key (`api`) is trusted to say who a userId is; the browser SDK (`sdk`) is
 * trusted only for userIds whose HMAC it presented (`verifiedUserIds`); any other userId from the browser is dropped
 * and the call stays on its anonymous id.
 */
export interface IngestOptions {
  source: 'api' | 'sdk';
  verifiedUserIds?: Set<string>;
  now?: Date;
}

/**
 * Stores a batch of identify/track/page/alias calls in ONE transaction (committed before the caller answers):
 * malformed items are reported by index and the rest are stored; a messageId already stored counts as a duplicate.
 * Users are found by the contact's external id (created when unknown), anonymous ids through contact_aliases.
 * Identify traits (profile fields) are applied in timestamp order, only for identifies not seen before. Computed
 * traits (event count, first/last seen) follow after commit, through the outbox sink (record-events.ts).
 */
export async function ingestEvents(db: Database, accountId: string, rawItems: unknown[], options: IngestOptions): Promise<IngestResult> {
  const now = options.now ?? new Date();
  const errors: IngestResult['errors'] = [];
  const items: { index: number; item: IngestItem; traits?: ContactFields }[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  rawItems.forEach((raw, index) => {
    const parsed = IngestItemSchema.safeParse(raw);
    if (!parsed.success) {
      errors.push({ index, message: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'item'}: ${issue.message}`).join('; ') });
      return;
    }
    let item = parsed.data;
    if (options.source === 'sdk' && item.userId && !options.verifiedUserIds?.has(item.userId)) {
      if (item.type === 'alias') {
        errors.push({ index, message: 'alias from the browser needs a verified userId (userHash)' });
        return;
      }
      if (!item.anonymousId) {
        errors.push({ index, message: 'userId is not verified: send a userHash, or an anonymousId' });
        return;
      }
      item = { ...item, userId: undefined };
    }
    let traits: ContactFields | undefined;
    if (item.type === 'identify') {
      const read = readTraits(item.traits);
      if (read.errors.length > 0) {
        errors.push({ index, message: read.errors.join('; ') });
        return;
      }
      traits = read.value;
    }
    if (seen.has(item.messageId)) {
      duplicates += 1;
      return;
    }
    seen.add(item.messageId);
    items.push({ index, item, traits });
  });
  if (items.length === 0) return { accepted: 0, duplicates, errors };

  return db.transaction(async (tx) => {
    const contactByUser = await resolveUsers(tx, accountId, items.map(({ item, traits }) => ({ userId: item.userId, name: nameOf(item, traits) })));
    const anonymousIds = [...new Set(items.flatMap(({ item }) => [item.anonymousId, item.type === 'alias' ? item.previousId : undefined]).filter((id): id is string => !!id))];
    const contactByAnonymous = await resolveAnonymous(tx, accountId, anonymousIds);
    // Links first (a verified identify with an anonymous id, an alias), so the batch's own anonymous events land on the user.
    const links = new Map<string, string>();
    for (const { item } of items) {
      const contactId = item.userId ? contactByUser.get(item.userId) : undefined;
      if (!contactId) continue;
      if (item.type === 'alias') links.set(item.previousId, contactId);
      else if (item.type === 'identify' && item.anonymousId) links.set(item.anonymousId, contactId);
    }
    const relinked = await linkAnonymousIds(tx, accountId, links, contactByAnonymous);

    const inputs: CustomerEventInput[] = items.map(({ item }) => {
      const contactId = (item.userId ? contactByUser.get(item.userId) : undefined) ?? (item.anonymousId ? contactByAnonymous.get(item.anonymousId) : undefined) ?? null;
      const common = { contactId, anonymousId: item.anonymousId ?? null, messageId: item.messageId, source: options.source, occurredAt: item.timestamp ? new Date(item.timestamp) : now };
      if (item.type === 'track') return { ...common, kind: 'track', name: item.event, properties: item.properties };
      if (item.type === 'page') return { ...common, kind: 'page', name: item.name ?? 'page', properties: item.properties };
      if (item.type === 'identify') return { ...common, kind: 'identify', name: 'identify', properties: { traits: item.traits, ...(item.userId ? { userId: item.userId } : {}) } };
      return { ...common, kind: 'alias', name: 'alias', properties: { userId: item.userId, previousId: item.previousId } };
    });
    const recorded = await recordCustomerEvents(tx, accountId, inputs, { refreshTraitsOf: relinked });
    const storedIds = new Set(recorded.map((event) => event.messageId));
    // Traits of new identifies of known contacts, oldest first so the latest value wins.
    const identifies = items
      .filter(({ item }) => item.type === 'identify' && storedIds.has(item.messageId))
      .map(({ item, traits }) => ({ contactId: item.userId ? contactByUser.get(item.userId) : undefined, traits: traits!, at: item.timestamp ? new Date(item.timestamp) : now }))
      .filter((entry): entry is { contactId: string; traits: ContactFields; at: Date } => !!entry.contactId)
      .sort((a, b) => a.at.getTime() - b.at.getTime());
    await applyIdentifyTraits(tx, accountId, identifies);
    return { accepted: storedIds.size, duplicates: duplicates + (items.length - storedIds.size), errors };
  });
}

/** The chat widget's key for a user the host verified (channels' `userVisitorKey`). */
const WEB_CHAT_CHANNEL = 'web_chat';
const CHAT_USER_PREFIX = 'user:';
const chatUserKey = (userId: string) => `${CHAT_USER_PREFIX}${userId}`;

const nameOf = (item: IngestItem, traits: ContactFields | undefined) => traits?.name || traits?.email || item.userId || 'Customer';

/**
 * Contacts for the batch's userIds: by the contact's external id, else by the chat widget's verified-user identity
 * (`contact_identities` web_chat `user:<id>`, the same host user id), else created in one statement (with that
 * identity too, so the chat and the SDK share one profile for a user).
 */
async function resolveUsers(tx: Database, accountId: string, users: { userId?: string; name: string }[]) {
  const names = new Map<string, string>();
  for (const { userId, name } of users) if (userId && !names.has(userId)) names.set(userId, name);
  const map = new Map<string, string>();
  if (names.size === 0) return map;
  const c = schema.contacts;
  const ci = schema.contactIdentities;
  const existing = await tx.select({ id: c.id, externalId: c.externalId, mergedIntoId: c.mergedIntoId }).from(c).where(and(eq(c.accountId, accountId), inArray(c.externalId, [...names.keys()])));
  for (const row of existing) map.set(row.externalId!, row.mergedIntoId ?? row.id);
  const unmatched = [...names.keys()].filter((userId) => !map.has(userId));
  if (unmatched.length > 0) {
    const chatUsers = await tx.select({ externalId: ci.externalId, contactId: ci.contactId }).from(ci).where(and(eq(ci.accountId, accountId), eq(ci.channel, WEB_CHAT_CHANNEL), inArray(ci.externalId, unmatched.map(chatUserKey))));
    for (const row of chatUsers) map.set(row.externalId.slice(CHAT_USER_PREFIX.length), row.contactId);
  }
  // Sorted, so concurrent batches creating the same new users take the unique index's locks in one order.
  const missing = [...names].filter(([userId]) => !map.has(userId)).sort(([a], [b]) => (a < b ? -1 : 1));
  if (missing.length > 0) {
    await tx.insert(c).values(missing.map(([externalId, name]) => ({ accountId, externalId, name: name.slice(0, 200) }))).onConflictDoNothing();
    const created = await tx.select({ id: c.id, externalId: c.externalId, mergedIntoId: c.mergedIntoId }).from(c).where(and(eq(c.accountId, accountId), inArray(c.externalId, missing.map(([userId]) => userId))));
    for (const row of created) map.set(row.externalId!, row.mergedIntoId ?? row.id);
    await tx.insert(ci).values(created.map((row) => ({ accountId, channel: WEB_CHAT_CHANNEL, externalId: chatUserKey(row.externalId!), contactId: row.mergedIntoId ?? row.id }))).onConflictDoNothing();
  }
  return map;
}

async function resolveAnonymous(tx: Database, accountId: string, anonymousIds: string[]) {
  const map = new Map<string, string>();
  if (anonymousIds.length === 0) return map;
  const a = schema.contactAliases;
  const rows = await tx.select({ anonymousId: a.anonymousId, contactId: a.contactId }).from(a).where(and(eq(a.accountId, accountId), inArray(a.anonymousId, anonymousIds)));
  for (const row of rows) map.set(row.anonymousId, row.contactId);
  return map;
}

/**
 * Links anonymous ids to contacts and moves their anonymous events onto the contact. An anonymous id already linked
 * to another contact stays with it: a link never moves a known profile's history to someone else. Returns the
 * contacts that gained events.
 */
async function linkAnonymousIds(tx: Database, accountId: string, links: Map<string, string>, known: Map<string, string>): Promise<string[]> {
  const fresh = [...links].filter(([anonymousId]) => !known.has(anonymousId));
  if (fresh.length === 0) return [];
  const inserted = await tx.insert(schema.contactAliases).values(fresh.map(([anonymousId, contactId]) => ({ accountId, anonymousId, contactId }))).onConflictDoNothing().returning();
  for (const row of inserted) {
    known.set(row.anonymousId, row.contactId);
    const e = schema.customerEvents;
    await tx.update(e).set({ contactId: row.contactId }).where(and(eq(e.accountId, accountId), eq(e.anonymousId, row.anonymousId), isNull(e.contactId)));
  }
  // Their computed traits are recomputed by the outbox sink after commit (`refreshTraitsOf`), not here.
  return inserted.map((row) => row.contactId);
}

async function applyIdentifyTraits(tx: Database, accountId: string, identifies: { contactId: string; traits: ContactFields }[]) {
  const byContact = new Map<string, ContactFields>();
  for (const { contactId, traits } of identifies) {
    const current = byContact.get(contactId) ?? {};
    byContact.set(contactId, { ...current, ...traits, attributes: { ...current.attributes, ...traits.attributes } });
  }
  const c = schema.contacts;
  for (const [contactId, traits] of [...byContact].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const [row] = await tx.select({ attributes: c.attributes }).from(c).where(and(eq(c.accountId, accountId), eq(c.id, contactId))).for('update');
    if (!row) continue;
    const { attributes, ...fields } = traits;
    await tx.update(c).set({ ...fields, attributes: patchAttributes(row.attributes, attributes), updatedAt: sql`now()` }).where(and(eq(c.accountId, accountId), eq(c.id, contactId)));
  }
}
