import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './e2e/support/chromium.ts';
const base = 'http://127.0.0.1:3121';
const [, , who, path, out, width, height] = process.argv;
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const context = await browser.newContext({ baseURL: base, viewport: { width: Number(width ?? 1280), height: Number(height ?? 860) }, locale: 'en-US' });
const res = await context.request.post('/api/v1/auth/sign-in', { data: { email: `${who}@demo.touchpoint.dev`, password: 'touchpoint-demo' } });
const me = await (await context.request.get('/api/v1/me')).json();
const accountId = me.accounts[0].id;
const page = await context.newPage();
let target = path!.replace('ACC', accountId);
const m = /CONTACT:(\w+)/.exec(target);
if (m) {
  const list = await (await context.request.get(`/api/v1/accounts/${accountId}/contacts?q=${m[1]}`)).json();
  target = target.replace(m[0], list.items[0].id);
}
await page.goto(target);
if (process.env.TYPE) { await page.getByRole('searchbox').first().fill(process.env.TYPE); await page.keyboard.press('Enter'); }
if (process.env.CLICK) { await page.getByRole('button', { name: process.env.CLICK }).first().click(); }
await page.waitForTimeout(2500);
await page.screenshot({ path: out!, fullPage: true });
console.log(res.status(), accountId, page.url());
await browser.close();
