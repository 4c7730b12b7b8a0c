import { sql } from 'drizzle-orm';
import { type AccountScope, type Condition, type FieldError, conflict, notFound, validationFailed } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { formatCsvRecord } from '@touchpoint/contacts';
import { recordEvents } from '@touchpoint/events';
import { rowsOf } from './condition-evaluator.ts';
import { attributeExpression, compileCondition } from './condition-sql.ts';
import { listConditionDependencies, listReferencedSegments } from './dependencies.ts';
import { announceMembershipChanges, followMembershipChange, moveMemberCount } from './membership.ts';

export type SegmentKind = 'dynamic' | 'manual';

export interface SegmentSummary {
  id: string;
  name: string;
  description: string;
  kind: SegmentKind;
  memberCount: number;
  build: { status: 'building' | 'ready'; done: number; total: number };
  createdAt: string;
  updatedAt: string;
}

export interface SegmentDetail extends SegmentSummary {
  condition: Condition | null;
  dependencies: string[];
}

export interface SegmentInput {
  name: string;
  description?: string;
  kind: SegmentKind;
  condition?: Condition | null;
}

type SegmentRow = typeof schema.segments.$inferSelect;

function describeSegment(row: SegmentRow): SegmentDetail {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    kind: row.kind,
    memberCount: row.memberCount,
    build: { status: row.buildStatus, done: row.buildDone, total: row.buildTotal },
    condition: row.condition as Condition | null,
    dependencies: row.dependencies,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The account's segments, by name. */
export async function listSegments(db: Database, accountId: string): Promise<SegmentSummary[]> {
  const rows = await db.select().from(schema.segments).where(sql`${schema.segments.accountId} = ${accountId}`).orderBy(sql`lower(${schema.segments.name})`, schema.segments.id);
  return rows.map((row) => {
    const { condition: _condition, dependencies: _dependencies, ...summary } = describeSegment(row);
    return summary;
  });
}

async function loadSegmentRow(db: Database, accountId: string, segmentId: string): Promise<SegmentRow> {
  const [row] = await db.select().from(schema.segments).where(sql`${schema.segments.accountId} = ${accountId} and ${schema.segments.id} = ${segmentId}`);
  if (!row) throw notFound('segment');
  return row;
}

export async function getSegment(db: Database, accountId: string, segmentId: string): Promise<SegmentDetail> {
  return describeSegment(await loadSegmentRow(db, accountId, segmentId));
}

const DATE_OPERATORS = new Set(['before_days_ago', 'within_days']);
const PROPERTY = /^[A-Za-z0-9_$][A-Za-z0-9_$-]{0,63}(\.[A-Za-z0-9_$][A-Za-z0-9_$-]{0,63}){0,4}$/;

/**
 * Problems a condition has beyond its JSON shape: unknown attribute keys, an operator without the value it needs,
 * a property path that is not one, a segment that does not exist in the account. Paths point into `condition`.
 */
export async function checkCondition(db: Database, accountId: string, condition: Condition, path = 'condition'): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const segmentRefs: { id: string; path: string }[] = [];
  const visit = (node: Condition, at: string) => {
    switch (node.kind) {
      case 'attribute': {
        if (!attributeExpression(node.key, node)) errors.push({ path: `${at}.key`, message: 'must be a profile field (email, phone, name, locale, timeZone, createdAt), attributes.<key> or traits.orderCount / lifetimeValue / firstSeenAt / lastSeenAt' });
        const needsValue = node.operator !== 'exists' && node.operator !== 'not_exists';
        if (needsValue && node.value === undefined) errors.push({ path: `${at}.value`, message: `is required with ${node.operator}` });
        if (DATE_OPERATORS.has(node.operator) && (typeof node.value !== 'number' || !Number.isInteger(node.value) || node.value < 0)) errors.push({ path: `${at}.value`, message: 'must be a whole number of days' });
        break;
      }
      case 'event':
        if (node.distinctProperty && !PROPERTY.test(node.distinctProperty)) errors.push({ path: `${at}.distinctProperty`, message: 'must be a property name (dots for nested properties)' });
        (node.where ?? []).forEach((filter, i) => {
          if (!PROPERTY.test(filter.property)) errors.push({ path: `${at}.where.${i}.property`, message: 'must be a property name (dots for nested properties)' });
        });
        break;
      case 'survey':
        if ((node.operator === 'eq' || node.operator === 'gte' || node.operator === 'lte') && node.score === undefined) errors.push({ path: `${at}.score`, message: `is required with ${node.operator}` });
        break;
      case 'segment':
        segmentRefs.push({ id: node.segmentId, path: `${at}.segmentId` });
        break;
      case 'all':
      case 'any':
        node.conditions.forEach((inner, i) => visit(inner, `${at}.conditions.${i}`));
        break;
    }
  };
  visit(condition, path);
  if (segmentRefs.length > 0) {
    const ids = [...new Set(segmentRefs.map((ref) => ref.id))];
    const found = await db.select({ id: schema.segments.id }).from(schema.segments).where(sql`${schema.segments.accountId} = ${accountId} and ${schema.segments.id} in ${ids}`);
    const known = new Set(found.map((row) => row.id));
    for (const ref of segmentRefs) if (!known.has(ref.id)) errors.push({ path: ref.path, message: 'is not a segment of this account' });
  }
  return errors;
}

