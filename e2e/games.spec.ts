import { randomUUID } from 'node:crypto';
import { chromium } from '@playwright/test';
import lighthouse from 'lighthouse';
import { findAccountId } from './support/api.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './support/chromium.ts';
import { expect, test } from './support/fixtures.ts';
import { closePromptsWhenShown } from './support/prompts.ts';
import { createTranslator } from './support/ui-text.ts';

/**
 * The order game end to end: the demo admin (who reads Japanese) sets up a game in the console with a coupon prize
 * and publishes it; a customer with three orders opens the portal on a phone, finds the play unlocked, picks a card,
 * sees the coupon code, and opens the verify page, which recomputes the draw in the browser and on the server.
 * Then Lighthouse (mobile) on the public rules page.
 */
const HANDLE = 'sakura';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const t = createTranslator('ja');

test('an admin publishes an order game; a customer with three orders plays it on a phone and verifies the receipt', async ({ openPage, adminApi }) => {
  test.setTimeout(150_000);
  const tag = randomUUID().slice(0, 8);
  const accountId = findAccountId(adminApi.me);
  const gameName = `Mochi Rummy ${tag}`;
  const prizeName = `Free mochi ${tag}`;

  // Arrange what the shop already has: a free-item coupon pool with codes, and a customer with three orders.
  const pool = (await adminApi.send('POST', `/accounts/${accountId}/coupon-pools`, { name: `Mochi ${tag}`, kind: 'free_item', prefix: 'MOCHI' })) as { id: string };
  await adminApi.send('POST', `/accounts/${accountId}/coupon-pools/${pool.id}/codes`, { generate: 10 });
  const contact = (await adminApi.send('POST', `/accounts/${accountId}/contacts`, { name: `Kai ${tag}`, email: `kai-${tag}@e2e.touchpoint.dev`, locale: 'en' })) as { id: string };
  for (let index = 0; index < 3; index += 1) {
    await adminApi.send('POST', `/accounts/${accountId}/orders`, {
      number: `GAME-${tag}-${index}`, contactId: contact.id, currency: 'USD', lines: [{ title: 'Matcha', quantity: 1, unitPriceMinor: 1200 }],
      placedAt: new Date(Date.now() - (index + 1) * 24 * 3600_000).toISOString(),
    });
  }

  // The admin creates the game in the console: one prize (certain to be drawn: "try again" weighs 0), then publishes.
  const adminPage = await openPage('aiko');
  await adminPage.goto(`/a/${accountId}/engagement/games`);
  await expect(adminPage.getByRole('heading', { level: 1, name: t('games.title') })).toBeVisible();
  await adminPage.getByRole('link', { name: t('games.new') }).click();
  await adminPage.getByLabel(t('games.name')).fill(gameName);
  const rows = adminPage.locator('.prize-row');
  await rows.nth(0).getByLabel(t('games.prizeLabel')).fill(prizeName);
  await rows.nth(0).getByLabel(t('games.pool')).selectOption(pool.id);
  await rows.nth(0).getByLabel(t('games.stock')).fill('5');
  await rows.nth(1).getByLabel(t('games.weight')).fill('0');
  await expect(rows.nth(0).locator('.prize-odds strong')).toHaveText('100%');
  await expectNoAxeViolations(adminPage);
  await adminPage.getByRole('button', { name: t('games.create') }).click();
  await expect(adminPage.getByRole('heading', { level: 1, name: gameName })).toBeVisible();
  await adminPage.getByRole('button', { name: t('games.publish') }).click();
  await expect(adminPage.locator('.page-header').getByText(t('games.status.live'))).toBeVisible();
  await expectNoAxeViolations(adminPage);

  // The customer opens the portal on a phone (the admin's one-time "view as this customer" link).
  const link = (await adminApi.send('POST', `/accounts/${accountId}/contacts/${contact.id}/portal-link`)) as { url: string };
  const phone = await openPage(null, PHONE);
  await closePromptsWhenShown(phone);
  const url = new URL(link.url);
  await phone.goto(`${url.pathname}${url.hash}`);
  await phone.getByRole('link', { name: `You unlocked a play in ${gameName}!` }).click();
  await expect(phone.getByRole('heading', { level: 1, name: 'Games' })).toBeVisible();
  const game = phone.getByRole('region', { name: gameName });
  await expect(game.getByTestId('seed-hash')).toHaveText(/^[0-9a-f]{64}$/, { useInnerText: false });
  await expectNoAxeViolations(phone);
  await game.getByRole('button', { name: 'Card 2 of 3' }).click();
  const result = game.getByTestId('game-result');
  await expect(result).toContainText(`You won: ${prizeName}`);
  await expect(result.getByTestId('coupon-code')).toHaveText(/^MOCHI/);
  await expectNoAxeViolations(phone);

  // "Verify this play": the browser recomputes it with WebCrypto, and the server confirms it from its records.
  await result.getByRole('link', { name: 'Verify this play' }).click();
  await expect(phone.getByRole('heading', { level: 1, name: 'Verify a play' })).toBeVisible();
  await expect(phone.locator('#verify-result')).toContainText(`Verified: the seed matches its published hash.`);
  await expect(phone.locator('#verify-result')).toContainText(prizeName);
  await expect(phone.getByTestId('server-check')).toContainText('The server recomputed this play');
  await expectNoAxeViolations(phone);

  // A tampered receipt does not verify.
  const receipt = await phone.getByLabel('Receipt (JSON)').inputValue();
  await phone.getByLabel('Receipt (JSON)').fill(receipt.replace(/"clientSeed": "[0-9a-f]+"/, '"clientSeed": "forged"'));
  await phone.getByRole('button', { name: 'Verify in my browser' }).click();
  await expect(phone.locator('#verify-result')).toContainText('Not verified');

  // The official rules show the odds from the configuration.
  const slug = (await adminApi.get(`/accounts/${accountId}/game-campaigns`) as { campaigns: { name: string; slug: string }[] }).campaigns.find((c) => c.name === gameName)!.slug;
  await phone.goto(`/play/${HANDLE}/${slug}/rules?lang=en`);
  await expect(phone.getByRole('row', { name: new RegExp(`${prizeName} 100%`) })).toBeVisible();
  await expectNoAxeViolations(phone);
});

const DEBUG_PORT = Number(process.env.E2E_PORT ?? 3107) + 1100;

test.describe('game pages Lighthouse budget (mobile)', () => {
  test.describe.configure({ timeout: 180_000 });
  test('the demo game’s rules page scores at least 0.9 for performance and accessibility', async ({ baseURL }) => {
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, `--remote-debugging-port=${DEBUG_PORT}`] });
    try {
      const result = await lighthouse(`${baseURL}/play/${HANDLE}/sakura-rummy/rules?lang=ja`, { port: DEBUG_PORT, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] });
      const categories = result!.lhr.categories;
      const scores = { performance: categories.performance!.score, accessibility: categories.accessibility!.score };
      test.info().annotations.push({ type: 'lighthouse', description: `rules ${JSON.stringify(scores)}` });
      expect(scores.performance).toBeGreaterThanOrEqual(0.9);
      expect(scores.accessibility).toBeGreaterThanOrEqual(0.9);
    } finally {
      await browser.close();
    }
  });
});
