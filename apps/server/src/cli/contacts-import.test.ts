import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { listContacts } from '@touchpoint/contacts';
import { getTestDatabase } from '../testing/test-database.ts';
import { createTestWorkspace, type TestWorkspace } from '../testing/test-app.ts';
import { CliUsageError, parseContactsImportArgs, readContactsImportFile, runContactsImport } from './contacts-import.ts';

const importFile = async (db: Parameters<typeof runContactsImport>[0], argv: string[], io: Parameters<typeof runContactsImport>[2]) => runContactsImport(db, await readContactsImportFile(argv), io);

const dir = mkdtempSync(join(tmpdir(), 'tp-contacts-cli-'));
const RUN = randomUUID().slice(0, 8);
let ws: TestWorkspace;

function capture(isTTY = false) {
  const out: string[] = [];
  return { out, stream: { isTTY, write: (text: string) => out.push(text) } };
}

beforeAll(async () => {
  ws = await createTestWorkspace('CLI');
});

describe('touchpoint contacts import', () => {
  it('imports a file with a progress bar on stderr and a summary with the bad lines on stdout', async () => {
    const file = join(dir, 'customers.csv');
    const rows = Array.from({ length: 250 }, (_, i) => `顧客 ${i},cli${i}-${RUN}@example.test,,ja`);
    writeFileSync(file, `\uFEFFname,email,phone,locale\r\n${rows.join('\r\n')}\r\nBroken,not-an-email,,\r\n`);
    const { db } = await getTestDatabase();
    const stdout = capture();
    const stderr = capture();
    const status = await importFile(db, ['import', file, '--account', ws.accountId], { stdout: stdout.stream, stderr: stderr.stream });
    expect(status).toBe(0);
    expect(stderr.out.join('')).toContain('[##########] 100% 251/251 rows');
    expect(stdout.out[0]).toMatch(/^250 created, 0 updated, 1 skipped of 251 rows in [\d.]+ s/);
    expect(stdout.out[1]).toBe('  line 252: email: must be an email address\n');
    const found = await listContacts(db, { accountId: ws.accountId, actor: { type: 'system', id: null, name: 't', role: 'admin' } }, { q: `cli7-${RUN}`, limit: 5 });
    expect(found.map((c) => c.name)).toEqual(['顧客 7']);
  });

  it('says clearly when the file or the account does not exist', async () => {
    const { db } = await getTestDatabase();
    const io = { stdout: capture().stream, stderr: capture().stream };
    await expect(importFile(db, ['import', join(dir, 'missing.csv'), '--account', ws.accountId], io)).rejects.toThrow(/no such file: .*missing\.csv/);
    const file = join(dir, 'one.csv');
    writeFileSync(file, 'email\na@example.test\n');
    await expect(importFile(db, ['import', file, '--account', randomUUID()], io)).rejects.toThrow(/no account with id/);
    await expect(importFile(db, ['import', file, '--account', 'nope'], io)).rejects.toThrow(CliUsageError);
  });

  it('refuses a malformed file before writing anything, naming the line', async () => {
    const { db } = await getTestDatabase();
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'name,email\n"unclosed,a@b.test\n');
    await expect(importFile(db, ['import', file, '--account', ws.accountId], { stdout: capture().stream, stderr: capture().stream })).rejects.toThrow(/bad\.csv: malformed CSV at line 2/);
  });

  it('needs a file and an account', () => {
    expect(() => parseContactsImportArgs(['import'])).toThrow(/which file/);
    expect(() => parseContactsImportArgs(['import', 'a.csv'])).toThrow(/which account/);
    expect(parseContactsImportArgs(['import', '--account=abc', 'a.csv'])).toEqual({ file: 'a.csv', accountId: 'abc' });
  });
});