/** Refuses a condition that would make a segment contain itself, directly or through other segments. */
async function checkNoCycle(db: Database, accountId: string, segmentId: string, condition: Condition) {
  const seen = new Set<string>();
  let frontier = listReferencedSegments(condition);
  while (frontier.length > 0) {
    if (frontier.includes(segmentId)) throw validationFailed([{ path: 'condition', message: 'must not refer to this segment, directly or through other segments' }]);
    frontier.forEach((id) => seen.add(id));
    const rows = await db.select({ condition: schema.segments.condition }).from(schema.segments).where(sql`${schema.segments.accountId} = ${accountId} and ${schema.segments.id} in ${frontier}`);
    frontier = rows.flatMap((row) => listReferencedSegments(row.condition as Condition | null)).filter((id) => !seen.has(id));
  }
}

function checkInput(input: Partial<SegmentInput>, kind: SegmentKind): FieldError[] {
  const errors: FieldError[] = [];
  if (input.name !== undefined && (input.name.trim().length === 0 || input.name.trim().length > 120)) errors.push({ path: 'name', message: 'must have 1 to 120 characters' });
  if (input.description !== undefined && input.description.length > 1000) errors.push({ path: 'description', message: 'must have at most 1000 characters' });
  if (kind === 'dynamic' && input.condition === null) errors.push({ path: 'condition', message: 'is required for a dynamic segment' });
  if (kind === 'manual' && input.condition) errors.push({ path: 'condition', message: 'a manual segment is a list: it has no condition' });
  return errors;
}

async function countLiveContacts(db: Database, accountId: string): Promise<number> {
  const result = await db.execute(sql`select count(*)::int as n from contacts where account_id = ${accountId}::uuid and merged_into_id is null`);
  return rowsOf<{ n: number }>(result)[0]?.n ?? 0;
}

/**
 * Creates a segment. A dynamic one starts `building`: the segment worker fills it in batches (buildSegmentStep);
 * live changes apply meanwhile, so it is right the moment the build finishes.
 */
export async function createSegment(db: Database, scope: AccountScope, input: SegmentInput): Promise<SegmentDetail> {
  const condition = input.kind === 'dynamic' ? (input.condition ?? null) : null;
  const errors = [...checkInput({ ...input, condition: input.kind === 'dynamic' ? condition : input.condition }, input.kind), ...(condition ? await checkCondition(db, scope.accountId, condition) : [])];
  if (errors.length > 0) throw validationFailed(errors);
  const total = input.kind === 'dynamic' ? await countLiveContacts(db, scope.accountId) : 0;
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(schema.segments).values({
      accountId: scope.accountId,
      name: input.name.trim(),
      description: input.description?.trim() ?? '',
      kind: input.kind,
      condition,
      dependencies: listConditionDependencies(condition),
      buildStatus: input.kind === 'dynamic' ? 'building' : 'ready',
      buildTotal: total,
    }).returning();
    await recordEvents(tx, [{ type: 'segment.changed', accountId: scope.accountId, payload: { segmentId: row!.id, change: 'created' }, audience: { kind: 'account' } }]);
    return describeSegment(row!);
  });
}

/** Renames or re-describes a segment; a new condition rebuilds its membership (build restarts from the first contact). */
export async function updateSegment(db: Database, scope: AccountScope, segmentId: string, patch: Partial<Omit<SegmentInput, 'kind'>>): Promise<SegmentDetail> {
  const current = await loadSegmentRow(db, scope.accountId, segmentId);
  const errors = checkInput(patch, current.kind);
  if (patch.condition) errors.push(...(await checkCondition(db, scope.accountId, patch.condition)));
  if (errors.length > 0) throw validationFailed(errors);
  if (patch.condition) await checkNoCycle(db, scope.accountId, segmentId, patch.condition);
  const conditionChanged = patch.condition !== undefined && JSON.stringify(patch.condition) !== JSON.stringify(current.condition);
  const total = conditionChanged ? await countLiveContacts(db, scope.accountId) : current.buildTotal;
  return db.transaction(async (tx) => {
    const [row] = await tx.update(schema.segments).set({
      ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
      ...(patch.description !== undefined ? { description: patch.description.trim() } : {}),
      ...(conditionChanged
        ? { condition: patch.condition, dependencies: listConditionDependencies(patch.condition ?? null), buildStatus: 'building' as const, buildVersion: sql`${schema.segments.buildVersion} + 1`, buildCursor: null, buildDone: 0, buildTotal: total }
        : {}),
      updatedAt: new Date(),
    }).where(sql`${schema.segments.accountId} = ${scope.accountId} and ${schema.segments.id} = ${segmentId}`).returning();
    if (!row) throw notFound('segment');
    await recordEvents(tx, [{ type: 'segment.changed', accountId: scope.accountId, payload: { segmentId, change: 'updated' }, audience: { kind: 'account' } }]);
    return describeSegment(row);
  });
}

