import { readFileSync } from 'node:fs';
import { findAccountId } from './support/api.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { DEMO_USERS } from './support/demo.ts';
import { expect, test } from './support/fixtures.ts';
import { createTranslator } from './support/ui-text.ts';

const t = createTranslator(DEMO_USERS.aiko.locale);

test('a CX designer opens the touchpoint map, switches the range, opens a touchpoint, exports the map as CSV and follows a customer’s journey', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const page = await openPage('aiko');
  await page.goto(`/a/${accountId}/experience/map`);
  await expect(page.getByRole('heading', { level: 1, name: t('touchpoints.title') })).toBeVisible();
  // The demo's 90 days of history fill every stage column with cards.
  for (const stage of ['discover', 'onboard', 'buy', 'get_help', 'stay'] as const) {
    await expect(page.getByRole('heading', { level: 2, name: t(`touchpoints.stage.${stage}`) })).toBeVisible();
  }
  await page.getByRole('button', { name: t('touchpoints.lastDays', { count: 90 }) }).click();
  await expect(page.getByRole('button', { name: t('touchpoints.lastDays', { count: 90 }) })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.tp-card').first()).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: t('touchpoints.viewTable') }).click();
  const table = page.getByRole('table');
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  await table.getByRole('button', { name: t('touchpoints.sortBy', { column: t('touchpoints.customers') }) }).click();
  await expect(table.getByRole('columnheader', { name: t('touchpoints.customers') })).toHaveAttribute('aria-sort', 'descending');
  await expectNoAxeViolations(page);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: t('touchpoints.exportCsv') }).click()]);
  expect(download.suggestedFilename()).toMatch(/^touchpoints-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync(await download.path(), 'utf8');
  expect(csv).toContain('stage,kind,id,name,events,customers');
  expect(csv).toContain(',channel,whatsapp,');

  await table.getByRole('link', { name: `${t('touchpoints.kind.channel')}: ${t('channel.whatsapp')}` }).click();
  await expect(page.getByRole('heading', { level: 2, name: t('touchpoints.trend') })).toBeVisible();
  await expect(page.locator('.report-chart canvas').first()).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: t('touchpoints.back') }).click();
  await page.getByRole('link', { name: t('touchpoints.viewInvestment') }).click();
  await expect(page.getByRole('heading', { level: 2, name: t('touchpoints.investment.byService') })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: t('touchpoints.group.service') })).toBeVisible();
  await page.goto(`/a/${accountId}/contacts`);
  await page.getByRole('link', { name: 'Emma Johnson' }).first().click();
  await page.getByRole('link', { name: t('touchpoints.customerJourney') }).click();
  await expect(page.getByRole('heading', { level: 1, name: t('touchpoints.customerJourney') })).toBeVisible();
  await expectNoAxeViolations(page);
  await expectNoAxeViolations(page);
});
