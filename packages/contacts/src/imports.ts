import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { type AccountScope, notFound, validationFailed } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { assertAdmin, recordAudit } from '@touchpoint/accounts';
import { recordEvents } from '@touchpoint/events';
import { findOrCreateCompanyByName } from './companies.ts';
import { ATTRIBUTE_KEY, type AttributeValue, checkContactFields } from './contact-fields.ts';
import { findContactByEmails, findContactByPhone, lockAccountContacts } from './contacts.ts';
import { type CsvRecord, CsvSyntaxError, parseCsv } from './csv.ts';

export const IMPORT_COLUMNS = ['name', 'email', 'phone', 'locale', 'time_zone', 'company'] as const;
type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export type ColumnTarget = { kind: 'field'; field: ImportColumn } | { kind: 'attribute'; key: string } | { kind: 'ignored' };

export const IMPORT_BATCH_SIZE = 200;
export const MAX_IMPORT_ROWS = 100_000;
/** Errors kept per import; the counts stay exact past it. */
const MAX_STORED_ERRORS = 500;

/**
 * What each CSV column feeds. A column is named by `mapping[header]` when given ("E-mail" → "email"), else by its
 * header (case and surrounding spaces ignored); `attr.<key>` columns become attributes; `ignore` and unknown columns
 * are skipped. A file with neither an email nor a phone column cannot be upserted and is refused.
 */
export function planColumns(header: string[], mapping: Record<string, string> = {}): ColumnTarget[] {
  const columns = header.map((raw): ColumnTarget => {
    const name = (mapping[raw] ?? mapping[raw.trim()] ?? raw).trim();
    const lower = name.toLowerCase();
    if ((IMPORT_COLUMNS as readonly string[]).includes(lower)) return { kind: 'field', field: lower as ImportColumn };
    if (lower.startsWith('attr.')) {
      const key = name.slice(5);
      if (!ATTRIBUTE_KEY.test(key)) throw validationFailed([{ path: 'csv', message: `column “${raw}”: attribute keys are letters, digits, _ and -` }]);
      return { kind: 'attribute', key };
    }
    return { kind: 'ignored' };
  });
  const fields = columns.flatMap((c) => (c.kind === 'field' ? [c.field] : []));
  const twice = fields.find((f, i) => fields.indexOf(f) !== i);
  if (twice) throw validationFailed([{ path: 'csv', message: `two columns map to “${twice}”` }]);
  if (!fields.includes('email') && !fields.includes('phone')) throw validationFailed([{ path: 'csv', message: 'the header row needs an email or a phone column (or a mapping to one)' }]);
  return columns;
}

export interface ImportRow {
  name?: string;
  email?: string;
  phone?: string;
  locale?: string;
  timeZone?: string;
  company?: string;
  attributes: Record<string, AttributeValue>;
}

const COLUMN_OF_FIELD: Record<string, string> = { timeZone: 'time_zone' };

/** One data row as contact fields, or why it is skipped (`error` null: a blank row, skipped silently). */
export function readImportRow(columns: ColumnTarget[], cells: string[]): { row: ImportRow } | { error: string | null } {
  const row: ImportRow = { attributes: {} };
  let any = false;
  columns.forEach((column, i) => {
    const cell = (cells[i] ?? '').trim();
    if (cell === '' || column.kind === 'ignored') return;
    any = true;
    if (column.kind === 'attribute') row.attributes[column.key] = cell === 'true' ? true : cell === 'false' ? false : cell;
    else if (column.field === 'time_zone') row.timeZone = cell;
    else row[column.field] = cell;
  });
  if (!any) return { error: null };
  if (!row.email && !row.phone) return { error: 'needs an email or a phone' };
  const { value, errors } = checkContactFields({ name: row.name, email: row.email, phone: row.phone, locale: row.locale, timeZone: row.timeZone, attributes: row.attributes });
  if (errors.length > 0) return { error: errors.map((e) => `${COLUMN_OF_FIELD[e.path] ?? e.path}: ${e.message}`).join('; ') };
  return { row: { ...row, name: value.name, email: value.email ?? undefined, phone: value.phone ?? undefined, timeZone: value.timeZone ?? undefined } };
}

const presentImport = (row: typeof schema.contactImports.$inferSelect) => ({
  id: row.id,
  fileName: row.fileName,
  status: row.status,
  totalRows: row.totalRows,
  processedRows: row.processedRows,
  created: row.createdCount,
  updated: row.updatedCount,
  skipped: row.skippedCount,
  errors: row.errors,
  createdAt: row.createdAt.toISOString(),
  finishedAt: row.finishedAt?.toISOString() ?? null,
});
export type ContactImport = ReturnType<typeof presentImport>;

export interface ImportPlan {
  importId: string;
  columns: ColumnTarget[];
  records: CsvRecord[];
}

