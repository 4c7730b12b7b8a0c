import AxeBuilder from '@axe-core/playwright';
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { findAccountId } from './support/api.ts';
import { DEMO_USERS } from './support/demo.ts';
import { expect, test } from './support/fixtures.ts';
import { createTranslator } from './support/ui-text.ts';

const t = createTranslator(DEMO_USERS.aiko.locale);
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const VIEWPORTS = { desktop: { width: 1280, height: 860 }, phone: { width: 390, height: 844 } };

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const summary = results.violations.map((violation) => ({
    rule: violation.id,
    nodes: violation.nodes.slice(0, 5).map((node) => `${node.target.join(' ')} — ${node.failureSummary?.split('\n').slice(1, 3).join(' ')}`),
  }));
  expect(summary, JSON.stringify(summary, null, 2)).toEqual([]);
}

async function openReports(page: Page, accountId: string) {
  await page.goto(`/a/${accountId}/reports`);
  await expect(page.getByRole('heading', { level: 1, name: t('reports.title') })).toBeVisible();
  await expect(page.getByRole('list', { name: t('reports.kpis') })).toBeVisible();
}

test('the reports page shows key figures, both charts with text alternatives and the agent table for the demo data', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const page = await openPage('aiko');
  await openReports(page, accountId);
  await expect(page.getByRole('link', { name: t('nav.reports') })).toHaveAttribute('aria-current', 'page');

  const kpis = page.getByRole('list', { name: t('reports.kpis') }).getByRole('listitem');
  await expect(kpis).toHaveCount(6);
  await expect(kpis.first()).toContainText(t('reports.kpiCreated'));
  // The demo workspace has conversations in the last 30 days: the count is a positive number.
  await expect(kpis.first().locator('.stat-value')).toHaveText(/^[1-9][\d,]*$/);

  // Charts are drawn (uPlot canvases) and described in words for screen readers.
  // The conversation charts (the help center's own chart follows in a section of its own).
  await expect(page.locator('.report-charts').first().locator('.report-chart canvas')).toHaveCount(2);
  const volume = page.getByRole('img', { name: /./ }).first();
  await expect(volume).toHaveAttribute('aria-label', /\d/);
  const channelRegion = page.getByRole('region', { name: t('reports.channelHeading') });
  await expect(channelRegion.getByRole('table')).toBeAttached();
  await expect(channelRegion.getByRole('table').getByRole('row')).not.toHaveCount(1);

  // The per-day numbers are one click away as a table.
  await page.getByText(t('reports.showData')).click();
  const rows = page.getByRole('region', { name: t('reports.volumeHeading') }).getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(31);

  await expect(page.getByRole('region', { name: t('reports.agentHeading') }).getByRole('row').nth(1)).toBeVisible();

  // Switching the range reloads: 7 days → 7 rows (+ header).
  await page.getByRole('button', { name: t('reports.lastDays', { count: 7 }) }).click();
  await expect(page.getByRole('button', { name: t('reports.lastDays', { count: 7 }) })).toHaveAttribute('aria-pressed', 'true');
  await expect(rows).toHaveCount(8);
});

test('a custom range is applied, and a start after the end is refused', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const page = await openPage('aiko');
  await openReports(page, accountId);
  await page.getByRole('button', { name: t('reports.custom') }).click();
  const from = page.getByLabel(t('reports.from'));
  const to = page.getByLabel(t('reports.to'));
  const today = new Date();
  const iso = (date: Date) => date.toISOString().slice(0, 10);
  const threeDaysAgo = new Date(today.getTime() - 2 * 86_400_000);
  await from.fill(iso(threeDaysAgo));
  await to.fill(iso(today));
  await page.getByRole('button', { name: t('reports.apply') }).click();
  await page.getByText(t('reports.showData')).click();
  await expect(page.getByRole('region', { name: t('reports.volumeHeading') }).getByRole('table').getByRole('row')).toHaveCount(4);
  await expect(page.getByRole('link', { name: t('reports.downloadCsv') })).toHaveAttribute('href', new RegExp(`from=${iso(threeDaysAgo)}&to=${iso(today)}`));

  await from.fill(iso(new Date(today.getTime() + 86_400_000)));
  await expect(page.getByRole('alert')).toHaveText(t('reports.rangeInvalid'));
  await expect(page.getByRole('button', { name: t('reports.apply') })).toBeDisabled();
});

test('the CSV link downloads the conversations of the period', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const page = await openPage('aiko');
  await openReports(page, accountId);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: t('reports.downloadCsv') }).click()]);
  expect(download.suggestedFilename()).toMatch(/^conversations-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = await readFile((await download.path()) ?? '', 'utf8');
  const [header, ...lines] = text.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  expect(header).toContain('number');
  expect(lines.length).toBeGreaterThan(0);
});

test('agents open reports too', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const zh = createTranslator(DEMO_USERS.li.locale);
  const page = await openPage('li');
  await page.goto(`/a/${accountId}`);
  await page.getByRole('link', { name: zh('nav.reports') }).click();
  await expect(page.getByRole('heading', { level: 1, name: zh('reports.title') })).toBeVisible();
  await expect(page.getByRole('list', { name: zh('reports.kpis') })).toBeVisible();
});

for (const [device, viewport] of Object.entries(VIEWPORTS)) {
  test(`the reports page passes axe and fits on a ${device}`, async ({ openPage, adminApi }) => {
    const accountId = findAccountId(adminApi.me);
    const page = await openPage('aiko', { viewport });
    await openReports(page, accountId);
    // The conversation charts (the help center's own chart follows in a section of its own).
    await expect(page.locator('.report-charts').first().locator('.report-chart canvas')).toHaveCount(2);
    await expectNoAxeViolations(page);
    // Nothing is wider than the screen.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
}
