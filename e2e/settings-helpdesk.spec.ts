import AxeBuilder from '@axe-core/playwright';
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { findAccountId } from './support/api.ts';
import { DEMO_USERS } from './support/demo.ts';
import { expect, test } from './support/fixtures.ts';
import { createTranslator } from './support/ui-text.ts';

const t = createTranslator(DEMO_USERS.aiko.locale);
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const summary = results.violations.map((violation) => ({
    rule: violation.id,
    nodes: violation.nodes.slice(0, 5).map((node) => `${node.target.join(' ')} — ${node.failureSummary?.split('\n').slice(1, 3).join(' ')}`),
  }));
  expect(summary, JSON.stringify(summary, null, 2)).toEqual([]);
}

const unique = () => randomUUID().slice(0, 6);

test('an admin creates a label with a colour, renames it and deletes it after confirming', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const name = `E2E ラベル ${unique()}`;
  const page = await openPage('aiko');
  await page.goto(`/a/${accountId}/settings/labels`);
  await expect(page.getByRole('heading', { level: 1, name: t('settings.labels') })).toBeVisible();

  const create = page.getByRole('region', { name: t('labels.createHeading') });
  await create.getByLabel(t('labels.name')).fill(name);
  await create.getByLabel(t('labels.color')).fill('#0e7490');
  await create.getByRole('button', { name: t('labels.create') }).click();

  const list = page.getByRole('region', { name: t('labels.listHeading') });
  const item = list.getByRole('listitem').filter({ hasText: name });
  await expect(item).toBeVisible();
  await expect(item).toContainText('#0e7490');
  await expect(item.locator('.label-swatch')).toHaveCSS('background-color', 'rgb(14, 116, 144)');

  await item.getByRole('button', { name: t('helpdesk.editNamed', { name }) }).click();
  // In edit mode the name is an input's value, not text: find the row by its form.
  const editing = list.getByRole('listitem').filter({ has: page.getByRole('button', { name: t('common.save') }) });
  const renamed = `${name} 改`;
  await expect(editing.getByLabel(t('labels.name'))).toHaveValue(name);
  await editing.getByLabel(t('labels.name')).fill(renamed);
  await editing.getByRole('button', { name: t('common.save') }).click();
  const renamedItem = list.getByRole('listitem').filter({ hasText: renamed });
  await expect(renamedItem).toBeVisible();

  await renamedItem.getByRole('button', { name: t('helpdesk.deleteNamed', { name: renamed }) }).click();
  await renamedItem.getByRole('button', { name: t('labels.deleteConfirm') }).click();
  await expect(list.getByRole('listitem').filter({ hasText: renamed })).toHaveCount(0);
  const labels = (await adminApi.get(`/accounts/${accountId}/labels`)) as { name: string }[];
  expect(labels.map((label) => label.name)).not.toContain(renamed);
});

test('a canned reply with a variable is saved and listed; a broken template is shown at the text field', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const shortcut = `e2e-${unique()}`;
  const title = `E2E 定型文 ${shortcut}`;
  const page = await openPage('aiko');
  await page.goto(`/a/${accountId}/settings/canned-replies`);
  await expect(page.getByRole('heading', { level: 1, name: t('settings.cannedReplies') })).toBeVisible();

  const create = page.getByRole('region', { name: t('canned.createHeading') });
  await create.getByLabel(t('canned.shortcut')).fill(shortcut);
  await create.getByLabel(t('canned.title')).fill(title);
  const body = create.getByLabel(t('canned.body'));

  // A broken template: the server's message appears under the field, which is marked invalid.
  await body.fill('こんにちは {{ contact.name ');
  await create.getByRole('button', { name: t('canned.create') }).click();
  await expect(body).toHaveAttribute('aria-invalid', 'true');
  const describedBy = (await body.getAttribute('aria-describedby')) ?? '';
  const errorId = describedBy.split(' ').find((id) => id.endsWith('-body-error')) ?? '';
  expect(errorId).not.toBe('');
  await expect(page.locator(`[id="${errorId}"]`)).toContainText(t('canned.templateError', { message: '' }).trim());
  expect((await adminApi.get(`/accounts/${accountId}/canned-replies?q=${shortcut}`)) as unknown[]).toHaveLength(0);

  // Fixed with a variable inserted from the help list.
  await body.fill('こんにちは ');
  await create.getByRole('button', { name: t('canned.insertNamed', { variable: '{{ contact.first_name | default: "there" }}' }) }).click();
  await expect(body).toHaveValue('こんにちは {{ contact.first_name | default: "there" }}');
  await create.getByRole('button', { name: t('canned.create') }).click();

  const list = page.getByRole('region', { name: t('canned.listHeading') });
  const item = list.getByRole('listitem').filter({ hasText: title });
  await expect(item).toBeVisible();
  await expect(item).toContainText(`/${shortcut}`);
  await expect(item).toContainText('{{ contact.first_name | default: "there" }}');
  await expect(body).toHaveValue('');
  await expect(body).not.toHaveAttribute('aria-invalid', 'true');

  // Search narrows the list.
  await list.getByLabel(t('canned.search')).fill(shortcut);
  await expect(list.getByRole('listitem')).toHaveCount(1);

  const [created] = (await adminApi.get(`/accounts/${accountId}/canned-replies?q=${shortcut}`)) as { id: string }[];
  if (created) await adminApi.send('DELETE', `/accounts/${accountId}/canned-replies/${created.id}`);
});

