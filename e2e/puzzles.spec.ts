import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHmac, randomUUID } from 'node:crypto';
import { chromium, type Page } from '@playwright/test';
import lighthouse from 'lighthouse';
import { findAccountId, type ApiSession } from './support/api.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './support/chromium.ts';
import { DEMO_USERS } from './support/demo.ts';
import { expect, test } from './support/fixtures.ts';
import { startChatHostSite } from './support/host-site.ts';
import { closePromptsWhenShown } from './support/prompts.ts';
import { createTranslator } from './support/ui-text.ts';

/**
 * The daily puzzle end to end: the admin sets today's puzzle in the console (picture, pieces, a coupon pool, the deal
 * text); a customer on a phone opens the portal, solves it with real touch drags (Chromium touch events, so the page
 * gets pointer events of type touch) and one keyboard swap, and the server's answer reveals the coupon code. Then
 * Lighthouse's mobile profile scores the puzzle page for a signed-in customer.
 */

const HANDLE = 'sakura';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const t = createTranslator(DEMO_USERS.aiko.locale);
/** A real 6×4 PNG (wider than tall), so the console's square crop has something to do. */
const WIDE_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAYAAAAECAIAAAAiZtkUAAAAOklEQVR4nBXKQRHAMAwEsYNjEAYROIJjEAYRWE33qdkkKk6IiRtJq3aaNu32I4rjb7jvzqp1ljXrrg+okR0R52djAgAAAABJRU5ErkJggg==', 'base64');

/** A new customer and a one-time portal link for them (the console's "View the portal as this customer"). */
async function newCustomerLink(adminApi: ApiSession, accountId: string, tag: string) {
  const contact = (await adminApi.send('POST', `/accounts/${accountId}/contacts`, { name: `Puzzler ${tag}`, email: `puzzler-${tag}@e2e.touchpoint.dev`, locale: 'en' })) as { id: string };
  const { url } = (await adminApi.send('POST', `/accounts/${accountId}/contacts/${contact.id}/portal-link`)) as { url: string };
  const link = new URL(url, 'http://x');
  return { contactId: contact.id, path: `${link.pathname}${link.hash}`, token: /#token=([\w-]+)/.exec(link.hash)![1]! };
}

/** The board as the page labels it: for each slot, the slot the piece in it belongs to. */
async function readBoard(page: Page, size: number) {
  const labels = await page.locator('.puzzle-piece').evaluateAll((pieces) => pieces.map((piece) => piece.getAttribute('aria-label') ?? ''));
  return labels.map((label) => {
    const [, row, col] = /piece of row (\d+), column (\d+)/.exec(label)!;
    return (Number(row) - 1) * size + Number(col) - 1;
  });
}

/** Drags one piece onto another slot with touch: start, a few moves, end (Chromium turns these into pointer events). */
async function touchDrag(page: Page, from: number, to: number) {
  const pieces = page.locator('.puzzle-piece');
  const a = (await pieces.nth(from).boundingBox())!;
  const b = (await pieces.nth(to).boundingBox())!;
  const start = { x: a.x + a.width / 2, y: a.y + a.height / 2 };
  const end = { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [start] });
  for (let step = 1; step <= 5; step++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: start.x + ((end.x - start.x) * step) / 5, y: start.y + ((end.y - start.y) * step) / 5 }] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

