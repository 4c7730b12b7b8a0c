import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { findAccountId } from './support/api.ts';
import { expect, test } from './support/fixtures.ts';
import { createConversation, inboxUrl } from './support/inbox.ts';
import { createTranslator } from './support/ui-text.ts';

const t = createTranslator('en');
const ja = createTranslator('ja');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const summary = results.violations.map((violation) => ({
    rule: violation.id,
    nodes: violation.nodes.slice(0, 5).map((node) => `${node.target.join(' ')} — ${node.failureSummary ?? ''}`),
  }));
  expect(summary, JSON.stringify(summary, null, 2)).toEqual([]);
}

/** A real 2×2 red PNG, so the browser can decode the thumbnail. */
function makePng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0);
  header.writeUInt32BE(2, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = [0, 255, 0, 0, 255, 0, 0];
  const pixels = deflateSync(Buffer.from([...row, ...row]));
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

test('an agent attaches a photo and a Japanese-named file to a reply, sees them in the thread and downloads the file', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const conversation = await createConversation(adminApi, { body: 'The vase arrived cracked.' });
  const page = await openPage('sam');
  await page.goto(inboxUrl(accountId, conversation.id));
  await expect(page.getByRole('heading', { level: 2, name: conversation.subject })).toBeVisible();

  const fileName = '返品ラベル.txt';
  await page.getByLabel(t('inbox.attachFiles')).setInputFiles([
    { name: 'crack.png', mimeType: 'image/png', buffer: makePng() },
    { name: fileName, mimeType: 'text/plain', buffer: Buffer.from('返品番号: R-1001') },
  ]);
  const chips = page.getByRole('list', { name: t('inbox.attachments') });
  await expect(chips.getByRole('listitem')).toHaveCount(2);
  await expect(chips.getByText(fileName)).toBeVisible();
  await expect(chips.locator('progress')).toHaveCount(0);
  await expectNoAxeViolations(page);

  await page.getByLabel(t('inbox.replyLabel')).fill('Sorry! Here is a return label.');
  await page.getByRole('button', { name: t('inbox.send'), exact: true }).click();

  const message = page.locator('.message-outbound').filter({ hasText: 'Here is a return label.' });
  await expect(message).toBeVisible();
  await expect(chips).toHaveCount(0);
  const thumbnail = message.getByRole('img', { name: 'crack.png' });
  await expect(thumbnail).toBeVisible();
  await expect.poll(() => thumbnail.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(2);
  await expect(message.getByRole('link', { name: t('conversation.openImage', { name: 'crack.png' }) })).toHaveAttribute('target', '_blank');

  const [download] = await Promise.all([page.waitForEvent('download'), message.getByRole('link', { name: fileName }).click()]);
  expect(download.suggestedFilename()).toBe(fileName);
  expect(readFileSync(await download.path(), 'utf8')).toBe('返品番号: R-1001');
});

test('on a phone, a dropped file goes into a note on its own, and a file over the limit is refused in the reader’s language', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const conversation = await createConversation(adminApi, { body: 'Can you check the invoice?' });
  // Aiko reads Japanese.
  const page = await openPage('aiko', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await page.goto(inboxUrl(accountId, conversation.id));
  await expect(page.getByRole('heading', { level: 2, name: conversation.subject })).toBeVisible();
  await page.getByRole('tab', { name: ja('inbox.note') }).click();

  const tooLarge = 25 * 1024 * 1024 + 1;
  await page.getByLabel(ja('inbox.attachFiles')).setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(tooLarge) });
  await expect(page.getByRole('alert').filter({ hasText: ja('inbox.fileTooLarge', { name: 'scan.pdf', size: '25 MB' }) })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: ja('inbox.removeAttachment', { name: 'scan.pdf' }) }).click();
  await expect(page.getByRole('list', { name: ja('inbox.attachments') })).toHaveCount(0);

  const dropped = await page.evaluateHandle(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(['請求書 #42'], '請求書.txt', { type: 'text/plain' }));
    return transfer;
  });
  await page.locator('.composer').dispatchEvent('drop', { dataTransfer: dropped });
  const chips = page.getByRole('list', { name: ja('inbox.attachments') });
  await expect(chips.getByText('請求書.txt')).toBeVisible();
  await expect(chips.locator('progress')).toHaveCount(0);
  await page.getByRole('button', { name: ja('inbox.addNote') }).click();

  const note = page.locator('.message-note').filter({ has: page.getByRole('link', { name: '請求書.txt' }) });
  await expect(note).toBeVisible();
  await expect(note.locator('.message-body')).toHaveCount(0);
});