/** Deletes a segment and its membership; refused while another segment's condition refers to it. */
export async function deleteSegment(db: Database, scope: AccountScope, segmentId: string): Promise<void> {
  await loadSegmentRow(db, scope.accountId, segmentId);
  const dependents = await db.select({ name: schema.segments.name }).from(schema.segments).where(sql`${schema.segments.accountId} = ${scope.accountId} and ${`segment:${segmentId}`} = any(${schema.segments.dependencies})`);
  if (dependents.length > 0) throw conflict(`Segments ${dependents.map((d) => `“${d.name}”`).join(', ')} refer to this segment; change them first.`);
  await db.transaction(async (tx) => {
    await tx.delete(schema.segments).where(sql`${schema.segments.accountId} = ${scope.accountId} and ${schema.segments.id} = ${segmentId}`);
    await recordEvents(tx, [{ type: 'segment.changed', accountId: scope.accountId, payload: { segmentId, change: 'deleted' }, audience: { kind: 'account' } }]);
  });
}

async function loadManualSegment(tx: Database, accountId: string, segmentId: string) {
  const row = await loadSegmentRow(tx, accountId, segmentId);
  if (row.kind !== 'manual') throw validationFailed([{ path: 'segmentId', message: 'is a dynamic segment: its members follow its condition' }]);
  return row;
}

/**
 * Adds a contact to a manual segment (a journey's "add to segment" step, the console, the API), in the caller's
 * transaction. Adding a member twice changes nothing; a first add emits segment.entered. Returns whether it was added.
 */
export async function addContactToSegment(tx: Database, accountId: string, segmentId: string, contactId: string, now = new Date()): Promise<boolean> {
  const segment = await loadManualSegment(tx, accountId, segmentId);
  const [contact] = await tx.select({ id: schema.contacts.id }).from(schema.contacts).where(sql`${schema.contacts.accountId} = ${accountId} and ${schema.contacts.id} = ${contactId} and ${schema.contacts.mergedIntoId} is null`);
  if (!contact) throw notFound('contact');
  const inserted = await tx.insert(schema.segmentMemberships).values({ segmentId, accountId, contactId, enteredAt: now }).onConflictDoNothing().returning();
  if (inserted.length === 0) return false;
  await moveMemberCount(tx, segmentId, 1);
  await announceMembershipChanges(tx, segment, { entered: [contactId], exited: [] }, now);
  await followMembershipChange(tx, accountId, segmentId, [contactId], now);
  return true;
}

/** Removes a contact from a manual segment; removing a non-member changes nothing. Returns whether it was removed. */
export async function removeContactFromSegment(tx: Database, accountId: string, segmentId: string, contactId: string, now = new Date()): Promise<boolean> {
  const segment = await loadManualSegment(tx, accountId, segmentId);
  const deleted = await tx.delete(schema.segmentMemberships).where(sql`${schema.segmentMemberships.segmentId} = ${segmentId} and ${schema.segmentMemberships.contactId} = ${contactId}`).returning();
  if (deleted.length === 0) return false;
  await moveMemberCount(tx, segmentId, -1);
  await announceMembershipChanges(tx, segment, { entered: [], exited: [contactId] }, now);
  await followMembershipChange(tx, accountId, segmentId, [contactId], now);
  return true;
}

type SegmentMemberRow = { contactId: string; name: string; email: string | null; phone: string | null; enteredAt: string | Date };

export interface SegmentMember {
  contactId: string;
  name: string;
  email: string | null;
  phone: string | null;
  enteredAt: string;
}

/**
 * One page of members, newest first, optionally narrowed by a name / email / phone search. `after` is the cursor of
 * the previous page (keyset on entered time and id, so deep pages stay cheap).
 */
