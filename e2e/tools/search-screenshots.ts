/**
 * Screenshots of the search box and the search page on a desktop and a phone, as Sam (en) and Aiko (ja):
 * `npx tsx e2e/tools/search-screenshots.ts [baseUrl] [outDir]`. Needs a running server with the demo workspace.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.ts';

const baseUrl = process.argv[2] ?? 'http://127.0.0.1:3107';
const outDir = process.argv[3] ?? '.ci-out/search-screenshots';
mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const viewports = { desktop: { width: 1366, height: 860 }, phone: { width: 390, height: 844 } };
const people = { en: { email: 'sam@demo.touchpoint.dev', query: 'noah' }, ja: { email: 'aiko@demo.touchpoint.dev', query: '返品' } };

for (const [locale, person] of Object.entries(people)) {
  for (const [device, viewport] of Object.entries(viewports)) {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const response = await page.request.post(`${baseUrl}/api/v1/auth/sign-in`, { data: { email: person.email, password: 'touchpoint-demo' } });
    const me = (await response.json()) as { accounts: { id: string; name: string }[] };
    const accountId = me.accounts.find((account) => account.name === 'Sakura Goods')?.id ?? '';

    await page.goto(`${baseUrl}/a/${accountId}`);
    await page.locator('h1').waitFor();
    await page.screenshot({ path: join(outDir, `${locale}-${device}-idle.png`) });
    await page.keyboard.press('/');
    await page.keyboard.type(person.query);
    await page.screenshot({ path: join(outDir, `${locale}-${device}-box.png`) });
    await page.keyboard.press('Enter');
    await page.locator('.search-section, .empty-state').first().waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(outDir, `${locale}-${device}-results.png`), fullPage: true });

    await page.goto(`${baseUrl}/a/${accountId}/search?q=${encodeURIComponent('zzqx')}`);
    await page.locator('.empty-state').waitFor();
    await page.screenshot({ path: join(outDir, `${locale}-${device}-empty.png`) });
    await context.close();
  }
}
await browser.close();