test('an admin sets today’s puzzle and a customer on a phone solves it by touch and keyboard and gets the coupon', async ({ openPage, adminApi }) => {
  test.setTimeout(120_000);
  const tag = randomUUID().slice(0, 8);
  const accountId = findAccountId(adminApi.me);
  const pool = (await adminApi.send('POST', `/accounts/${accountId}/coupon-pools`, { name: `Puzzle e2e ${tag}`, kind: 'percent', value: 25, prefix: 'PUZE2E-' })) as { id: string };
  await adminApi.send('POST', `/accounts/${accountId}/coupon-pools/${pool.id}/codes`, { generate: 5 });

  // The admin schedules today's puzzle in the console.
  const admin = await openPage('aiko');
  await admin.goto(`/a/${accountId}/engagement/puzzles`);
  await expect(admin.getByRole('heading', { level: 1, name: t('puzzles.title') })).toBeVisible();
  await admin.locator('tr.puzzle-today').getByRole('link').click();
  await expect(admin.locator('.puzzle-cut')).toBeVisible();
  // An upload is cropped to a square JPEG in the browser and stored; then the admin settles on a built-in picture.
  await admin.getByLabel(t('puzzles.upload'), { exact: true }).setInputFiles({ name: 'wide.png', mimeType: 'image/png', buffer: WIDE_PNG });
  await expect(admin.getByRole('radio', { name: t('puzzles.uploaded') })).toBeChecked();
  await expect(admin.locator('.puzzle-cut-board')).toHaveAttribute('style', /puzzle-images\/[0-9a-f-]{36}/);
  await admin.getByRole('radio', { name: t('puzzles.builtin.city') }).check();
  await admin.getByLabel(t('puzzles.gridSize')).selectOption('3');
  await admin.getByRole('radio', { name: t('puzzles.dealKindCoupon') }).check();
  await admin.getByLabel(t('puzzles.pool'), { exact: true }).selectOption({ label: t('puzzles.poolStock', { name: `Puzzle e2e ${tag}`, available: 5 }) });
  await admin.getByLabel(t('puzzles.lang.en'), { exact: true }).fill(`25% off today only ${tag}`);
  await admin.getByLabel(t('puzzles.lang.ja'), { exact: true }).fill(`本日限定25%オフ ${tag}`);
  await admin.getByLabel(t('puzzles.lang.zh'), { exact: true }).fill('');
  await expect(admin.locator('.puzzle-cut-cell')).toHaveCount(9);
  await expectNoAxeViolations(admin);
  await admin.getByRole('button', { name: t('common.save') }).click();
  await expect(admin.getByRole('status').filter({ hasText: t('common.saved') })).toBeVisible();

  // A customer on a phone: the home card, then the puzzle.
  const customer = await newCustomerLink(adminApi, accountId, tag);
  const page = await openPage(null, PHONE);
  await closePromptsWhenShown(page);
  await page.goto(customer.path);
  await page.getByRole('link', { name: /Today’s puzzle/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Today’s puzzle' })).toBeVisible();
  await page.getByRole('button', { name: 'Start the puzzle' }).click();
  await expect(page.locator('.puzzle-piece')).toHaveCount(9);
  await expect(page.getByRole('timer')).toBeVisible();
  await expectNoAxeViolations(page);

  // Touch drags put pieces home one by one, leaving the last swap for the keyboard.
  for (;;) {
    const board = await readBoard(page, 3);
    const misplaced = board.map((piece, slot) => (piece === slot ? -1 : slot)).filter((slot) => slot >= 0);
    if (misplaced.length === 2) break;
    const slot = misplaced[0]!;
    const moves = Number(await page.locator('.puzzle-status strong').nth(1).textContent());
    await touchDrag(page, board.indexOf(slot), slot);
    await expect(page.locator('.puzzle-status strong').nth(1)).toHaveText(String(moves + 1));
  }
  const [a, b] = (await readBoard(page, 3)).map((piece, slot) => (piece === slot ? -1 : slot)).filter((slot) => slot >= 0) as [number, number];
  await page.locator('.puzzle-piece').nth(a).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.puzzle-piece').nth(a)).toHaveAttribute('aria-pressed', 'true');
  for (let i = 0; i < Math.floor(b / 3) - Math.floor(a / 3); i++) await page.keyboard.press('ArrowDown');
  for (let i = 0; i < Math.abs((b % 3) - (a % 3)); i++) await page.keyboard.press(b % 3 > a % 3 ? 'ArrowRight' : 'ArrowLeft');
  await page.keyboard.press('Enter');

  // The server verified the moves: the deal is revealed.
  await expect(page.getByRole('heading', { name: 'Solved!' })).toBeVisible();
  await expect(page.getByText(`25% off today only ${tag}`)).toBeVisible();
  await expect(page.getByTestId('puzzle-code')).toHaveText(/^PUZE2E-/);
  await expect(page.getByText('25% off', { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.client);

  // The code is the contact's, and the day's results count the solve.
  const code = await page.getByTestId('puzzle-code').textContent();
  const check = (await adminApi.send('POST', `/accounts/${accountId}/coupons/validate`, { code, totalMinor: 5000, currency: 'JPY' })) as { valid: boolean };
  expect(check.valid).toBe(true);
  await admin.reload();
  await expect(admin.locator('.puzzle-stats')).toContainText(t('puzzles.stat.solvers'));
});

test('a shopper the host site verified opens today’s puzzle from the chat widget, signed in', async ({ openPage, adminApi, baseURL }) => {
  const tag = randomUUID().slice(0, 8);
  const secret = `puzzle-e2e-${randomUUID()}`;
  const accountId = findAccountId(adminApi.me);
  const userId = `puzzle-user-${tag}`;
  const site = await startChatHostSite(adminApi, {
    baseURL: baseURL!, accountId, inboxName: `Puzzle chat ${tag}`, secrets: { identitySecret: secret },
    initOptions: { userId, userHash: createHmac('sha256', secret).update(userId).digest('hex'), name: `Mio ${tag}`, email: `mio-${tag}@e2e.touchpoint.dev` },
  });
  try {
    const page = await openPage(null, PHONE);
    await closePromptsWhenShown(page);
    await page.goto(site.url);
    await page.getByRole('button', { name: /^Open chat/ }).click();
    const opening = page.context().waitForEvent('page');
    await page.getByRole('dialog', { name: `Puzzle chat ${tag}` }).getByRole('button', { name: 'Today’s puzzle' }).click();
    const portal = await opening;
    await expect(portal.getByRole('heading', { level: 1, name: 'Today’s puzzle' })).toBeVisible();
    expect(portal.url()).toBe(`${baseURL}/portal/${HANDLE}/puzzle`);
    await expect(portal.getByRole('button', { name: 'Start the puzzle' })).toBeVisible();
  } finally {
    await site.close();
  }
});

test('the puzzle page scores at least 0.9 for mobile performance and accessibility in Lighthouse', async ({ baseURL, adminApi }) => {
  test.setTimeout(180_000);
  const accountId = findAccountId(adminApi.me);
  const customer = await newCustomerLink(adminApi, accountId, randomUUID().slice(0, 8));
  const debugPort = Number(process.env.E2E_PORT ?? 3107) + 1100;
  const profile = mkdtempSync(join(tmpdir(), 'puzzle-lighthouse-'));
  // The default (persistent) context is the one Lighthouse drives: the customer signs in there through the API only,
  // so the browser holds the session cookie and no cached page or asset.
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, `--remote-debugging-port=${debugPort}`], baseURL });
  try {
    const redeemed = await context.request.post(`/api/portal/${HANDLE}/auth/redeem`, { data: { token: customer.token } });
    expect(redeemed.ok()).toBe(true);
    const result = await lighthouse(`${baseURL}/portal/${HANDLE}/puzzle`, { port: debugPort, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'], disableStorageReset: true });
    const categories = result!.lhr.categories;
    const scores = { performance: categories.performance!.score, accessibility: categories.accessibility!.score };
    const failing = Object.values(result!.lhr.audits).filter((audit) => audit.score !== null && audit.score < 0.9 && audit.scoreDisplayMode !== 'informative').map((audit) => `${audit.id}: ${audit.displayValue ?? audit.score}`);
    test.info().annotations.push({ type: 'lighthouse', description: `/portal/${HANDLE}/puzzle ${JSON.stringify(scores)}` });
    expect(result!.lhr.finalDisplayedUrl).toContain('/puzzle');
    // What Lighthouse measured is the signed-in puzzle page: today's puzzle was fetched with the session.
    const requests = (result!.lhr.audits['network-requests']?.details as { items?: { url: string; statusCode: number }[] } | undefined)?.items ?? [];
    expect(requests.find((request) => request.url.includes('/puzzle/today'))?.statusCode).toBe(200);
    expect(scores.performance, `performance ${scores.performance}; weak audits: ${failing.join(', ')}`).toBeGreaterThanOrEqual(0.9);
    expect(scores.accessibility, `accessibility ${scores.accessibility}; weak audits: ${failing.join(', ')}`).toBeGreaterThanOrEqual(0.9);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
