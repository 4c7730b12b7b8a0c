import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { AccountScope } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { assertAdmin } from '@touchpoint/accounts';
import { formatCsvRecord } from './csv.ts';

const EXPORT_PAGE = 500;
const BOM = '\uFEFF';

/**
 * All live contacts as CSV, in pages (keyset on id, so memory stays flat however many there are). The columns are the
 * import's columns, so an export can be edited and imported again; other emails and phones are joined with spaces.
 * UTF-8 with a byte-order mark, which Excel needs to read Japanese and Chinese correctly. Admins only.
 */
export async function* exportContactsCsv(db: Database, scope: AccountScope): AsyncGenerator<string> {
  assertAdmin(scope);
  const k = schema.contacts;
  let after: string | null = null;
  let attributeKeys: string[] | null = null;
  for (;;) {
    const rows = await db
      .select({ contact: k, companyName: schema.companies.name })
      .from(k)
      .leftJoin(schema.companies, eq(schema.companies.id, k.companyId))
      .where(and(eq(k.accountId, scope.accountId), isNull(k.mergedIntoId), after ? gt(k.id, after) : undefined))
      .orderBy(asc(k.id))
      .limit(EXPORT_PAGE);
    const page = rows.map((r) => ({ ...r.contact, companyName: r.companyName }));
    if (attributeKeys === null) {
      // One column per attribute key any live contact has, sorted, so every row lines up.
      attributeKeys = await listAttributeKeys(db, scope.accountId);
      yield BOM + formatCsvRecord(['id', 'name', 'email', 'phone', 'other_emails', 'other_phones', 'locale', 'time_zone', 'company', 'created_at', ...attributeKeys.map((key) => `attr.${key}`)]);
    }
    for (const c of page) {
      yield formatCsvRecord([c.id, c.name, c.email, c.phone, c.otherEmails.join(' '), c.otherPhones.join(' '), c.locale, c.timeZone, c.companyName, c.createdAt.toISOString(), ...attributeKeys.map((key) => c.attributes[key])]);
    }
    if (page.length < EXPORT_PAGE) return;
    after = page.at(-1)!.id;
  }
}

async function listAttributeKeys(db: Database, accountId: string): Promise<string[]> {
  const result = await db.execute<{ key: string }>(
    // jsonb_object_keys over live contacts; sorted for a stable column order.
    sql`select distinct jsonb_object_keys(attributes) as key from contacts where account_id = ${accountId} and merged_into_id is null order by 1`,
  );
  return (result as unknown as { rows: { key: string }[] }).rows.map((r) => r.key);
}
