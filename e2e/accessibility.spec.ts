import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { findAccountId, type ApiSession } from './support/api.ts';
import type { DemoUserKey } from './support/demo.ts';
import { expect, test } from './support/fixtures.ts';

/** WCAG 2.1 A/AA plus axe's best practices (landmarks, heading order, one main, skip link target…). */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

const VIEWPORTS = {
  desktop: { width: 1280, height: 860 },
  phone: { width: 390, height: 844 },
} as const;

interface PageCase {
  name: string;
  who: DemoUserKey | null;
  /** Path to open, worked out from the demo data. */
  path(data: DemoData): string;
  /** Optional interaction before the scan (open a menu, reveal a secret…). */
  prepare?(page: Page): Promise<void>;
  /** Undo what `prepare` created, after the scan. */
  cleanUp?(page: Page): Promise<void>;
}

interface DemoData {
  accountId: string;
  conversationId: string;
  contactId: string;
  invitationPath: string;
  /** An API-channel inbox, connected, for the channel settings page. */
  apiInboxId: string;
  storeInboxId: string;
}

const AXE_API_INBOX = 'Partner app (accessibility check)';

/** One connected API inbox shared by both viewports (found again by name, so reruns add no more). */
async function ensureConnectedApiInbox(adminApi: ApiSession, accountId: string): Promise<string> {
  const inboxes = (await adminApi.get(`/accounts/${accountId}/inboxes`)) as { id: string; name: string }[];
  const inbox = inboxes.find((candidate) => candidate.name === AXE_API_INBOX)
    ?? ((await adminApi.send('POST', `/accounts/${accountId}/inboxes`, { name: AXE_API_INBOX, channel: 'api' })) as { id: string });
  const response = await adminApi.request.put(`/api/v1/accounts/${accountId}/inboxes/${inbox.id}/channel`, {
    data: { config: { outboundUrl: 'https://partner.example/touchpoint' }, secrets: { signingSecret: 'axe-check-secret' } },
    headers: { 'x-csrf-token': adminApi.me.csrfToken },
  });
  if (!response.ok()) throw new Error(`connecting the API inbox answered ${response.status()}: ${await response.text()}`);
  return inbox.id;
}

const PAGES: PageCase[] = [
  { name: 'sign-in', who: null, path: () => '/sign-in' },
  { name: 'accept-invitation', who: null, path: (data) => data.invitationPath },
  { name: 'home', who: 'aiko', path: (data) => `/a/${data.accountId}` },
  { name: 'home (agent, English)', who: 'sam', path: (data) => `/a/${data.accountId}` },
  { name: 'conversations', who: 'aiko', path: (data) => `/a/${data.accountId}/conversations` },
  { name: 'conversation', who: 'aiko', path: (data) => `/a/${data.accountId}/conversations/${data.conversationId}` },
  { name: 'contacts', who: 'aiko', path: (data) => `/a/${data.accountId}/contacts` },
  { name: 'contact', who: 'aiko', path: (data) => `/a/${data.accountId}/contacts/${data.contactId}` },
  { name: 'search results', who: 'sam', path: (data) => `/a/${data.accountId}/search?q=Noah` },
  { name: 'search results in Japanese', who: 'aiko', path: (data) => `/a/${data.accountId}/search?q=${encodeURIComponent('返品')}` },
  { name: 'search with no results', who: 'sam', path: (data) => `/a/${data.accountId}/search?q=qqzzxxv` },
  { name: 'profile', who: 'aiko', path: (data) => `/a/${data.accountId}/settings/profile` },
  { name: 'agents & invitations', who: 'aiko', path: (data) => `/a/${data.accountId}/settings/members` },
  { name: 'roles', who: 'aiko', path: (data) => `/a/${data.accountId}/settings/roles` },
  { name: 'inboxes', who: 'aiko', path: (data) => `/a/${data.accountId}/settings/inboxes` },
  { name: 'inbox channel (connected, with a field error)', who: 'aiko', path: (data) => `/a/${data.accountId}/settings/inboxes/${data.apiInboxId}`,
    async prepare(page) {
      // The secret set, a secret being replaced, and a field error: every state of the form at once.
      await page.locator('.channel-secret button').first().click();
      await page.locator('.channel-form input[type="url"]').fill('not a url');
      await page.locator('.channel-form button[type="submit"]').click();
      await page.locator('.channel-form .field-error').first().waitFor();
    },
  },
  { name: 'inbox channel (in store, nothing to connect)', who: 'aiko', path: (data) => `/a/${data.accountId}/settings/inboxes/${data.storeInboxId}` },
  {
    name: 'API keys with a new key shown',
    who: 'aiko',
    path: (data) => `/a/${data.accountId}/settings/api-keys`,
    async prepare(page) {
      await page.locator('main form input').first().fill(`axe check ${page.viewportSize()?.width}`);
      await page.locator('main form button[type="submit"]').click();
      await page.locator('.reveal').waitFor();
    },
    async cleanUp(page) {
      // Leave no live key behind.
      const row = page.getByRole('row').filter({ hasText: `axe check ${page.viewportSize()?.width}` });
      await row.getByRole('button').click();
      await row.locator('.button-danger').click();
      await expect(row).toHaveCount(0);
    },
  },
  { name: 'audit log', who: 'aiko', path: (data) => `/a/${data.accountId}/settings/audit-log` },
  { name: 'purpose statement (admin)', who: 'aiko', path: (data) => `/a/${data.accountId}/settings/purpose` },
  { name: 'purpose statement (agent)', who: 'li', path: (data) => `/a/${data.accountId}/settings/purpose` },
  { name: 'admin-only page seen by an agent', who: 'sam', path: (data) => `/a/${data.accountId}/settings/audit-log` },
  // Commerce: returns queue, store mode, return policy (admin and read-only agent), Shopify connection.
  { name: 'returns queue', who: 'sam', path: (data) => `/a/${data.accountId}/returns` },
  { name: 'store mode', who: 'sam', path: (data) => `/a/${data.accountId}/store` },
  { name: 'return policy (admin)', who: 'aiko', path: (data) => `/a/${data.accountId}/settings/return-policy` },
  { name: 'return policy (agent, read-only)', who: 'li', path: (data) => `/a/${data.accountId}/settings/return-policy` },
  { name: 'Shopify connection', who: 'aiko', path: (data) => `/a/${data.accountId}/settings/shopify` },
];