/**
 * Checks the file up front (a malformed CSV or an unusable header is a 400 naming the line; nothing is written) and
 * records the import; the rows are processed by runContactImport. Admins only: it can touch every contact.
 */
export async function startContactImport(db: Database, scope: AccountScope, input: { fileName: string; csv: string; mapping?: Record<string, string> }) {
  assertAdmin(scope);
  let records: CsvRecord[];
  try {
    records = parseCsv(input.csv);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw validationFailed([{ path: 'csv', message: `malformed CSV at line ${error.line}: ${error.message.replace(/^line \d+: /, '')}` }]);
    throw error;
  }
  const [header, ...rows] = records;
  if (!header) throw validationFailed([{ path: 'csv', message: 'the file is empty; it needs a header row' }]);
  if (rows.length > MAX_IMPORT_ROWS) throw validationFailed([{ path: 'csv', message: `at most ${MAX_IMPORT_ROWS} rows per import` }]);
  const columns = planColumns(header.fields, input.mapping);
  const row = await db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(schema.contactImports)
      .values({ accountId: scope.accountId, fileName: input.fileName, totalRows: rows.length, createdBy: scope.actor.type === 'user' ? scope.actor.id : null })
      .returning();
    await recordAudit(tx, scope, { action: 'contact_import.started', targetType: 'contact_import', targetId: inserted!.id, details: { fileName: input.fileName, rows: rows.length } });
    return inserted;
  });
  return { contactImport: presentImport(row!), plan: { importId: row!.id, columns, records: rows } satisfies ImportPlan };
}

type Outcome = 'created' | 'updated';

async function upsertImportRow(tx: Database, accountId: string, row: ImportRow, companies: Map<string, string>): Promise<Outcome> {
  let existing = row.email ? await findContactByEmails(tx, accountId, [row.email]) : null;
  existing ??= row.phone ? await findContactByPhone(tx, accountId, row.phone) : null;
  let companyId: string | undefined;
  if (row.company) {
    const key = row.company.toLowerCase();
    companyId = companies.get(key) ?? (await findOrCreateCompanyByName(tx, accountId, row.company));
    companies.set(key, companyId);
  }
  const now = new Date();
  if (!existing) {
    await tx.insert(schema.contacts).values({
      accountId,
      name: row.name ?? row.email ?? row.phone!,
      email: row.email ?? null,
      phone: row.phone ?? null,
      locale: row.locale ?? null,
      timeZone: row.timeZone ?? null,
      companyId: companyId ?? null,
      attributes: row.attributes,
      createdAt: now,
      updatedAt: now,
    });
    return 'created';
  }
  // Nothing the contact already has is dropped: a new email or phone becomes primary only where there is none.
  const email = existing.email ?? row.email ?? null;
  const phone = existing.phone ?? row.phone ?? null;
  const addIfNew = (list: string[], value: string | undefined, primary: string | null) => (value && value !== primary && !list.includes(value) ? [...list, value] : list);
  await tx
    .update(schema.contacts)
    .set({
      ...(row.name ? { name: row.name } : {}),
      email,
      phone,
      otherEmails: addIfNew(existing.otherEmails, row.email, email),
      otherPhones: addIfNew(existing.otherPhones, row.phone, phone),
      ...(row.locale ? { locale: row.locale } : {}),
      ...(row.timeZone ? { timeZone: row.timeZone } : {}),
      ...(companyId ? { companyId } : {}),
      attributes: { ...existing.attributes, ...row.attributes },
      updatedAt: now,
    })
    .where(and(eq(schema.contacts.accountId, accountId), eq(schema.contacts.id, existing.id)));
  return 'updated';
}

interface Draft {
  id: string | null;
  name: string;
  email: string | null;
  phone: string | null;
  otherEmails: string[];
  otherPhones: string[];
  locale: string | null;
  timeZone: string | null;
  companyId: string | null;
  attributes: Record<string, AttributeValue>;
  dirty: boolean;
}

const textArray = (values: string[]) => sql`array[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]`;

/**
 * The fast path for one batch: one query finds every live contact the batch's emails and phones match, the rows are
 * applied in memory (a later row sees an earlier row's contact), then one insert and one update per changed contact.
 * Same rules as upsertImportRow; runContactImport falls back to row by row if the database refuses any of it.
 */