test('an admin adds a custom status under Pending and it is listed with its category', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const name = `E2E 倉庫待ち ${unique()}`;
  const page = await openPage('aiko');
  await page.goto(`/a/${accountId}/settings/custom-statuses`);
  await expect(page.getByRole('heading', { level: 1, name: t('settings.customStatuses') })).toBeVisible();

  const create = page.getByRole('region', { name: t('statuses.createHeading') });
  await create.getByLabel(t('statuses.name')).fill(name);
  await create.getByLabel(t('statuses.category')).selectOption('pending');
  await create.getByRole('button', { name: t('statuses.create') }).click();

  const item = page.getByRole('region', { name: t('statuses.listHeading') }).getByRole('listitem').filter({ hasText: name });
  await expect(item).toBeVisible();
  await expect(item).toContainText(t('status.pending'));

  const statuses = (await adminApi.get(`/accounts/${accountId}/custom-statuses`)) as { id: string; name: string; category: string }[];
  const created = statuses.find((status) => status.name === name);
  expect(created?.category).toBe('pending');
  if (created) await adminApi.send('DELETE', `/accounts/${accountId}/custom-statuses/${created.id}`);
});

test('agents see canned replies but not the admin-only helpdesk settings', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const zh = createTranslator(DEMO_USERS.li.locale);
  const page = await openPage('li');
  await page.goto(`/a/${accountId}/settings/profile`);
  const nav = page.getByRole('navigation', { name: zh('settings.navLabel') });
  await expect(nav.getByRole('link', { name: zh('settings.cannedReplies') })).toBeVisible();
  await expect(nav.getByRole('link', { name: zh('settings.labels') })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: zh('settings.customStatuses') })).toHaveCount(0);
  await page.goto(`/a/${accountId}/settings/labels`);
  await expect(page.getByRole('heading', { level: 1, name: zh('notFound.adminOnlyTitle') })).toBeVisible();
});

test('an admin sets business hours with a lunch break and an SLA policy that follows them', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const hoursName = `E2E 平日 ${unique()}`;
  const policyName = `E2E SLA ${unique()}`;
  const page = await openPage('aiko');
  await page.goto(`/a/${accountId}/settings/business-hours`);
  const create = page.getByRole('region', { name: t('hours.createHeading') });
  await create.getByLabel(t('hours.name')).fill(hoursName);
  await create.getByLabel(t('hours.timeZone')).selectOption('Asia/Tokyo');
  const monday = new Intl.DateTimeFormat('ja', { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2023, 0, 2)));
  await create.getByRole('button', { name: t('hours.addIntervalNamed', { day: monday }) }).click();
  await create.getByLabel(t('hours.closesNamed', { day: monday })).first().fill('12:00');
  await create.getByLabel(t('hours.opensNamed', { day: monday })).nth(1).fill('13:00');
  await create.getByRole('button', { name: t('hours.create') }).click();
  const item = page.getByRole('region', { name: t('hours.listHeading') }).getByRole('listitem').filter({ hasText: hoursName });
  await expect(item).toContainText('09:00–12:00, 13:00–18:00');
  await expect(item).toContainText('Asia/Tokyo');

  await page.goto(`/a/${accountId}/settings/sla-policies`);
  const form = page.getByRole('region', { name: t('slaPolicies.createHeading') });
  await form.getByLabel(t('slaPolicies.name')).fill(policyName);
  await form.getByLabel(t('slaPolicies.businessHours')).selectOption({ label: hoursName });
  await form.getByRole('checkbox', { name: t('priority.urgent') }).check();
  await form.getByLabel(t('slaPolicies.targetMinutes', { target: t('sla.first_response') })).fill('30');
  await form.getByRole('button', { name: t('slaPolicies.create') }).click();
  const policy = page.getByRole('region', { name: t('slaPolicies.listHeading') }).getByRole('listitem').filter({ hasText: policyName });
  await expect(policy).toContainText(t('priority.urgent'));
  await expect(policy).toContainText(t('slaPolicies.targetSummary', { target: t('sla.first_response'), minutes: 30 }));
  await expect(policy).toContainText(hoursName);

  const policies = (await adminApi.get(`/accounts/${accountId}/sla-policies`)) as { id: string; name: string }[];
  for (const found of policies.filter((candidate) => candidate.name === policyName)) await adminApi.send('DELETE', `/accounts/${accountId}/sla-policies/${found.id}`);
  const schedules = (await adminApi.get(`/accounts/${accountId}/business-hours`)) as { id: string; name: string }[];
  for (const found of schedules.filter((candidate) => candidate.name === hoursName)) await adminApi.send('DELETE', `/accounts/${accountId}/business-hours/${found.id}`);
});

