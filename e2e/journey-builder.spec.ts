import type { Page } from '@playwright/test';
import { findAccountId } from './support/api.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { DEMO_USERS } from './support/demo.ts';
import { expect, test } from './support/fixtures.ts';
import { createTranslator } from './support/ui-text.ts';

// The journeys API (issue 7 contracts): POST/GET/PATCH/DELETE /journeys, POST /journeys/:id/publish.
const t = createTranslator(DEMO_USERS.aiko.locale);

async function openEditor(page: Page, accountId: string, journeyId: string, name: string) {
  await page.goto(`/a/${accountId}/experience/journeys/${journeyId}`);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test('a designer builds a journey in the outline and on the canvas, saves the draft and publishes it', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const name = `Welcome series ${Date.now()}`;
  const page = await openPage('aiko');

  await page.goto(`/a/${accountId}/experience/journeys`);
  await expect(page.getByRole('heading', { level: 1, name: t('journeys.title') })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: t('journeys.new') }).click();
  await page.getByLabel(t('journeys.name'), { exact: true }).fill(name);
  await page.getByRole('button', { name: t('journeys.create') }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  const journeyId = page.url().split('/').pop() ?? '';
  expect(journeyId).not.toBe('');

  try {
    // The outline: everything from the keyboard. A new journey is its entry and one wait step.
    await page.getByRole('button', { name: t('journeys.outline'), exact: true }).click();
    const outline = page.getByRole('list', { name: t('journeys.outline') });
    await expect(outline.locator(':scope > li')).toHaveCount(2);
    const waitName = t('journeys.kind.wait_duration');
    await page.getByRole('button', { name: t('journeys.addAfterLabel', { name: waitName }) }).click();
    await page.getByRole('combobox', { name: t('journeys.kindToAdd') }).selectOption('send_message');
    await page.getByRole('button', { name: t('journeys.add'), exact: true }).click();
    await expect(outline.locator(':scope > li')).toHaveCount(3);
    // The new step is selected and its panel has focus; its template is not chosen yet.
    await expect(page.locator('.journey-side').getByRole('heading', { level: 2, name: new RegExp(t('journeys.kind.send_message')) })).toBeFocused();

    // Publishing is refused in the browser while a required field is empty, naming the step.
    await page.getByRole('button', { name: t('journeys.publish'), exact: true }).click();
    const summary = page.getByRole('alert').filter({ hasText: t('journeys.publishBlocked') });
    await expect(summary).toContainText(t('journeys.problem.missing_field', { detail: t('journeys.field.template') }));

    const side = page.locator('.journey-side');
    await side.getByLabel(t('journeys.field.template'), { exact: true }).selectOption({ index: 1 });
    await expect(summary).toHaveCount(0);

    // The canvas shows the same graph: entry + two steps, two edges.
    await page.getByRole('button', { name: t('journeys.canvas'), exact: true }).click();
    const canvas = page.locator('.journey-canvas');
    await expect(canvas.locator('.react-flow__node')).toHaveCount(3);
    await expect(canvas.locator('.react-flow__edge')).toHaveCount(2);
    // Select the message on the canvas and add an attribute update after it from the palette.
    await canvas.locator('.react-flow__node', { hasText: t('journeys.kind.send_message') }).click();
    await page.getByRole('button', { name: t('journeys.kind.update_attribute'), exact: true }).click();
    await expect(canvas.locator('.react-flow__node')).toHaveCount(4);
    await expect(canvas.locator('.react-flow__edge')).toHaveCount(3);
    await side.getByLabel(t('journeys.field.attributeKey'), { exact: true }).fill('onboarding_stage');
    await side.getByLabel(t('journeys.field.attributeValue'), { exact: true }).fill('welcomed');
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: t('journeys.save') }).click();
    await expect(page.getByText(t('journeys.saved'))).toBeVisible();

    // What was saved is what the API holds.
    const saved = (await adminApi.get(`/accounts/${accountId}/journeys/${journeyId}`)) as { definition: { start: string; steps: { id: string; kind: string; next?: string | null; key?: string }[] } };
    const byId = new Map(saved.definition.steps.map((step) => [step.id, step]));
    const first = byId.get(saved.definition.start);
    expect(first?.kind).toBe('wait_duration');
    const second = byId.get(first?.next ?? '');
    expect(second?.kind).toBe('send_message');
    expect(byId.get(second?.next ?? '')).toMatchObject({ kind: 'update_attribute', key: 'onboarding_stage' });

    await page.getByRole('button', { name: t('journeys.publish'), exact: true }).click();
    await expect(page.getByText(t('journeys.published'))).toBeVisible();
    await expect(page.locator('.journey-status-line')).toContainText(t('journeys.status.live'));

    // At phone width the editor is the outline, still with every step.
    const phone = await openPage('aiko', { viewport: { width: 390, height: 844 } });
    await openEditor(phone, accountId, journeyId, name);
    await expect(phone.locator('.journey-canvas')).toHaveCount(0);
    await expect(phone.getByRole('list', { name: t('journeys.outline') }).locator(':scope > li')).toHaveCount(4);
    await expectNoAxeViolations(phone);
  } finally {
    // Archive what the test made; a failed clean-up must not hide the test's own result.
    await adminApi.send('DELETE', `/accounts/${accountId}/journeys/${journeyId}`).catch(() => undefined);
  }
});

test('a journey that does not reach every step cannot be published, and the step is named on the canvas', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const name = `Orphan check ${Date.now()}`;
  const journey = (await adminApi.send('POST', `/accounts/${accountId}/journeys`, {
    name,
    definition: {
      entry: { kind: 'event', eventName: 'order.placed' },
      start: 'wait-1',
      steps: [
        { id: 'wait-1', kind: 'wait_duration', seconds: 3600, next: null },
        { id: 'webhook-1', kind: 'call_webhook', url: 'https://example.test/hook', next: null },
      ],
      goal: null,
      exitOnEvent: null,
      reentry: 'never',
      priority: 50,
    },
  })) as { id: string };
  try {
    const page = await openPage('aiko');
    await openEditor(page, accountId, journey.id, name);
    // Steps without saved positions are laid out automatically, the unreachable one below the rest.
    const orphan = page.locator('.journey-canvas .react-flow__node', { hasText: t('journeys.kind.call_webhook') });
    await expect(orphan).toContainText(t('journeys.problem.unreachable'));
    await page.getByRole('button', { name: t('journeys.publish'), exact: true }).click();
    await expect(page.getByRole('alert').filter({ hasText: t('journeys.publishBlocked') })).toContainText(t('journeys.problem.unreachable'));

    // Connecting it in the outline fixes it.
    await page.getByRole('button', { name: t('journeys.outline'), exact: true }).click();
    await page.getByRole('combobox', { name: `${t('journeys.kind.wait_duration')}: ${t('journeys.field.goesTo', { handle: t('journeys.handle.next') })}` }).selectOption('webhook-1');
    await expect(page.locator('.journey-outline')).not.toContainText(t('journeys.problem.unreachable'));
    await page.getByRole('button', { name: t('journeys.publish'), exact: true }).click();
    await expect(page.locator('.journey-status-line')).toContainText(t('journeys.status.live'));
  } finally {
    await adminApi.send('DELETE', `/accounts/${accountId}/journeys/${journey.id}`).catch(() => undefined);
  }
});
