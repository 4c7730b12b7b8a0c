/**
 * Screenshots of the inbox (list, conversation with composer) on a desktop and a phone, as Sam (en) and Aiko (ja):
 * `npx tsx e2e/tools/inbox-screenshots.ts [baseUrl] [outDir]`. Needs a running server with the demo workspace.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.ts';

const baseUrl = process.argv[2] ?? 'http://127.0.0.1:3107';
const outDir = process.argv[3] ?? '.ci-out/inbox-screenshots';
mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const viewports = { desktop: { width: 1366, height: 860 }, wide: { width: 1680, height: 900 }, phone: { width: 390, height: 844 } };
const people = { en: 'sam@demo.touchpoint.dev', ja: 'aiko@demo.touchpoint.dev' };

for (const [locale, email] of Object.entries(people)) {
  for (const [device, viewport] of Object.entries(viewports)) {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const response = await page.request.post(`${baseUrl}/api/v1/auth/sign-in`, { data: { email, password: 'touchpoint-demo' } });
    const me = (await response.json()) as { accounts: { id: string; name: string }[] };
    const accountId = me.accounts.find((account) => account.name === 'Sakura Goods')?.id ?? '';
    const list = (await (await page.request.get(`${baseUrl}/api/v1/accounts/${accountId}/conversations?view=all&limit=5`)).json()) as { items: { id: string }[] };
    await page.goto(`${baseUrl}/a/${accountId}/conversations?view=all`);
    await page.waitForSelector('.inbox-row');
    await page.screenshot({ path: join(outDir, `${locale}-${device}-list.png`) });
    await page.goto(`${baseUrl}/a/${accountId}/conversations/${list.items[0]?.id ?? ''}?view=all`);
    await page.waitForSelector('.message');
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(outDir, `${locale}-${device}-conversation.png`) });
    await context.close();
  }
}
await browser.close();