test('an admin builds an automation rule from selects and subscribes a webhook, whose secret is shown once', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const ruleName = `E2E 自動 ${unique()}`;
  const page = await openPage('aiko');
  await page.goto(`/a/${accountId}/settings/automation`);
  const create = page.getByRole('region', { name: t('automation.createHeading') });
  await create.getByLabel(t('automation.name')).fill(ruleName);
  await create.getByRole('button', { name: t('automation.addCondition') }).click();
  await create.getByLabel(t('automation.conditionField', { number: 1 }), { exact: true }).selectOption('priority');
  await create.getByLabel(t('automation.conditionValue', { number: 1 })).selectOption('urgent');
  await create.getByLabel(t('automation.actionType', { number: 1 }), { exact: true }).selectOption('set_status');
  await create.getByLabel(t('automation.actionValue', { number: 1 })).selectOption('pending');
  await create.getByRole('button', { name: t('automation.create') }).click();
  const rule = page.getByRole('region', { name: t('automation.listHeading') }).getByRole('listitem').filter({ hasText: ruleName });
  await expect(rule).toContainText(`${t('automation.action.set_status')}: ${t('status.pending')}`);
  const rules = (await adminApi.get(`/accounts/${accountId}/automation-rules`)) as { id: string; name: string; conditions: unknown[] }[];
  const saved = rules.find((candidate) => candidate.name === ruleName);
  expect(saved?.conditions).toEqual([{ field: 'priority', operator: 'equals', value: 'urgent' }]);
  if (saved) await adminApi.send('DELETE', `/accounts/${accountId}/automation-rules/${saved.id}`);

  await page.goto(`/a/${accountId}/settings/webhooks`);
  const url = `http://localhost:9/e2e-${unique()}`;
  const form = page.getByRole('region', { name: t('webhooks.createHeading') });
  await form.getByLabel(t('webhooks.url')).fill(url);
  await form.getByRole('button', { name: t('webhooks.create') }).click();
  const secret = page.getByRole('region', { name: t('webhooks.secretHeading') }).getByLabel(t('webhooks.secret'));
  await expect(secret).not.toHaveValue('');
  const webhook = page.getByRole('region', { name: t('webhooks.listHeading') }).getByRole('listitem').filter({ hasText: url });
  await expect(webhook).toContainText('conversation.created');
  await webhook.getByRole('button', { name: t('webhooks.deliveries') }).click();
  await expect(webhook.getByText(t('webhooks.noDeliveries'))).toBeVisible();
  await webhook.getByRole('button', { name: t('helpdesk.deleteNamed', { name: url }) }).click();
  await webhook.getByRole('button', { name: t('webhooks.deleteConfirm') }).click();
  await expect(page.getByRole('region', { name: t('webhooks.listHeading') }).getByRole('listitem').filter({ hasText: url })).toHaveCount(0);
});

test('an admin reorders SLA policies with the keyboard, and the order persists', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const [first, second] = [`E2E 順番 A ${unique()}`, `E2E 順番 B ${unique()}`];
  for (const name of [first, second]) await adminApi.send('POST', `/accounts/${accountId}/sla-policies`, { name, firstResponseMinutes: 60 });
  const page = await openPage('aiko');
  await page.goto(`/a/${accountId}/settings/sla-policies`);
  const list = page.getByRole('region', { name: t('slaPolicies.listHeading') });
  const names = () => list.locator('.helpdesk-item-name').allTextContents();
  await expect.poll(async () => (await names()).filter((name) => name === first || name === second)).toEqual([first, second]);

  const moveUp = list.getByRole('button', { name: t('helpdesk.moveUpNamed', { name: second }) });
  await moveUp.focus();
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await names()).filter((name) => name === first || name === second)).toEqual([second, first]);
  await expect(page.getByRole('status').filter({ hasText: second })).toBeAttached();
  // Focus stays on the item that moved, so it can be moved again.
  // (On the "down" button if it reached the top, where "up" is disabled.)
  const focusedLabel = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null);
  await expect.poll(focusedLabel).toMatch(new RegExp(`^(${t('helpdesk.moveUpNamed', { name: second })}|${t('helpdesk.moveDownNamed', { name: second })})$`));
  await expectNoAxeViolations(page);

  await page.reload();
  await expect.poll(async () => (await names()).filter((name) => name === first || name === second)).toEqual([second, first]);
  const policies = (await adminApi.get(`/accounts/${accountId}/sla-policies`)) as { id: string; name: string }[];
  expect(policies.map((policy) => policy.name).filter((name) => name === first || name === second)).toEqual([second, first]);
  for (const found of policies.filter((policy) => policy.name === first || policy.name === second)) await adminApi.send('DELETE', `/accounts/${accountId}/sla-policies/${found.id}`);
});

