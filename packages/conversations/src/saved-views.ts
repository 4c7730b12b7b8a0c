import { and, asc, count, eq, isNull, or, sql } from 'drizzle-orm';
import { type AccountScope, conflict, forbidden, isAdmin, notFound, validationFailed } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { recordEvents } from '@touchpoint/events';
import { listVisibleInboxIds } from '@touchpoint/accounts';
import { type ConversationFilter, countListedConversations } from './conversations.ts';
import type { Priority } from './ticket-updates.ts';

/** A saved view's filters: the conversation list's query without its paging. */
export type SavedViewFilters = Omit<ConversationFilter, 'cursor' | 'limit' | 'priority'> & { priority?: Priority };
export type SavedViewVisibility = 'personal' | 'shared';

/** The list's defaults: a filter equal to its default is not stored, so equal views store equal filters. */
const FILTER_DEFAULTS: Partial<Record<keyof SavedViewFilters, string>> = { view: 'all', status: 'open', sort: 'latest' };
const FILTER_KEYS = ['assigneeId', 'channel', 'inboxId', 'labelId', 'priority', 'sla', 'sort', 'status', 'teamId', 'view'] as const satisfies readonly (keyof SavedViewFilters)[];

/** At most this many views per person, and as many shared per account: a sidebar, not a database. */
const MAX_SAVED_VIEWS_PER_OWNER = 100;

/** Drops empty and default values and orders the keys, so filters compare and store the same however they were sent. */
export function normaliseSavedViewFilters(filters: SavedViewFilters): SavedViewFilters {
  const normal: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value !== undefined && value !== null && value !== '' && value !== FILTER_DEFAULTS[key]) normal[key] = value;
  }
  return normal as SavedViewFilters;
}

type SavedViewRow = typeof schema.savedViews.$inferSelect;
const v = schema.savedViews;

const presentSavedView = (row: SavedViewRow) => ({
  id: row.id,
  name: row.name,
  visibility: (row.userId ? 'personal' : 'shared') as SavedViewVisibility,
  filters: row.filters as SavedViewFilters,
  createdAt: row.createdAt.toISOString(),
});

const personOf = (scope: AccountScope) => (scope.actor.type === 'user' ? scope.actor.id : null);

/** The views the actor sees: their own and the shared ones. Another person's personal view is not among them. */
const visibleToActor = (scope: AccountScope) => {
  const me = personOf(scope);
  return and(eq(v.accountId, scope.accountId), me ? or(isNull(v.userId), eq(v.userId, me)) : isNull(v.userId));
};

function assertMayWrite(scope: AccountScope, visibility: SavedViewVisibility) {
  if (visibility === 'shared' && !isAdmin(scope)) throw forbidden('Only admins can create, change or delete shared views.');
  if (visibility === 'personal' && !personOf(scope)) throw validationFailed([{ path: 'visibility', message: 'an API key has no personal views; use shared' }]);
}

/** Names are unique per owner (a person, or the account for shared views), ignoring case; the owner's views are locked meanwhile. */
async function assertNameFree(tx: Database, scope: AccountScope, ownerId: string | null, name: string, exceptId?: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`saved_views:${scope.accountId}:${ownerId ?? 'shared'}`}))`);
  const [clash] = await tx
    .select({ id: v.id })
    .from(v)
    .where(and(eq(v.accountId, scope.accountId), ownerId ? eq(v.userId, ownerId) : isNull(v.userId), sql`lower(${v.name}) = lower(${name})`, exceptId ? sql`${v.id} <> ${exceptId}` : undefined));
  if (clash) throw conflict(`A view named “${name}” already exists.`);
}

const changed = (scope: AccountScope, row: SavedViewRow) => ({
  type: 'saved_view.changed' as const,
  accountId: scope.accountId,
  payload: { savedViewId: row.id, visibility: row.userId ? 'personal' : 'shared' },
  // A personal view concerns its owner only (their other tabs and devices); a shared one everyone.
  audience: row.userId ? { kind: 'users' as const, userIds: [row.userId] } : { kind: 'account' as const },
});

/** The actor's personal views, then the shared ones, each by name. */
export async function listSavedViews(db: Database, scope: AccountScope) {
  const rows = await db.select().from(v).where(visibleToActor(scope)).orderBy(sql`${v.userId} is null`, asc(sql`lower(${v.name})`), asc(v.createdAt));
  return rows.map(presentSavedView);
}

/**
 * How many conversations each view lists right now (open ones, unless the view filters on another status), with the
 * same conditions as the conversation list: one count per view, each on the status or inbox index.
 */
export async function countSavedViewConversations(db: Database, scope: AccountScope, views: { id: string; filters: SavedViewFilters }[]) {
  const counts = new Map<string, number>();
  const inboxIds = await listVisibleInboxIds(db, scope);
  for (const view of views) counts.set(view.id, await countListedConversations(db, scope, inboxIds, view.filters));
  return counts;
}

export async function createSavedView(db: Database, scope: AccountScope, input: { name: string; visibility: SavedViewVisibility; filters: SavedViewFilters }) {
  assertMayWrite(scope, input.visibility);
  const ownerId = input.visibility === 'personal' ? personOf(scope) : null;
  return db.transaction(async (tx) => {
    await assertNameFree(tx, scope, ownerId, input.name);
    const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(v).where(and(eq(v.accountId, scope.accountId), ownerId ? eq(v.userId, ownerId) : isNull(v.userId)));
    if (total >= MAX_SAVED_VIEWS_PER_OWNER) throw conflict(`There are already ${MAX_SAVED_VIEWS_PER_OWNER} views; delete one first.`);
    const [row] = await tx.insert(v).values({ accountId: scope.accountId, userId: ownerId, name: input.name, filters: normaliseSavedViewFilters(input.filters) }).returning();
    await recordEvents(tx, [changed(scope, row!)]);
    return presentSavedView(row!);
  });
}

async function findVisibleSavedView(tx: Database, scope: AccountScope, savedViewId: string) {
  const [row] = await tx.select().from(v).where(and(visibleToActor(scope), eq(v.id, savedViewId))).for('update');
  if (!row) throw notFound('saved view');
  assertMayWrite(scope, row.userId ? 'personal' : 'shared');
  return row;
}

/** Renames a view or replaces its filters. Agents may change their own views; shared ones need an admin. */
export async function updateSavedView(db: Database, scope: AccountScope, savedViewId: string, patch: { name?: string; filters?: SavedViewFilters }) {
  return db.transaction(async (tx) => {
    const current = await findVisibleSavedView(tx, scope, savedViewId);
    if (patch.name !== undefined) await assertNameFree(tx, scope, current.userId, patch.name, savedViewId);
    const [row] = await tx
      .update(v)
      .set({ ...(patch.name !== undefined ? { name: patch.name } : {}), ...(patch.filters ? { filters: normaliseSavedViewFilters(patch.filters) } : {}) })
      .where(and(eq(v.accountId, scope.accountId), eq(v.id, savedViewId)))
      .returning();
    await recordEvents(tx, [changed(scope, row!)]);
    return presentSavedView(row!);
  });
}

export async function deleteSavedView(db: Database, scope: AccountScope, savedViewId: string) {
  await db.transaction(async (tx) => {
    const row = await findVisibleSavedView(tx, scope, savedViewId);
    await tx.delete(v).where(and(eq(v.accountId, scope.accountId), eq(v.id, savedViewId)));
    await recordEvents(tx, [changed(scope, row)]);
  });
}
