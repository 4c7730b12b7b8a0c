import { chromium } from '@playwright/test';
import lighthouse from 'lighthouse';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './support/chromium.ts';
import { expect, test } from './support/fixtures.ts';

/**
 * Lighthouse on Lighthouse's default mobile profile (Moto G–sized screen, simulated slow 4G and a 4× slower CPU)
 * against the e2e server: the public help center must score ≥ 0.9 for performance and for accessibility. Chromium is
 * Debian's, started here with a debugging port Lighthouse drives (the port is offset from E2E_PORT so parallel
 * suites on one machine do not collide).
 */
const DEBUG_PORT = Number(process.env.E2E_PORT ?? 3107) + 1000;
const PAGES = [
  { name: 'help home', path: '/help/sakura/en' },
  { name: 'article', path: '/help/sakura/ja/articles/delivery-times-and-costs' },
];

test.describe('help center Lighthouse budget (mobile)', () => {
  test.describe.configure({ mode: 'serial', timeout: 180_000 });

  for (const page of PAGES) {
    test(`the ${page.name} scores at least 0.9 for performance and accessibility`, async ({ baseURL }) => {
      const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, `--remote-debugging-port=${DEBUG_PORT}`] });
      try {
        const result = await lighthouse(`${baseURL}${page.path}`, { port: DEBUG_PORT, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] });
        const categories = result!.lhr.categories;
        const scores = { performance: categories.performance!.score, accessibility: categories.accessibility!.score };
        const failing = Object.values(result!.lhr.audits).filter((audit) => audit.score !== null && audit.score < 0.9 && audit.scoreDisplayMode !== 'informative').map((audit) => `${audit.id}: ${audit.displayValue ?? audit.score}`);
        test.info().annotations.push({ type: 'lighthouse', description: `${page.path} ${JSON.stringify(scores)}` });
        expect(scores.performance, `performance ${scores.performance}; weak audits: ${failing.join(', ')}`).toBeGreaterThanOrEqual(0.9);
        expect(scores.accessibility, `accessibility ${scores.accessibility}; weak audits: ${failing.join(', ')}`).toBeGreaterThanOrEqual(0.9);
      } finally {
        await browser.close();
      }
    });
  }
});
