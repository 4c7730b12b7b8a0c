import { randomUUID } from 'node:crypto';
import { expectNoAxeViolations } from './support/axe.ts';
import { createUniqueEmail, findAccountId, type ApiSession } from './support/api.ts';
import { DEMO_USERS } from './support/demo.ts';
import { expect, test } from './support/fixtures.ts';
import { createTranslator } from './support/ui-text.ts';

const t = createTranslator(DEMO_USERS.aiko.locale);
const PHONE = { width: 390, height: 844 };

async function countContacts(api: ApiSession, accountId: string): Promise<number> {
  return ((await api.send('POST', `/accounts/${accountId}/segments/preview`, { condition: { kind: 'all', conditions: [] } })) as { total: number }).total;
}

test('an admin builds a segment from a custom attribute with a live count, then sees its members and exports them', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const tag = `cohort-${randomUUID().slice(0, 6)}`;
  const names = [`E2E 分群 ${tag} A`, `E2E 分群 ${tag} B`];
  for (const name of names) await adminApi.send('POST', `/accounts/${accountId}/contacts`, { name, email: createUniqueEmail('segment'), attributes: { cohort: tag } });
  const total = await countContacts(adminApi, accountId);

  const page = await openPage('aiko', { viewport: PHONE });
  await page.goto(`/a/${accountId}/experience/segments`);
  await expect(page.getByRole('heading', { level: 1, name: t('segments.title') })).toBeVisible();
  await page.getByRole('link', { name: t('segments.new') }).click();
  await expect(page.getByRole('heading', { level: 1, name: t('segments.newTitle') })).toBeVisible();

  const segmentName = `E2E ${tag}`;
  await page.getByLabel(t('segments.name'), { exact: true }).fill(segmentName);
  await page.getByRole('button', { name: t('segments.addRow') }).click();
  await page.getByLabel(t('segments.attribute'), { exact: true }).selectOption('attributes.');
  await page.getByLabel(t('segments.customKey'), { exact: true }).fill('cohort');
  await page.getByLabel(t('segments.operator'), { exact: true }).selectOption('eq');
  await page.getByLabel(t('segments.value'), { exact: true }).fill(tag);
  await expect(page.getByRole('status').filter({ hasText: t('segments.previewCount', { count: '2', total: total.toLocaleString('ja') }) })).toBeVisible();
  await expect(page.getByRole('list', { name: t('segments.previewSample') }).getByRole('link')).toHaveCount(2);
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: t('segments.create') }).click();
  await expect(page.getByRole('heading', { level: 1, name: segmentName })).toBeVisible();
  // The segment worker builds it in the background; the page follows the build and then shows the members.
  await expect(page.locator('.segment-member-count')).toHaveText('2', { timeout: 15_000 });
  const members = page.getByRole('table', { name: t('segments.memberList') });
  for (const name of names) await expect(members.getByRole('link', { name })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('searchbox', { name: t('segments.searchLabel') }).fill(`${tag} B`);
  await expect(members.getByRole('link')).toHaveCount(1);
  await members.getByRole('link', { name: names[1] }).click();
  await expect(page.getByRole('heading', { level: 1, name: names[1] })).toBeVisible();

  const segments = (await adminApi.get(`/accounts/${accountId}/segments`)) as { segments: { id: string; name: string; memberCount: number; kind: string }[] };
  const created = segments.segments.find((segment) => segment.name === segmentName)!;
  expect(created).toMatchObject({ kind: 'dynamic', memberCount: 2 });
  const csv = await adminApi.request.get(`/api/v1/accounts/${accountId}/segments/${created.id}/members.csv`);
  expect(csv.headers()['content-type']).toContain('text/csv');
  const body = await csv.text();
  for (const name of names) expect(body).toContain(name);

  await page.goto(`/a/${accountId}/experience/segments`);
  await expect(page.getByRole('link', { name: segmentName })).toBeVisible();
  await expectNoAxeViolations(page);
  await adminApi.send('DELETE', `/accounts/${accountId}/segments/${created.id}`);
});

test('an admin adds a contact to a manual list from its page and the count follows', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const tag = randomUUID().slice(0, 6);
  const name = `E2E リスト ${tag}`;
  await adminApi.send('POST', `/accounts/${accountId}/contacts`, { name, email: createUniqueEmail('list') });
  const list = (await adminApi.send('POST', `/accounts/${accountId}/segments`, { name: `E2E list ${tag}`, kind: 'manual' })) as { id: string };
  const page = await openPage('aiko');
  await page.goto(`/a/${accountId}/experience/segments/${list.id}`);
  await page.getByLabel(t('segments.findContact')).fill(name);
  await page.getByRole('button', { name: t('segments.addMemberLabel', { name }) }).click();
  await expect(page.locator('.segment-member-count')).toHaveText('1');
  await expect(page.getByRole('table', { name: t('segments.memberList') }).getByRole('link', { name })).toBeVisible();
  await expectNoAxeViolations(page);
  await adminApi.send('DELETE', `/accounts/${accountId}/segments/${list.id}`);
});