test('an admin rotates a webhook’s signing secret: the new one is shown once with a warning', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const url = `http://localhost:9/e2e-rotate-${unique()}`;
  const created = (await adminApi.send('POST', `/accounts/${accountId}/webhooks`, { url, events: ['conversation.created'] })) as { id: string; secret: string };
  const page = await openPage('aiko');
  await page.goto(`/a/${accountId}/settings/webhooks`);
  const webhook = page.getByRole('region', { name: t('webhooks.listHeading') }).getByRole('listitem').filter({ hasText: url });
  await webhook.getByRole('button', { name: t('webhooks.rotateNamed', { url }) }).click();
  await webhook.getByRole('button', { name: t('webhooks.rotateConfirm') }).click();
  const reveal = webhook.getByRole('region', { name: t('webhooks.rotatedHeading') });
  await expect(reveal).toContainText(t('webhooks.rotatedWarning'));
  const secret = reveal.getByLabel(t('webhooks.secret'));
  await expect(secret).toHaveValue(/^whsec_/);
  expect(await secret.inputValue()).not.toBe(created.secret);
  await expect(reveal.getByRole('button', { name: t('common.copy') })).toBeVisible();
  await expectNoAxeViolations(page);
  await reveal.getByRole('button', { name: t('common.done') }).click();
  await expect(reveal).toHaveCount(0);
  const listed = (await adminApi.get(`/accounts/${accountId}/webhooks`)) as { id: string; secret?: string }[];
  expect(listed.find((hook) => hook.id === created.id)?.secret).toBeUndefined();
  await adminApi.send('DELETE', `/accounts/${accountId}/webhooks/${created.id}`);
});

test('an admin creates a team with members and changes its members later', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const name = `E2E チーム ${unique()}`;
  const page = await openPage('aiko');
  await page.goto(`/a/${accountId}/settings/teams`);
  const create = page.getByRole('region', { name: t('teams.createHeading') });
  await create.getByLabel(t('teams.name')).fill(name);
  await create.getByRole('checkbox', { name: DEMO_USERS.li.name }).check();
  await create.getByRole('checkbox', { name: DEMO_USERS.sam.name }).check();
  await create.getByRole('button', { name: t('teams.create') }).click();
  const list = page.getByRole('region', { name: t('teams.listHeading') });
  await expect(list.getByRole('listitem').filter({ hasText: name })).toContainText(t('teams.memberCount', { count: 2 }));

  await list.getByRole('button', { name: t('helpdesk.editNamed', { name }) }).click();
  const editing = list.getByRole('listitem').filter({ has: page.getByRole('button', { name: t('common.save') }) });
  await expect(editing.getByRole('checkbox', { name: DEMO_USERS.li.name })).toBeChecked();
  await editing.getByRole('checkbox', { name: DEMO_USERS.sam.name }).uncheck();
  await editing.getByRole('button', { name: t('common.save') }).click();
  await expect(list.getByRole('listitem').filter({ hasText: name })).toContainText(t('teams.memberCount', { count: 1 }));

  const teams = (await adminApi.get(`/accounts/${accountId}/teams`)) as { id: string; name: string }[];
  for (const team of teams.filter((candidate) => candidate.name === name)) await adminApi.send('DELETE', `/accounts/${accountId}/teams/${team.id}`);
});

const SECTIONS = ['labels', 'canned-replies', 'custom-statuses', 'teams', 'business-hours', 'sla-policies', 'automation', 'macros', 'webhooks'];

for (const [device, viewport] of Object.entries({ desktop: { width: 1280, height: 860 }, phone: { width: 390, height: 844 } })) {
  for (const section of SECTIONS) {
    test(`the ${section} settings page passes axe on a ${device}`, async ({ openPage, adminApi }) => {
      const accountId = findAccountId(adminApi.me);
      const page = await openPage('aiko', { viewport });
      await page.goto(`/a/${accountId}/settings/${section}`);
      await expect(page.locator('h1')).toBeVisible();
      await expect(page.locator('.loading-state')).toHaveCount(0);
      await expectNoAxeViolations(page);
    });
  }
}
