import AxeBuilder from '@axe-core/playwright';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { createUniqueEmail, findAccountId, type ApiSession } from './support/api.ts';
import { DEMO_USERS } from './support/demo.ts';
import { expect, test } from './support/fixtures.ts';
import { createTranslator } from './support/ui-text.ts';

const t = createTranslator(DEMO_USERS.aiko.locale);
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const PHONE = { width: 390, height: 844 };

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const summary = results.violations.map((violation) => ({
    rule: violation.id,
    nodes: violation.nodes.slice(0, 5).map((node) => `${node.target.join(' ')} — ${node.failureSummary?.split('\n').slice(1, 3).join(' ')}`),
  }));
  expect(summary, JSON.stringify(summary, null, 2)).toEqual([]);
}

interface ContactJson {
  id: string;
  name: string;
  email: string | null;
  otherEmails: string[];
  timeZone: string | null;
  locale: string | null;
  socialHandles: Record<string, string>;
  attributes: Record<string, unknown>;
}

const unique = () => randomUUID().slice(0, 6);

async function newContact(api: ApiSession, accountId: string, fields: Record<string, unknown>) {
  return (await api.send('POST', `/accounts/${accountId}/contacts`, fields)) as ContactJson;
}

test('an admin edits a contact’s profile: a bad time zone is shown at its field, then every field is saved', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const name = `E2E 顧客 ${unique()}`;
  const contact = await newContact(adminApi, accountId, { name, email: createUniqueEmail('edit'), attributes: { plan: 'basic', legacy: 'yes' } });
  const page = await openPage('aiko', { viewport: PHONE });
  await page.goto(`/a/${accountId}/contacts/${contact.id}`);
  await page.getByRole('button', { name: t('contact.edit') }).click();
  const form = page.getByRole('form', { name: t('contact.editHeading') });

  await form.getByLabel(t('contact.name'), { exact: true }).fill(`${name} 改`);
  const otherEmail = createUniqueEmail('other');
  await form.getByRole('button', { name: t('contact.addEmail') }).click();
  // The new input takes focus, so typing goes straight into it.
  await page.keyboard.type(otherEmail);
  await expect(form.getByLabel(t('contact.otherEmailNumbered', { number: 1 }))).toHaveValue(otherEmail);
  await form.getByLabel(t('contact.language'), { exact: true }).selectOption('ja');
  const timeZone = form.getByLabel(t('contact.timeZone'), { exact: true });
  await timeZone.fill('Mars/Olympus_Mons');
  await form.getByLabel(t('contact.social.line'), { exact: true }).fill('yui_line');
  await form.getByRole('button', { name: t('contact.removeAttribute', { name: 'legacy' }) }).click();
  await form.getByRole('button', { name: t('contact.addAttribute') }).click();
  await form.getByLabel(t('contact.attributeKey', { number: 2 })).fill('visits');
  await form.getByLabel(t('contact.attributeType', { number: 2 })).selectOption('number');
  await form.getByLabel(t('contact.attributeValue', { number: 2 })).fill('3');
  await form.getByLabel(t('contact.attributeValue', { number: 1 })).fill('gold');
  await form.getByRole('button', { name: t('common.save') }).click();

  await expect(timeZone).toHaveAttribute('aria-invalid', 'true');
  const errorId = ((await timeZone.getAttribute('aria-describedby')) ?? '').split(' ').find((id) => id.endsWith('-error')) ?? '';
  await expect(page.locator(`[id="${errorId}"]`)).toContainText('IANA');
  await expectNoAxeViolations(page);
  expect(((await adminApi.get(`/accounts/${accountId}/contacts/${contact.id}`)) as ContactJson).name).toBe(name);

  await timeZone.fill('Asia/Tokyo');
  await form.getByRole('button', { name: t('common.save') }).click();
  await expect(form).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: `${name} 改` })).toBeVisible();
  await expect(page.getByText(otherEmail)).toBeVisible();
  const saved = (await adminApi.get(`/accounts/${accountId}/contacts/${contact.id}`)) as ContactJson;
  expect(saved).toMatchObject({ name: `${name} 改`, otherEmails: [otherEmail], locale: 'ja', timeZone: 'Asia/Tokyo', socialHandles: { line: 'yui_line' } });
  expect(saved.attributes).toEqual({ plan: 'gold', visits: 3 });
});