async function upsertImportBatch(tx: Database, accountId: string, rows: ImportRow[], companies: Map<string, string>): Promise<Outcome[]> {
  const k = schema.contacts;
  const emails = [...new Set(rows.flatMap((r) => (r.email ? [r.email] : [])))];
  const phones = [...new Set(rows.flatMap((r) => (r.phone ? [r.phone] : [])))];
  const found = await tx
    .select()
    .from(k)
    .where(and(
      eq(k.accountId, accountId),
      isNull(k.mergedIntoId),
      or(
        emails.length > 0 ? sql`lower(${k.email}) in (${sql.join(emails.map((e) => sql`${e}`), sql`, `)})` : undefined,
        emails.length > 0 ? sql`${k.otherEmails} && ${textArray(emails)}` : undefined,
        phones.length > 0 ? inArray(k.phone, phones) : undefined,
        phones.length > 0 ? sql`${k.otherPhones} && ${textArray(phones)}` : undefined,
      ),
    ))
    .orderBy(k.createdAt);
  const byEmail = new Map<string, Draft>();
  const byPhone = new Map<string, Draft>();
  const remember = (draft: Draft) => {
    for (const email of [draft.email, ...draft.otherEmails]) if (email && !byEmail.has(email.toLowerCase())) byEmail.set(email.toLowerCase(), draft);
    for (const phone of [draft.phone, ...draft.otherPhones]) if (phone && !byPhone.has(phone)) byPhone.set(phone, draft);
  };
  for (const row of found) remember({ ...row, dirty: false });
  const created: Draft[] = [];
  const outcomes: Outcome[] = [];
  for (const row of rows) {
    let companyId: string | undefined;
    if (row.company) {
      const key = row.company.toLowerCase();
      companyId = companies.get(key) ?? (await findOrCreateCompanyByName(tx, accountId, row.company));
      companies.set(key, companyId);
    }
    const draft = (row.email ? byEmail.get(row.email) : undefined) ?? (row.phone ? byPhone.get(row.phone) : undefined);
    if (!draft) {
      const fresh: Draft = { id: null, name: row.name ?? row.email ?? row.phone!, email: row.email ?? null, phone: row.phone ?? null, otherEmails: [], otherPhones: [], locale: row.locale ?? null, timeZone: row.timeZone ?? null, companyId: companyId ?? null, attributes: row.attributes, dirty: false };
      created.push(fresh);
      remember(fresh);
      outcomes.push('created');
      continue;
    }
    if (row.name) draft.name = row.name;
    draft.email ??= row.email ?? null;
    draft.phone ??= row.phone ?? null;
    if (row.email && row.email !== draft.email && !draft.otherEmails.includes(row.email)) draft.otherEmails = [...draft.otherEmails, row.email];
    if (row.phone && row.phone !== draft.phone && !draft.otherPhones.includes(row.phone)) draft.otherPhones = [...draft.otherPhones, row.phone];
    if (row.locale) draft.locale = row.locale;
    if (row.timeZone) draft.timeZone = row.timeZone;
    if (companyId) draft.companyId = companyId;
    draft.attributes = { ...draft.attributes, ...row.attributes };
    draft.dirty = true;
    remember(draft);
    outcomes.push('updated');
  }
  const now = new Date();
  const values = (d: Draft) => ({ name: d.name, email: d.email, phone: d.phone, otherEmails: d.otherEmails, otherPhones: d.otherPhones, locale: d.locale, timeZone: d.timeZone, companyId: d.companyId, attributes: d.attributes, updatedAt: now });
  if (created.length > 0) await tx.insert(k).values(created.map((d) => ({ ...values(d), accountId, createdAt: now })));
  const changed = [...new Set([...byEmail.values(), ...byPhone.values()])].filter((d) => d.id && d.dirty);
  if (changed.length > 0) {
    // One statement for the whole batch: the changed contacts travel as one jsonb parameter.
    const records = changed.map((d) => ({ id: d.id, name: d.name, email: d.email, phone: d.phone, other_emails: d.otherEmails, other_phones: d.otherPhones, locale: d.locale, time_zone: d.timeZone, company_id: d.companyId, attributes: d.attributes }));
    await tx.execute(sql`
      update contacts as c set name = v.name, email = v.email, phone = v.phone,
        other_emails = array(select jsonb_array_elements_text(v.other_emails)), other_phones = array(select jsonb_array_elements_text(v.other_phones)),
        locale = v.locale, time_zone = v.time_zone, company_id = v.company_id, attributes = v.attributes, updated_at = ${now}
      from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as v(id uuid, name text, email text, phone text, other_emails jsonb, other_phones jsonb, locale text, time_zone text, company_id uuid, attributes jsonb)
      where c.account_id = ${accountId} and c.id = v.id`);
  }
  return outcomes;
}

export interface ImportProgress {
  importId: string;
  status: 'running' | 'completed' | 'failed';
  totalRows: number;
  processedRows: number;
  created: number;
  updated: number;
  skipped: number;
}

/**
 * Processes the rows in batches (one transaction each), upserting by email, else by phone. A bad row is skipped with
 * its line and reason; it never aborts the import. After each batch the counts are saved and a
 * `contact_import.progressed` event goes to the account's admins, so a console can draw a live progress bar.
 */
