import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { findAccountId, type ApiSession } from './support/api.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { DEMO_USERS } from './support/demo.ts';
import { expect, test } from './support/fixtures.ts';
import { inboxUrl } from './support/inbox.ts';
import { createTranslator } from './support/ui-text.ts';

const t = createTranslator(DEMO_USERS.sam.locale);
const ja = createTranslator(DEMO_USERS.aiko.locale);

const uniqueName = (label: string) => `${label} ${randomUUID().slice(0, 6)}`;
const savedViews = (page: Page, translate = t) => page.getByRole('navigation', { name: translate('inbox.savedViews') });

/** Views are kept on the server: each test removes what it made (retries then start clean). */
async function deleteViewsNamed(api: ApiSession, names: string[]) {
  const accountId = findAccountId(api.me);
  const views = (await api.get(`/accounts/${accountId}/saved-views`)) as { id: string; name: string }[];
  for (const view of views.filter((candidate) => names.includes(candidate.name))) await api.send('DELETE', `/accounts/${accountId}/saved-views/${view.id}`);
}

test('a saved view is kept on the server: it is there after a reload and in another browser of the same person', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const name = uniqueName('High priority');
  const renamed = uniqueName('Renamed view');
  const page = await openPage('sam');
  await page.goto(inboxUrl(accountId, undefined, '?view=all'));
  await page.getByLabel(t('inbox.priority'), { exact: true }).selectOption('high');
  await expect(page).toHaveURL(/priority=high/);
  await page.getByLabel(t('inbox.saveViewName')).fill(name);
  // An agent saves personal views only: there is no choice of who sees it.
  await expect(page.getByRole('group', { name: t('inbox.saveViewVisibility') })).toHaveCount(0);
  await page.getByRole('button', { name: t('inbox.saveView') }).click();
  const saved = savedViews(page).getByRole('link', { name: new RegExp(name) });
  await expect(saved).toHaveAttribute('aria-current', 'page');
  await expect(saved).toContainText(/\d+/);

  await page.reload();
  await page.getByRole('navigation', { name: t('inbox.views') }).getByRole('link', { name: new RegExp(t('inbox.view.mine')) }).click();
  await expect(page).not.toHaveURL(/view=all/);
  await saved.click();
  await expect(page).toHaveURL(/view=all.*priority=high/);
  for (const badge of await page.locator('.inbox-row .badge-priority-high').all()) await expect(badge).toHaveText(t('priority.high'));

  const elsewhere = await openPage('sam');
  await elsewhere.goto(inboxUrl(accountId));
  const there = savedViews(elsewhere).getByRole('link', { name: new RegExp(name) });
  await expect(there).toBeVisible();
  await expect(elsewhere.getByText(t('realtime.live'), { exact: true })).toBeVisible();

  // Renamed with the keyboard in one browser, the other follows without a reload.
  await page.getByRole('button', { name: t('inbox.editSavedView', { name }) }).press('Enter');
  const nameField = savedViews(page).getByLabel(t('inbox.savedViewName'), { exact: true });
  await expect(nameField).toBeFocused();
  await nameField.fill(renamed);
  await nameField.press('Enter');
  await expect(savedViews(page).getByRole('link', { name: new RegExp(renamed) })).toBeVisible();
  await expect(savedViews(elsewhere).getByRole('link', { name: new RegExp(renamed) })).toBeVisible();

  await page.getByRole('button', { name: t('inbox.editSavedView', { name: renamed }) }).click();
  await page.getByRole('button', { name: t('inbox.deleteSavedView', { name: renamed }) }).click();
  await savedViews(page).getByRole('button', { name: t('inbox.deleteView') }).click();
  await expect(savedViews(page)).toHaveCount(0);
  await expect(savedViews(elsewhere)).toHaveCount(0);
});

test('a view an admin shares appears for an agent at once, who can open it but not change it', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const name = uniqueName('Urgent for everyone');
  const agentPage = await openPage('sam');
  await agentPage.goto(inboxUrl(accountId));
  await expect(agentPage.getByRole('navigation', { name: t('inbox.views') })).toBeVisible();
  await expect(agentPage.getByText(t('realtime.live'), { exact: true })).toBeVisible();

  const adminPage = await openPage('aiko');
  await adminPage.goto(inboxUrl(accountId, undefined, '?view=all'));
  await adminPage.getByLabel(ja('inbox.priority'), { exact: true }).selectOption('urgent');
  await adminPage.getByLabel(ja('inbox.saveViewName')).fill(name);
  await adminPage.getByRole('radio', { name: ja('inbox.visibility.shared') }).check();
  await adminPage.getByRole('button', { name: ja('inbox.saveView') }).click();
  await expect(savedViews(adminPage, ja).getByRole('region', { name: ja('inbox.sharedViews') }).getByRole('link', { name: new RegExp(name) })).toBeVisible();

  try {
    const shared = savedViews(agentPage).getByRole('region', { name: t('inbox.sharedViews') }).getByRole('link', { name: new RegExp(name) });
    await expect(shared).toBeVisible();
    await expect(agentPage.getByRole('button', { name: t('inbox.editSavedView', { name }) })).toHaveCount(0);
    await shared.click();
    await expect(agentPage).toHaveURL(/view=all.*priority=urgent/);
    await expect(shared).toHaveAttribute('aria-current', 'page');
    await expectNoAxeViolations(agentPage);
  } finally {
    await deleteViewsNamed(adminApi, [name]);
  }
});

test('views this browser kept before are uploaded once as personal views and leave localStorage', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const name = uniqueName('Kept in the browser');
  const page = await openPage('sam', { viewport: { width: 390, height: 844 } });
  await page.goto(inboxUrl(accountId));
  const storageKey = `touchpoint.savedViews.${accountId}`;
  await page.evaluate(([key, value]) => window.localStorage.setItem(key!, value!), [storageKey, JSON.stringify([{ id: '1', name, query: '?view=all&status=pending' }])]);
  await page.reload();

  const migrated = savedViews(page).getByRole('region', { name: t('inbox.myViews') }).getByRole('link', { name: new RegExp(name) });
  await expect(migrated).toBeVisible();
  await expect.poll(() => page.evaluate((key) => window.localStorage.getItem(key), storageKey)).toBeNull();
  await migrated.click();
  await expect(page).toHaveURL(/view=all.*status=pending/);

  // Editing works at phone width and passes axe with the editor open.
  await page.getByRole('button', { name: t('inbox.editSavedView', { name }) }).click();
  await expect(savedViews(page).getByLabel(t('inbox.savedViewName'), { exact: true })).toBeFocused();
  await expectNoAxeViolations(page);
  await savedViews(page).getByRole('button', { name: t('common.cancel') }).click();
  await expect(page.getByRole('button', { name: t('inbox.editSavedView', { name }) })).toBeFocused();

  const sam = (await adminApi.get(`/accounts/${accountId}/saved-views`)) as { name: string }[];
  expect(sam.map((view) => view.name)).not.toContain(name);
  const samPage = page.request;
  const mine = (await (await samPage.get(`/api/v1/accounts/${accountId}/saved-views`)).json()) as { id: string; name: string; visibility: string }[];
  const uploaded = mine.filter((view) => view.name === name);
  expect(uploaded).toEqual([expect.objectContaining({ visibility: 'personal' })]);
  await page.getByRole('button', { name: t('inbox.editSavedView', { name }) }).click();
  await page.getByRole('button', { name: t('inbox.deleteSavedView', { name }) }).click();
  await savedViews(page).getByRole('button', { name: t('inbox.deleteView') }).click();
  await expect(migrated).toHaveCount(0);
});
