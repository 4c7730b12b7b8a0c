import { createHmac, randomUUID } from 'node:crypto';
import { findAccountId } from './support/api.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { DEMO_USERS } from './support/demo.ts';
import { expect, test } from './support/fixtures.ts';
import { inboxUrl } from './support/inbox.ts';
import { createTranslator } from './support/ui-text.ts';

const t = createTranslator(DEMO_USERS.aiko.locale);

/** An email with a text part and an HTML part that carries markup and a script, as a customer's mail client sends it. */
function rawEmail(from: string, to: string, messageId: string) {
  return [
    `From: Mina Park <${from}>`,
    `To: ${to}`,
    'Subject: Gift wrapping for order 2231',
    `Message-ID: <${messageId}>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/alternative; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Could you gift wrap order 2231? It is a birthday present.',
    '',
    '--b1',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<p>Could you <b>gift wrap</b> order 2231?</p><p style="color:#c00">It is a birthday present.</p><script>parent.document.title="pwned"</script>',
    '--b1--',
    '',
  ].join('\r\n');
}

test('an email that came in through Mailgun shows as text, and as its sender formatted it in a frame that runs no script', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const tag = randomUUID().slice(0, 8);
  const address = `help-${tag}@shop.example`;
  const signingKey = `mailgun-${tag}`;
  const inbox = (await adminApi.send('POST', `/accounts/${accountId}/inboxes`, { name: `Email E2E ${tag}`, channel: 'email' })) as { id: string };
  const connected = await adminApi.request.fetch(`/api/v1/accounts/${accountId}/inboxes/${inbox.id}/channel`, {
    method: 'PUT',
    headers: { 'x-csrf-token': adminApi.me.csrfToken },
    data: { config: { address }, secrets: { mailgunSigningKey: signingKey } },
  });
  expect(connected.status()).toBe(200);
  const webhookPath = new URL(((await connected.json()) as { webhookUrl: string }).webhookUrl).pathname;

  // Mailgun's route posts the raw message with its signature: HMAC-SHA256 of timestamp + token with the signing key.
  const timestamp = String(Math.floor(Date.now() / 1000));
  const token = randomUUID().replaceAll('-', '');
  const form = new URLSearchParams({
    timestamp, token, signature: createHmac('sha256', signingKey).update(timestamp + token).digest('hex'),
    recipient: address, sender: `mina-${tag}@customer.example`, 'body-mime': rawEmail(`mina-${tag}@customer.example`, address, `${tag}@customer.example`),
  });
  const posted = await adminApi.request.post(`${webhookPath}/mailgun/mime`, { data: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  expect(posted.status(), await posted.text()).toBe(201);
  const conversations = (await adminApi.get(`/accounts/${accountId}/conversations?inboxId=${inbox.id}&view=all`)) as { items: { id: string }[] };

  const page = await openPage('aiko');
  await page.goto(inboxUrl(accountId, conversations.items[0]!.id));
  const thread = page.locator('.thread');
  await expect(thread.getByText('Could you gift wrap order 2231? It is a birthday present.')).toBeVisible();
  // Checked before the frame opens: axe cannot look inside a frame that runs no script, and waits for it.
  await expectNoAxeViolations(page);
  await thread.getByRole('button', { name: t('channelData.showFormatted') }).click();
  const frame = thread.locator(`iframe[title="${t('channelData.formatted')}"]`);
  await expect(frame).toHaveAttribute('sandbox', /^(?!.*allow-scripts).*allow-same-origin/);
  await expect(frame.contentFrame().locator('b')).toHaveText('gift wrap');
  await expect(frame.contentFrame().locator('script')).toHaveCount(0);
  expect(await page.title()).not.toBe('pwned');
});
