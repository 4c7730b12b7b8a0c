import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { eq } from 'drizzle-orm';
import { type AccountScope, isAppError, isUuid } from '@touchpoint/core';
import { runContactImport, startContactImport } from '@touchpoint/contacts';
import { type Database, schema } from '@touchpoint/db';
import { createProgressReporter, type ProgressOutput } from './progress-bar.ts';

export const CONTACTS_IMPORT_USAGE = 'touchpoint contacts import <file.csv> --account <accountId>';

/** A problem the person running the command can fix; the CLI prints it and exits with status 2. */
export class CliUsageError extends Error {}

export function parseContactsImportArgs(argv: string[]): { file: string; accountId: string } {
  const [sub, ...rest] = argv;
  if (sub !== 'import') throw new CliUsageError(`usage: ${CONTACTS_IMPORT_USAGE}`);
  let file: string | undefined;
  let accountId: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--account') accountId = rest[++i];
    else if (arg.startsWith('--account=')) accountId = arg.slice('--account='.length);
    else if (!file) file = arg;
    else throw new CliUsageError(`unexpected argument “${arg}”; usage: ${CONTACTS_IMPORT_USAGE}`);
  }
  if (!file) throw new CliUsageError(`which file? usage: ${CONTACTS_IMPORT_USAGE}`);
  if (!accountId) throw new CliUsageError(`which account? usage: ${CONTACTS_IMPORT_USAGE}`);
  return { file, accountId };
}

const count = new Intl.NumberFormat('en-US');

export interface ContactsImportFile {
  path: string;
  accountId: string;
  csv: string;
}

/** Reads the arguments and the file, before the database is opened: a typo should not wait for (or fight) a lock. */
export async function readContactsImportFile(argv: string[]): Promise<ContactsImportFile> {
  const { file, accountId } = parseContactsImportArgs(argv);
  const path = resolve(file);
  try {
    return { path, accountId, csv: await readFile(path, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliUsageError(code === 'ENOENT' ? `no such file: ${path}` : `cannot read ${path}: ${(error as Error).message}`);
  }
}

/**
 * Imports a CSV file into an account in this process, with the same rules as the API (upsert by email, then phone;
 * bad rows skipped and listed). Progress goes to `stderr`, the summary to `stdout`. Returns the exit status.
 */
export async function runContactsImport(db: Database, { path, accountId, csv }: ContactsImportFile, io: { stdout: ProgressOutput; stderr: ProgressOutput }): Promise<number> {
  const [account] = isUuid(accountId) ? await db.select({ id: schema.accounts.id, name: schema.accounts.name }).from(schema.accounts).where(eq(schema.accounts.id, accountId)) : [];
  if (!account) throw new CliUsageError(`no account with id ${accountId} (the ids are in the console's URLs: /accounts/<id>/...)`);
  const scope: AccountScope = { accountId, actor: { type: 'system', id: null, name: 'CLI contacts import', role: 'admin' } };

  let started;
  try {
    started = await startContactImport(db, scope, { fileName: basename(path), csv });
  } catch (error) {
    if (isAppError(error)) throw new CliUsageError(`${basename(path)}: ${error.extra.errors?.map((e) => e.message).join('; ') ?? error.detail}`);
    throw error;
  }
  const { plan } = started;
  io.stderr.write(`Importing ${count.format(plan.records.length)} rows from ${basename(path)} into “${account.name}”…\n`);
  const startedAt = Date.now();
  const bar = createProgressReporter(io.stderr, plan.records.length);
  bar.update(0);
  const result = await runContactImport(db, scope, plan, { onProgress: (p) => bar.update(p.processedRows) }).finally(() => bar.finish());
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  io.stdout.write(`${count.format(result.created)} created, ${count.format(result.updated)} updated, ${count.format(result.skipped)} skipped of ${count.format(result.totalRows)} rows in ${seconds} s (import ${plan.importId}).\n`);
  const [row] = await db.select({ errors: schema.contactImports.errors }).from(schema.contactImports).where(eq(schema.contactImports.id, plan.importId));
  const errors = row?.errors ?? [];
  for (const error of errors.slice(0, 20)) io.stdout.write(`  line ${error.row}: ${error.message}\n`);
  if (errors.length > 20) io.stdout.write(`  … and ${count.format(errors.length - 20)} more (GET /api/v1/accounts/${accountId}/contacts/imports/${plan.importId})\n`);
  return 0;
}