async function loadDemoData(adminApi: ApiSession): Promise<DemoData> {
  const accountId = findAccountId(adminApi.me);
  const conversations = (await adminApi.get(`/accounts/${accountId}/conversations?limit=5`)) as { items: { id: string }[] };
  const contacts = (await adminApi.get(`/accounts/${accountId}/contacts?q=Emma`)) as { items: { id: string }[] };
  const invitation = (await adminApi.send('POST', `/accounts/${accountId}/invitations`, {
    email: `axe-${Date.now()}@e2e.touchpoint.dev`,
    role: 'agent',
    inboxIds: [],
  })) as { url: string };
  const inboxes = (await adminApi.get(`/accounts/${accountId}/inboxes`)) as { id: string; channel: string }[];
  return {
    accountId,
    apiInboxId: await ensureConnectedApiInbox(adminApi, accountId),
    storeInboxId: inboxes.find((inbox) => inbox.channel === 'in_store')?.id ?? '',
    conversationId: conversations.items[0]?.id ?? '',
    contactId: contacts.items[0]?.id ?? '',
    invitationPath: new URL(invitation.url).pathname,
  };
}

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const summary = results.violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact,
    help: violation.help,
    nodes: violation.nodes.slice(0, 5).map((node) => `${node.target.join(' ')} — ${node.failureSummary?.split('\n').slice(1, 3).join(' ')}`),
  }));
  expect(summary, JSON.stringify(summary, null, 2)).toEqual([]);
}

for (const [device, viewport] of Object.entries(VIEWPORTS)) {
  test.describe(`on a ${device}`, () => {
    let data: DemoData;
    test.beforeAll(async ({ adminApi }) => {
      data = await loadDemoData(adminApi);
    });

    for (const pageCase of PAGES) {
      test(`the ${pageCase.name} page passes axe`, async ({ openPage }) => {
        const page = await openPage(pageCase.who, { viewport });
        await page.goto(pageCase.path(data));
        await expect(page.locator('h1')).toBeVisible();
        await expect(page.locator('.loading-state')).toHaveCount(0);
        await pageCase.prepare?.(page);
        await expectNoAxeViolations(page);
        await pageCase.cleanUp?.(page);
      });
    }

    if (device === 'phone') {
      test('the open phone menu passes axe and the bottom navigation is shown', async ({ openPage }) => {
        const page = await openPage('aiko', { viewport });
        await page.goto(`/a/${data.accountId}`);
        const nav = page.locator('nav.main-nav');
        await expect(nav).toBeVisible();
        const box = await nav.boundingBox();
        expect((box?.y ?? 0) + (box?.height ?? 0)).toBeGreaterThan(viewport.height - 4);
        const menuButton = page.locator('.menu-button');
        await menuButton.click();
        await expect(menuButton).toHaveAttribute('aria-expanded', 'true');
        await expect(page.locator('#shell-menu-account select')).toBeVisible();
        await expectNoAxeViolations(page);
      });
    }
  });
}

test('the skip link is the first stop and moves focus to the main content', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const page = await openPage('sam');
  await page.goto(`/a/${accountId}`);
  await expect(page.locator('h1')).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.locator('.skip-link');
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
});
