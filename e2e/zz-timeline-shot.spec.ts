import { findAccountId } from './support/api.ts';
import { expect, test } from './support/fixtures.ts';

test('screenshot of a demo contact page', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  for (const q of ['meiling.wang', 'emma.johnson']) {
    const found = (await adminApi.get(`/accounts/${accountId}/contacts?q=${q}`)) as { items: { id: string }[] };
    const page = await openPage('aiko', { viewport: { width: 1280, height: 900 } });
    await page.goto(`/a/${accountId}/contacts/${found.items[0]!.id}`);
    await expect(page.getByRole('list', { name: 'タイムライン（新しい順）' }).getByRole('listitem').first()).toBeVisible();
    await page.getByRole('heading', { name: 'タイムライン', exact: true }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `/tmp/timeline-contact-${q}.png`, fullPage: true });
    const api = await adminApi.get(`/accounts/${accountId}/contacts/${found.items[0]!.id}/timeline?limit=200`);
    console.log(JSON.stringify((api as { items: { kind: string; name?: string; summary: string }[] }).items.map((i) => `${i.kind} ${i.name ?? ''} | ${i.summary}`), null, 1));
  }
});
