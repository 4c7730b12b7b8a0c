import { test as base, expect, type BrowserContextOptions, type Page } from '@playwright/test';
import { openApiSession, type ApiSession } from './api.ts';
import { readAuthFile, type DemoUserKey } from './demo.ts';

/** A signed-in state as returned by `APIRequestContext.storageState()`. */
type StorageState = Exclude<BrowserContextOptions['storageState'], string | undefined>;

export interface Fixtures {
  /** Opens a page in a fresh browser context (what axe wants), signed in as a demo user or with a given state. */
  openPage(who: DemoUserKey | StorageState | null, options?: BrowserContextOptions): Promise<Page>;
  /** The demo admin's API session, for arranging data and cleaning up. */
  adminApi: ApiSession;
}

export const test = base.extend<Fixtures>({
  openPage: async ({ browser, baseURL }, use) => {
    const contexts: Awaited<ReturnType<typeof browser.newContext>>[] = [];
    await use(async (who, options = {}) => {
      const storageState = who === null ? undefined : typeof who === 'string' ? readAuthFile(who) : who;
      const context = await browser.newContext({ baseURL, locale: 'en-US', viewport: { width: 1280, height: 860 }, storageState, ...options });
      contexts.push(context);
      return context.newPage();
    });
    for (const context of contexts) await context.close();
  },
  adminApi: async ({ baseURL }, use) => {
    const session = await openApiSession(baseURL ?? '', readAuthFile('aiko'));
    await use(session);
    await session.dispose();
  },
});

export { expect };