export async function runContactImport(db: Database, scope: AccountScope, plan: ImportPlan, options: { batchSize?: number; onProgress?: (progress: ImportProgress) => void } = {}): Promise<ImportProgress> {
  const batchSize = options.batchSize ?? IMPORT_BATCH_SIZE;
  const companies = new Map<string, string>();
  const progress: ImportProgress = { importId: plan.importId, status: 'running', totalRows: plan.records.length, processedRows: 0, created: 0, updated: 0, skipped: 0 };
  let storedErrors = 0;
  try {
    for (let start = 0; start === 0 || start < plan.records.length; start += batchSize) {
      const batch = plan.records.slice(start, start + batchSize);
      const last = start + batchSize >= plan.records.length;
      await db.transaction(async (tx) => {
        await lockAccountContacts(tx, scope.accountId);
        const errors: { row: number; message: string }[] = [];
        const valid: { line: number; row: ImportRow }[] = [];
        for (const record of batch) {
          const read = readImportRow(plan.columns, record.fields);
          if ('error' in read) {
            progress.skipped++;
            if (read.error) errors.push({ row: record.line, message: read.error });
          } else valid.push({ line: record.line, row: read.row });
        }
        const outcomes = await tx.transaction((sp) => upsertImportBatch(sp, scope.accountId, valid.map((v) => v.row), companies)).catch(() => null);
        if (outcomes) for (const outcome of outcomes) progress[outcome]++;
        else companies.clear();
        for (const { line, row } of outcomes ? [] : valid) {
          try {
            // The slow path, a savepoint per row: a row the database refuses is skipped, the batch goes on.
            const outcome = await tx.transaction((sp) => upsertImportRow(sp, scope.accountId, row, companies));
            progress[outcome]++;
          } catch (error) {
            companies.clear();
            progress.skipped++;
            errors.push({ row: line, message: (error as Error).message.slice(0, 200) });
          }
        }
        progress.processedRows += batch.length;
        if (last) progress.status = 'completed';
        const kept = errors.slice(0, Math.max(0, MAX_STORED_ERRORS - storedErrors));
        storedErrors += kept.length;
        await tx
          .update(schema.contactImports)
          .set({
            processedRows: progress.processedRows,
            createdCount: progress.created,
            updatedCount: progress.updated,
            skippedCount: progress.skipped,
            status: progress.status,
            ...(kept.length > 0 ? { errors: sql`${schema.contactImports.errors} || ${JSON.stringify(kept)}::jsonb` } : {}),
            ...(last ? { finishedAt: new Date() } : {}),
          })
          .where(and(eq(schema.contactImports.accountId, scope.accountId), eq(schema.contactImports.id, plan.importId)));
        await recordEvents(tx, [{ type: 'contact_import.progressed', accountId: scope.accountId, payload: { ...progress }, audience: { kind: 'admins' } }]);
      });
      options.onProgress?.({ ...progress });
    }
  } catch (error) {
    progress.status = 'failed';
    await db
      .update(schema.contactImports)
      .set({ status: 'failed', finishedAt: new Date(), errors: sql`${schema.contactImports.errors} || ${JSON.stringify([{ row: 0, message: `import stopped: ${(error as Error).message.slice(0, 200)}` }])}::jsonb` })
      .where(and(eq(schema.contactImports.accountId, scope.accountId), eq(schema.contactImports.id, plan.importId)))
      .catch(() => undefined);
    options.onProgress?.({ ...progress });
    throw error;
  }
  return progress;
}

export async function getContactImport(db: Database, scope: AccountScope, importId: string) {
  assertAdmin(scope);
  const [row] = await db.select().from(schema.contactImports).where(and(eq(schema.contactImports.accountId, scope.accountId), eq(schema.contactImports.id, importId)));
  if (!row) throw notFound('import');
  return presentImport(row);
}


/**
 * Imports still `running` when a server starts were cut off by a restart (the rows run in the server's process);
 * marks them failed so the console stops waiting. Only for the embedded database, where this is the only process:
 * with several servers on one PostgreSQL, another node may be running them (there is no heartbeat column).
 * Call once at boot, before serving requests; returns how many.
 */
export async function markInterruptedImportsFailed(db: Database): Promise<number> {
  const note = JSON.stringify([{ row: 0, message: 'import stopped: the server restarted; import the file again (rows already imported are updated, not duplicated)' }]);
  const rows = await db
    .update(schema.contactImports)
    .set({ status: 'failed', finishedAt: new Date(), errors: sql`${schema.contactImports.errors} || ${note}::jsonb` })
    .where(eq(schema.contactImports.status, 'running'))
    .returning({ id: schema.contactImports.id });
  return rows.length;
}
