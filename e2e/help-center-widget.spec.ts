import { findAccountId, openApiSession } from './support/api.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { readAuthFile } from './support/demo.ts';
import { expect, test } from './support/fixtures.ts';
import { type ChatHostSite, startChatHostSite } from './support/host-site.ts';

/**
 * The help center inside the chat widget, on a host site of its own origin: search as you type, read an article in the
 * widget, vote, and go on to chat with a person.
 */
const INBOX_NAME = `Help widget chat ${Date.now().toString(36)}`;
let site: ChatHostSite | null = null;

test.afterAll(async () => {
  await site?.close();
});

async function startHostSite(baseURL: string): Promise<string> {
  const admin = await openApiSession(baseURL, readAuthFile('aiko'));
  try {
    site = await startChatHostSite(admin, { baseURL, accountId: findAccountId(admin.me), inboxName: INBOX_NAME });
    return site.url;
  } finally {
    await admin.dispose();
  }
}

test('a visitor on a phone finds an article in the widget, reads it, says it helped, and can still chat with a person', async ({ openPage, baseURL }) => {
  const host = await startHostSite(baseURL ?? '');
  const page = await openPage(null, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'ja-JP' });
  await page.goto(host);
  await page.getByRole('button', { name: 'チャットを開く' }).click();
  const dialog = page.getByRole('dialog', { name: INBOX_NAME });
  await expect(dialog).toBeVisible();

  await dialog.getByRole('tab', { name: 'ヘルプ' }).click();
  await dialog.getByRole('searchbox', { name: 'ヘルプ記事を検索' }).pressSequentially('返金', { delay: 40 });
  await dialog.getByRole('button', { name: /返金はいつ受け取れますか？/ }).click();
  await expect(dialog.getByRole('heading', { name: '返金はいつ受け取れますか？' })).toBeVisible();
  await expect(dialog.getByRole('link', { name: '新しいタブで開く' })).toHaveAttribute('href', `${baseURL}/help/sakura/ja/articles/refund-timing`);
  await expectNoAxeViolations(page);

  await dialog.getByRole('button', { name: 'はい' }).click();
  await expect(dialog.getByText('フィードバックありがとうございました。')).toBeVisible();

  await dialog.getByRole('button', { name: 'チャットで問い合わせる' }).click();
  await expect(dialog.getByRole('tab', { name: 'チャット' })).toHaveAttribute('aria-selected', 'true');
  await expect(dialog.getByRole('textbox', { name: /お名前|メッセージ/ }).first()).toBeVisible();
});
