import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import { type AccountScope, conflict, notFound, validationFailed } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { HELP_LOCALES, isValidSlug, type LocalizedText, slugify } from './text.ts';

const c = schema.helpCategories;

export interface HelpCategoryInput {
  slug?: string;
  names: LocalizedText;
  descriptions?: LocalizedText;
  position?: number;
}

function cleanLocalized(text: LocalizedText | undefined): LocalizedText {
  const clean: LocalizedText = {};
  for (const locale of HELP_LOCALES) {
    const value = text?.[locale]?.trim();
    if (value) clean[locale] = value;
  }
  return clean;
}

function checkSlug(slug: string) {
  if (!isValidSlug(slug)) throw validationFailed([{ path: 'slug', message: 'Use lower-case letters, digits and hyphens (at most 100).' }]);
}

/** The account's categories in display order, with how many articles each holds. */
export async function listHelpCategories(db: Database, scope: Pick<AccountScope, 'accountId'>) {
  const a = schema.helpArticles;
  const counts = db.select({ categoryId: a.categoryId, n: count().as('n') }).from(a).where(eq(a.accountId, scope.accountId)).groupBy(a.categoryId).as('counts');
  const rows = await db
    .select({ id: c.id, slug: c.slug, names: c.names, descriptions: c.descriptions, position: c.position, articleCount: sql<number>`coalesce(${counts.n}, 0)::int`, updatedAt: c.updatedAt })
    .from(c)
    .leftJoin(counts, eq(counts.categoryId, c.id))
    .where(eq(c.accountId, scope.accountId))
    .orderBy(asc(c.position), asc(c.createdAt));
  return rows.map((row) => ({ ...row, updatedAt: row.updatedAt.toISOString() }));
}

export type HelpCategory = Awaited<ReturnType<typeof listHelpCategories>>[number];

async function getCategory(db: Database, scope: Pick<AccountScope, 'accountId'>, id: string): Promise<HelpCategory> {
  const found = (await listHelpCategories(db, scope)).find((row) => row.id === id);
  if (!found) throw notFound('category');
  return found;
}

/** Adds a category at the end (or at `position`); its slug comes from the English (or first) name when not given. */
export async function createHelpCategory(db: Database, scope: AccountScope, input: HelpCategoryInput): Promise<HelpCategory> {
  const names = cleanLocalized(input.names);
  if (Object.keys(names).length === 0) throw validationFailed([{ path: 'names', message: 'Give the category a name in at least one language.' }]);
  const slug = input.slug ?? (slugify(names.en ?? Object.values(names)[0]!) || `category-${Date.now().toString(36)}`);
  checkSlug(slug);
  const [last] = await db.select({ max: sql<number | null>`max(${c.position})` }).from(c).where(eq(c.accountId, scope.accountId));
  const [row] = await db
    .insert(c)
    .values({ accountId: scope.accountId, slug, names, descriptions: cleanLocalized(input.descriptions), position: input.position ?? (last?.max ?? -1) + 1 })
    .onConflictDoNothing()
    .returning({ id: c.id });
  if (!row) throw conflict(`A category with the slug “${slug}” already exists.`);
  return getCategory(db, scope, row.id);
}

export async function updateHelpCategory(db: Database, scope: AccountScope, id: string, input: Partial<HelpCategoryInput>): Promise<HelpCategory> {
  const current = await getCategory(db, scope, id);
  const names = input.names ? cleanLocalized(input.names) : current.names;
  if (Object.keys(names).length === 0) throw validationFailed([{ path: 'names', message: 'Give the category a name in at least one language.' }]);
  if (input.slug !== undefined) checkSlug(input.slug);
  if (input.slug && input.slug !== current.slug) {
    const [taken] = await db.select({ id: c.id }).from(c).where(and(eq(c.accountId, scope.accountId), eq(c.slug, input.slug)));
    if (taken) throw conflict(`A category with the slug “${input.slug}” already exists.`);
  }
  await db
    .update(c)
    .set({ names, ...(input.descriptions ? { descriptions: cleanLocalized(input.descriptions) } : {}), ...(input.slug ? { slug: input.slug } : {}), ...(input.position !== undefined ? { position: input.position } : {}), updatedAt: new Date() })
    .where(and(eq(c.accountId, scope.accountId), eq(c.id, id)));
  return getCategory(db, scope, id);
}

/** Deletes a category; its articles stay, uncategorised. */
export async function deleteHelpCategory(db: Database, scope: AccountScope, id: string): Promise<void> {
  const deleted = await db.delete(c).where(and(eq(c.accountId, scope.accountId), eq(c.id, id))).returning({ id: c.id });
  if (deleted.length === 0) throw notFound('category');
}

/** Puts the account's categories in the given order; every category of the account must be listed once. */
export async function reorderHelpCategories(db: Database, scope: AccountScope, ids: string[]): Promise<HelpCategory[]> {
  const existing = await db.select({ id: c.id }).from(c).where(eq(c.accountId, scope.accountId));
  const known = new Set(existing.map((row) => row.id));
  if (ids.length !== known.size || new Set(ids).size !== ids.length || ids.some((id) => !known.has(id))) {
    throw validationFailed([{ path: 'ids', message: 'List every category of the help center exactly once.' }]);
  }
  await db.transaction(async (tx) => {
    for (const [position, id] of ids.entries()) await tx.update(c).set({ position }).where(and(eq(c.accountId, scope.accountId), eq(c.id, id)));
  });
  return listHelpCategories(db, scope);
}

/** Whether every id is a category of the account (ids of other accounts count as unknown). */
export async function assertCategoryOfAccount(db: Database, scope: Pick<AccountScope, 'accountId'>, id: string | null | undefined) {
  if (!id) return;
  const [row] = await db.select({ id: c.id }).from(c).where(and(eq(c.accountId, scope.accountId), inArray(c.id, [id])));
  if (!row) throw validationFailed([{ path: 'categoryId', message: 'No such category.' }]);
}
