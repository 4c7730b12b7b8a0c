/**
 * Screenshots of every console page for a visual check, in en/ja/zh on a desktop and a phone:
 * `npx tsx e2e/tools/take-screenshots.ts [baseUrl] [outDir]` (SCREENSHOT_ONLY=en-desktop,ja-phone to narrow it).
 * Needs a running server with the demo workspace. It sets the demo admin's language, so run it against a
 * throwaway data dir, not during an e2e run.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.ts';

const baseUrl = process.argv[2] ?? 'http://127.0.0.1:3107';
const outDir = process.argv[3] ?? '.ci-out/screenshots';
const email = process.env.SCREENSHOT_EMAIL ?? 'aiko@demo.touchpoint.dev';
const only = process.env.SCREENSHOT_ONLY ? process.env.SCREENSHOT_ONLY.split(',') : null;
mkdirSync(outDir, { recursive: true });

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });

interface SignedIn {
  csrfToken: string;
  accounts: { id: string }[];
}

const viewports = { desktop: { width: 1366, height: 900 }, phone: { width: 390, height: 844 } };

async function signIn(context: BrowserContext, locale: string) {
  const page = await context.newPage();
  const response = await page.request.post(`${baseUrl}/api/v1/auth/sign-in`, { data: { email, password: 'touchpoint-demo' } });
  const me = (await response.json()) as SignedIn;
  await page.request.patch(`${baseUrl}/api/v1/me`, { data: { locale }, headers: { 'x-csrf-token': me.csrfToken } });
  return { page, me };
}

for (const locale of ['en', 'ja', 'zh']) {
  for (const [device, viewport] of Object.entries(viewports)) {
    if (only && !only.includes(`${locale}-${device}`)) continue;
    const context = await browser.newContext({ viewport, locale: locale === 'zh' ? 'zh-CN' : locale, deviceScaleFactor: 1 });
    // The sign-in page first, before any session exists.
    const anonymous = await context.newPage();
    await anonymous.goto(`${baseUrl}/sign-in`);
    await anonymous.waitForSelector('h1');
    await anonymous.screenshot({ path: join(outDir, `${locale}-${device}-sign-in.png`), fullPage: true });
    await anonymous.close();

    const { page, me } = await signIn(context, locale);
    const accountId = me.accounts[0]?.id ?? '';
    const conversations = (await (await page.request.get(`${baseUrl}/api/v1/accounts/${accountId}/conversations?limit=5`)).json()) as { items: { id: string }[] };
    const contacts = (await (await page.request.get(`${baseUrl}/api/v1/accounts/${accountId}/contacts?limit=5`)).json()) as { items: { id: string }[] };
    const pages: [string, string][] = [
      ['home', `/a/${accountId}`],
      ['conversations', `/a/${accountId}/conversations`],
      ['conversation', `/a/${accountId}/conversations/${conversations.items[1]?.id ?? ''}`],
      ['contacts', `/a/${accountId}/contacts`],
      ['contact', `/a/${accountId}/contacts/${contacts.items[0]?.id ?? ''}`],
      ['profile', `/a/${accountId}/settings/profile`],
      ['members', `/a/${accountId}/settings/members`],
      ['roles', `/a/${accountId}/settings/roles`],
      ['inboxes', `/a/${accountId}/settings/inboxes`],
      ['api-keys', `/a/${accountId}/settings/api-keys`],
      ['audit-log', `/a/${accountId}/settings/audit-log`],
      ['purpose', `/a/${accountId}/settings/purpose`],
    ];
    for (const [name, path] of pages) {
      await page.goto(baseUrl + path);
      await page.waitForSelector('[data-page-heading]');
      await page.waitForLoadState('networkidle').catch(() => undefined);
      await page.waitForTimeout(150);
      await page.screenshot({ path: join(outDir, `${locale}-${device}-${name}.png`), fullPage: true });
    }
    if (device === 'phone') {
      await page.goto(`${baseUrl}/a/${accountId}`);
      await page.locator('.menu-button').click();
      await page.waitForTimeout(100);
      await page.screenshot({ path: join(outDir, `${locale}-${device}-menu-open.png`) });
    }
    await context.close();
  }
}
await browser.close();
console.log(`screenshots in ${outDir}`);