test('an admin merges a duplicate after seeing what moves, and lands on the contact kept', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const tag = unique();
  const opened = await newContact(adminApi, accountId, { name: `E2E 重複 ${tag}`, email: createUniqueEmail('dupe') });
  const kept = await newContact(adminApi, accountId, { name: `E2E 本人 ${tag}`, email: createUniqueEmail('kept') });
  await adminApi.send('POST', `/accounts/${accountId}/contacts/${opened.id}/notes`, { body: 'VIP: prefers LINE' });

  const page = await openPage('aiko');
  await page.goto(`/a/${accountId}/contacts/${opened.id}`);
  await page.getByRole('button', { name: t('contact.mergeWith') }).click();
  const panel = page.getByRole('region', { name: t('contact.mergeHeading', { name: opened.name }) });
  await panel.getByLabel(t('contact.mergeSearch')).fill(kept.email ?? '');
  await panel.getByRole('radio', { name: kept.email ?? '' }).check();
  // Keep the other one: this contact (with its note and email) is merged into it.
  await panel.getByRole('radio', { name: t('contact.mergeKeepNamed', { name: kept.name }) }).check();
  const preview = panel.getByRole('region', { name: t('contact.mergePreview') });
  await expect(preview).toContainText(t('contact.mergeMovesNotes', { count: 1 }));
  await expect(preview).toContainText(t('contact.mergeAddsEmails', { emails: opened.email ?? '' }));
  await expectNoAxeViolations(page);

  await panel.getByRole('button', { name: t('contact.mergeConfirm') }).click();
  await expect(page).toHaveURL(new RegExp(`/contacts/${kept.id}$`));
  await expect(page.getByRole('heading', { level: 1, name: kept.name })).toBeVisible();
  // The duplicate's note is now the kept contact's: in its notes and on its timeline.
  await expect(page.getByRole('region', { name: t('contact.notes') }).getByText('VIP: prefers LINE')).toBeVisible();
  await expect(page.getByRole('list', { name: t('timeline.list') }).getByText('VIP: prefers LINE')).toBeVisible();
  const survivor = (await adminApi.get(`/accounts/${accountId}/contacts/${kept.id}`)) as ContactJson;
  expect(survivor.otherEmails).toContain(opened.email);

  // The duplicate's old address says where it went.
  await page.goto(`/a/${accountId}/contacts/${opened.id}`);
  await page.getByRole('link', { name: t('contact.openSurvivor') }).click();
  await expect(page).toHaveURL(new RegExp(`/contacts/${kept.id}$`));
});

