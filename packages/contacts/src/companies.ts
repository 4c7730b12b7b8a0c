import { and, asc, eq, sql } from 'drizzle-orm';
import { type AccountScope, notFound, validationFailed } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';

const c = schema.companies;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

export interface CompanyFields {
  name?: string;
  domain?: string | null;
}

function checkCompany(input: CompanyFields): CompanyFields {
  const value: CompanyFields = {};
  if (input.name !== undefined) {
    value.name = input.name.trim();
    if (value.name.length === 0 || value.name.length > 200) throw validationFailed([{ path: 'name', message: 'must have 1 to 200 characters' }]);
  }
  if (input.domain !== undefined) {
    value.domain = input.domain ? input.domain.trim().toLowerCase() : null;
    if (value.domain && !DOMAIN.test(value.domain)) throw validationFailed([{ path: 'domain', message: 'must be a domain name such as example.com' }]);
  }
  return value;
}

// Written out in full: drizzle leaves columns unqualified inside a selected sql fragment, and `id` would bind to contacts.
const liveContactCount = sql<number>`(select count(*)::int from contacts k where k.account_id = companies.account_id and k.company_id = companies.id and k.merged_into_id is null)`;

/** Companies of the account by name, with how many live contacts each has. */
export async function listCompanies(db: Database, scope: AccountScope) {
  const rows = await db.select({ company: c, contactCount: liveContactCount }).from(c).where(eq(c.accountId, scope.accountId)).orderBy(asc(c.name));
  return rows.map(presentCompany);
}

function presentCompany(row: { company: typeof c.$inferSelect; contactCount: number }) {
  return { id: row.company.id, name: row.company.name, domain: row.company.domain, contactCount: Number(row.contactCount), createdAt: row.company.createdAt.toISOString() };
}

async function getCompany(db: Database, accountId: string, companyId: string) {
  const [row] = await db.select({ company: c, contactCount: liveContactCount }).from(c).where(and(eq(c.accountId, accountId), eq(c.id, companyId)));
  if (!row) throw notFound('company');
  return presentCompany(row);
}

export async function createCompany(db: Database, scope: AccountScope, input: { name: string; domain?: string | null }) {
  const value = checkCompany(input);
  const [row] = await db.insert(c).values({ accountId: scope.accountId, name: value.name!, domain: value.domain ?? null }).returning();
  return presentCompany({ company: row!, contactCount: 0 });
}

export async function updateCompany(db: Database, scope: AccountScope, companyId: string, patch: CompanyFields) {
  const value = checkCompany(patch);
  if (Object.keys(value).length === 0) return getCompany(db, scope.accountId, companyId);
  const updated = await db.update(c).set(value).where(and(eq(c.accountId, scope.accountId), eq(c.id, companyId))).returning({ id: c.id });
  if (updated.length === 0) throw notFound('company');
  return getCompany(db, scope.accountId, companyId);
}

/** The company with this name (case-insensitive), created when missing: CSV imports name companies, not ids. */
export async function findOrCreateCompanyByName(tx: Database, accountId: string, name: string) {
  const [found] = await tx.select({ id: c.id }).from(c).where(and(eq(c.accountId, accountId), sql`lower(${c.name}) = lower(${name})`)).limit(1);
  if (found) return found.id;
  const [row] = await tx.insert(c).values({ accountId, name }).returning({ id: c.id });
  return row!.id;
}
