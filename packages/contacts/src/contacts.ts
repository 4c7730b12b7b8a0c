import { and, count, desc, eq, gt, ilike, or } from 'drizzle-orm';
import { type AccountScope, notFound } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { listContactConversations } from '@touchpoint/conversations';

const presentContact = (row: typeof schema.contacts.$inferSelect) => ({
  id: row.id,
  name: row.name,
  email: row.email,
  phone: row.phone,
  locale: row.locale,
  timeZone: row.timeZone,
  createdAt: row.createdAt.toISOString(),
});

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** Contacts of the account, newest first, optionally matching a name, email or phone fragment. */
export async function listContacts(db: Database, scope: AccountScope, filter: { q?: string; limit: number }) {
  const k = schema.contacts;
  const pattern = filter.q ? `%${escapeLike(filter.q.trim())}%` : null;
  const rows = await db
    .select()
    .from(k)
    .where(and(eq(k.accountId, scope.accountId), pattern ? or(ilike(k.name, pattern), ilike(k.email, pattern), ilike(k.phone, pattern)) : undefined))
    .orderBy(desc(k.createdAt))
    .limit(filter.limit);
  return rows.map(presentContact);
}

export async function getContact(db: Database, scope: AccountScope, contactId: string) {
  const [row] = await db.select().from(schema.contacts).where(and(eq(schema.contacts.accountId, scope.accountId), eq(schema.contacts.id, contactId)));
  if (!row) throw notFound('contact');
  const [orders, conversations] = await Promise.all([listContactOrders(db, scope, contactId), listContactConversations(db, scope, contactId)]);
  return { ...presentContact(row), orders, conversations };
}

export async function createContact(db: Database, scope: AccountScope, input: { name: string; email?: string | null; phone?: string | null; locale?: string | null; timeZone?: string | null; createdAt?: Date }) {
  const [row] = await db
    .insert(schema.contacts)
    .values({ accountId: scope.accountId, name: input.name, email: input.email ?? null, phone: input.phone ?? null, locale: input.locale ?? null, timeZone: input.timeZone ?? null, createdAt: input.createdAt ?? new Date() })
    .returning();
  return presentContact(row!);
}

const presentOrder = (row: typeof schema.orders.$inferSelect) => ({
  id: row.id,
  number: row.number,
  currency: row.currency,
  totalMinor: row.totalMinor,
  status: row.status,
  lines: row.lines,
  placedAt: row.placedAt.toISOString(),
});

export async function listContactOrders(db: Database, scope: AccountScope, contactId: string) {
  const rows = await db
    .select()
    .from(schema.orders)
    .where(and(eq(schema.orders.accountId, scope.accountId), eq(schema.orders.contactId, contactId)))
    .orderBy(desc(schema.orders.placedAt));
  return rows.map(presentOrder);
}

export async function createOrder(db: Database, scope: AccountScope, input: Omit<typeof schema.orders.$inferInsert, 'id' | 'accountId'>) {
  const [row] = await db.insert(schema.orders).values({ ...input, accountId: scope.accountId }).returning();
  return presentOrder(row!);
}

export async function countContactsAndRecentOrders(db: Database, scope: AccountScope, now = new Date()) {
  const since = new Date(now.getTime() - 30 * 24 * 3600_000);
  const [[contacts], [orders]] = await Promise.all([
    db.select({ n: count() }).from(schema.contacts).where(eq(schema.contacts.accountId, scope.accountId)),
    db.select({ n: count() }).from(schema.orders).where(and(eq(schema.orders.accountId, scope.accountId), gt(schema.orders.placedAt, since))),
  ]);
  return { contacts: contacts?.n ?? 0, ordersLast30Days: orders?.n ?? 0 };
}