test('an admin imports a small CSV with a mapped column, follows it to the summary, and exports the contacts', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const tag = unique();
  const first = createUniqueEmail('import');
  const second = createUniqueEmail('import');
  const csv = `氏名,email,attr.tier\r\n山田 花子 ${tag},${first},gold\r\n"Lee, Min ${tag}",${second},silver\r\nNo Address ${tag},not-an-email,bronze\r\n`;

  const page = await openPage('aiko');
  await page.goto(`/a/${accountId}/contacts`);
  await page.getByRole('link', { name: t('contacts.import') }).click();
  await expect(page.getByRole('heading', { level: 1, name: t('contactImport.title') })).toBeVisible();
  await page.getByLabel(t('contactImport.file')).setInputFiles({ name: `e2e-${tag}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  const mapping = page.getByRole('table', { name: t('contactImport.mappingCaption') });
  await expect(mapping.getByLabel(t('contactImport.mapsToNamed', { header: '氏名' }))).toHaveValue('ignore');
  await mapping.getByLabel(t('contactImport.mapsToNamed', { header: '氏名' })).selectOption('name');
  await expect(page.getByRole('table', { name: t('contactImport.previewCaption', { count: 3 }) })).toContainText(`Lee, Min ${tag}`);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: t('contactImport.start', { file: `e2e-${tag}.csv` }) }).click();

  await expect(page.getByRole('heading', { name: t('contactImport.status.completed', { file: `e2e-${tag}.csv` }) })).toBeVisible();
  await expect(page.getByRole('progressbar')).toHaveAttribute('value', '100');
  const errors = page.getByRole('table', { name: t('contactImport.errorsCaption', { count: 1 }) });
  await expect(errors.getByRole('row').nth(1)).toContainText('4');
  await expect(errors).toContainText('email');
  await expect(page.getByRole('link', { name: t('contactImport.downloadErrors') })).toHaveAttribute('href', /^data:text\/csv/);
  await expectNoAxeViolations(page);
  const found = (await adminApi.get(`/accounts/${accountId}/contacts?q=${encodeURIComponent(first)}`)) as { items: ContactJson[] };
  expect(found.items).toEqual([expect.objectContaining({ name: `山田 花子 ${tag}` })]);

  await page.getByRole('link', { name: t('contactImport.toContacts') }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: t('contacts.export') }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^contacts-\d{4}-\d{2}-\d{2}\.csv$/);
  const exported = readFileSync((await download.path()) ?? '', 'utf8');
  expect(exported).toContain(second);
  expect(exported).toContain(`"Lee, Min ${tag}"`);
});

test('a new contact is created from the list and opened; the profile and import pages pass axe on a phone', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const name = `E2E 新規 ${unique()}`;
  const page = await openPage('aiko', { viewport: PHONE });
  await page.goto(`/a/${accountId}/contacts`);
  await page.getByRole('button', { name: t('contacts.new') }).click();
  const form = page.getByRole('region', { name: t('contacts.newHeading') });
  await form.getByLabel(t('contact.name'), { exact: true }).fill(name);
  await form.getByLabel(t('contact.email'), { exact: true }).fill(createUniqueEmail('new'));
  await expectNoAxeViolations(page);
  await form.getByRole('button', { name: t('contacts.create') }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByRole('heading', { name: t('contact.notes') })).toBeVisible();
  await expect(page.getByRole('heading', { name: t('timeline.heading') })).toBeVisible();
  await expect(page.getByRole('list', { name: t('timeline.list') })).toBeAttached();
  await expectNoAxeViolations(page);

  await page.goto(`/a/${accountId}/contacts/import`);
  await expect(page.getByLabel(t('contactImport.file'))).toBeVisible();
  await expectNoAxeViolations(page);
});

test('the timeline shows everything newest first, pages with Load more, filters by kind and takes a new note live', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const contact = await newContact(adminApi, accountId, { name: `E2E 年表 ${unique()}`, email: createUniqueEmail('timeline') });
  for (let i = 1; i <= 55; i++) await adminApi.send('POST', `/accounts/${accountId}/contacts/${contact.id}/notes`, { body: `Timeline note ${String(i).padStart(2, '0')}` });

  const page = await openPage('aiko');
  await page.goto(`/a/${accountId}/contacts/${contact.id}`);
  const timeline = page.getByRole('list', { name: t('timeline.list') });
  const items = timeline.getByRole('listitem');
  await expect(items).toHaveCount(50);
  await expect(page.getByRole('button', { name: t('timeline.more') })).toBeVisible();
  // Only the notes (a new contact may also have entered a segment): 55 of them, 50 and then 5 more.
  const filters = page.getByRole('group', { name: t('timeline.filter') });
  await filters.getByRole('button', { name: t('timeline.filter.notes') }).click();
  await expect(items.first()).toContainText('Timeline note 55');
  await expect(items.first().getByText(t('timeline.kind.note'))).toBeVisible();
  await expect(items).toHaveCount(50);
  await page.getByRole('button', { name: t('timeline.more') }).click();
  await expect(items).toHaveCount(55);
  await expect(items.last()).toContainText('Timeline note 01');
  await expect(page.getByRole('button', { name: t('timeline.more') })).toHaveCount(0);
  await expectNoAxeViolations(page);

  await filters.getByRole('button', { name: t('timeline.filter.commerce') }).click();
  await expect(page.getByText(t('timeline.noneOfKind'))).toBeVisible();
  await filters.getByRole('button', { name: t('timeline.filter.notes') }).click();
  await expect(items).toHaveCount(50);

  // A note written on the page appears on top of the timeline without a reload.
  const notes = page.getByRole('region', { name: t('contact.notes') });
  await notes.getByLabel(t('contact.noteBody')).fill('Timeline note live');
  await notes.getByRole('button', { name: t('contact.addNote') }).click();
  await expect(items.first()).toContainText('Timeline note live');
});

test('a company is created, renamed with a domain, and chosen on a contact’s profile', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const name = `E2E 株式会社 ${unique()}`;
  const contact = await newContact(adminApi, accountId, { name: `E2E 社員 ${unique()}`, email: createUniqueEmail('company') });
  const page = await openPage('aiko');
  await page.goto(`/a/${accountId}/contacts`);
  await page.getByRole('link', { name: t('companies.title') }).click();
  const create = page.getByRole('region', { name: t('companies.createHeading') });
  await create.getByLabel(t('companies.name')).fill(name);
  await create.getByRole('button', { name: t('companies.create') }).click();
  const list = page.getByRole('region', { name: t('companies.listHeading') });
  await list.getByRole('button', { name: t('helpdesk.editNamed', { name }) }).click();
  const editing = list.getByRole('listitem').filter({ has: page.getByRole('button', { name: t('common.save') }) });
  await editing.getByLabel(t('companies.name')).fill(`${name} 改`);
  await editing.getByLabel(t('companies.domain')).fill('Example.JP');
  await editing.getByRole('button', { name: t('common.save') }).click();
  await expect(list.getByRole('listitem').filter({ hasText: `${name} 改` })).toContainText('example.jp');
  await expectNoAxeViolations(page);

  await page.goto(`/a/${accountId}/contacts/${contact.id}`);
  await page.getByRole('button', { name: t('contact.edit') }).click();
  const form = page.getByRole('form', { name: t('contact.editHeading') });
  await form.getByLabel(t('contact.company'), { exact: true }).selectOption({ label: `${name} 改` });
  await form.getByRole('button', { name: t('common.save') }).click();
  await expect(form).toHaveCount(0);
  const saved = (await adminApi.get(`/accounts/${accountId}/contacts/${contact.id}`)) as { company: { name: string } | null };
  expect(saved.company?.name).toBe(`${name} 改`);
});