export async function listSegmentMembers(db: Database, accountId: string, segmentId: string, options: { search?: string; after?: string | null; limit?: number } = {}): Promise<{ members: SegmentMember[]; nextCursor: string | null }> {
  await loadSegmentRow(db, accountId, segmentId);
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const [afterAt, afterId] = options.after ? decodeCursor(options.after) : [null, null];
  const search = options.search?.trim();
  const term = search ? `%${search.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%` : null;
  const result = await db.execute(sql`
    select c.id as "contactId", c.name, c.email, c.phone, m.entered_at as "enteredAt"
    from segment_memberships m join contacts c on c.id = m.contact_id and c.account_id = m.account_id
    where m.account_id = ${accountId}::uuid and m.segment_id = ${segmentId}::uuid
      ${term ? sql`and (lower(c.name) like ${term} or lower(coalesce(c.email, '')) like ${term} or coalesce(c.phone, '') like ${term})` : sql``}
      ${afterAt ? sql`and (m.entered_at, m.contact_id) < (${afterAt}::timestamptz, ${afterId}::uuid)` : sql``}
    order by m.entered_at desc, m.contact_id desc
    limit ${limit + 1}`);
  const rows = rowsOf<{ contactId: string; name: string; email: string | null; phone: string | null; enteredAt: string | Date }>(result);
  const page = rows.slice(0, limit).map((row) => ({ ...row, enteredAt: new Date(row.enteredAt).toISOString() }));
  const last = page.at(-1);
  return { members: page, nextCursor: rows.length > limit && last ? encodeCursor(last.enteredAt, last.contactId) : null };
}

const encodeCursor = (at: string, id: string) => Buffer.from(`${at}|${id}`).toString('base64url');
function decodeCursor(cursor: string): [string, string] | [null, null] {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/i.test(id)) throw validationFailed([{ path: 'after', message: 'is not a cursor from a previous page' }]);
  return [at, id];
}

/** Every member in pages of `pageSize` (keyset on contact id), for the CSV export. */
export async function* streamSegmentMembers(db: Database, accountId: string, segmentId: string, pageSize = 1000): AsyncGenerator<SegmentMember[]> {
  await loadSegmentRow(db, accountId, segmentId);
  let after: string | null = null;
  for (;;) {
    const result: unknown = await db.execute(sql`
      select c.id as "contactId", c.name, c.email, c.phone, m.entered_at as "enteredAt"
      from segment_memberships m join contacts c on c.id = m.contact_id and c.account_id = m.account_id
      where m.account_id = ${accountId}::uuid and m.segment_id = ${segmentId}::uuid ${after ? sql`and m.contact_id > ${after}::uuid` : sql``}
      order by m.contact_id limit ${pageSize}`);
    const rows: SegmentMemberRow[] = rowsOf<{ contactId: string; name: string; email: string | null; phone: string | null; enteredAt: string | Date }>(result);
    if (rows.length > 0) yield rows.map((row) => ({ ...row, enteredAt: new Date(row.enteredAt).toISOString() }));
    if (rows.length < pageSize) return;
    after = rows.at(-1)!.contactId;
  }
}

/** How many live contacts match a condition now, and a few of them, without saving anything. */
export async function previewCondition(db: Database, accountId: string, condition: Condition, now = new Date(), sampleSize = 10): Promise<{ count: number; total: number; sample: { contactId: string; name: string; email: string | null }[] }> {
  const errors = await checkCondition(db, accountId, condition);
  if (errors.length > 0) throw validationFailed(errors);
  const compiled = compileCondition(condition, now);
  const base = sql`from contacts c where c.account_id = ${accountId}::uuid and c.merged_into_id is null`;
  const counts = rowsOf<{ count: number; total: number }>(await db.execute(sql`select (count(*) filter (where ${compiled.match}))::int as count, count(*)::int as total ${base}`))[0];
  const sample = rowsOf<{ contactId: string; name: string; email: string | null }>(await db.execute(sql`select c.id as "contactId", c.name, c.email ${base} and (${compiled.match}) order by c.created_at desc limit ${sampleSize}`));
  return { count: counts?.count ?? 0, total: counts?.total ?? 0, sample };
}

/**
 * A segment's members as CSV (UTF-8 with a byte-order mark for Excel, RFC 4180): contact id, name, email, phone and
 * when they entered, in pages so memory stays flat for a million members.
 */
export async function* exportSegmentMembersCsv(db: Database, accountId: string, segmentId: string): AsyncGenerator<string> {
  yield `\uFEFF${formatCsvRecord(['contact_id', 'name', 'email', 'phone', 'entered_at'])}`;
  for await (const page of streamSegmentMembers(db, accountId, segmentId)) {
    yield page.map((m) => formatCsvRecord([m.contactId, m.name, m.email, m.phone, m.enteredAt])).join('');
  }
}
