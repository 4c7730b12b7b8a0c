import { randomUUID } from 'node:crypto';
import { findAccountId, signInApi } from './support/api.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { DEMO_PASSWORD, DEMO_USERS } from './support/demo.ts';
import { expect, test } from './support/fixtures.ts';
import { createConversation, findRow, inboxUrl } from './support/inbox.ts';
import { createTranslator } from './support/ui-text.ts';

const t = createTranslator('en');
const zh = createTranslator('zh');

interface MemberRow {
  userId: string;
  name: string;
  email: string;
}

async function findUserId(adminApi: Parameters<typeof createConversation>[0], email: string): Promise<string> {
  const members = (await adminApi.get(`/accounts/${findAccountId(adminApi.me)}/members`)) as MemberRow[];
  const member = members.find((candidate) => candidate.email === email);
  if (!member) throw new Error(`${email} is not a member`);
  return member.userId;
}

test('an agent runs a slice of the day: triage, reply, note with a mention, canned reply, snooze and resolve', async ({ openPage, adminApi, baseURL }) => {
  const accountId = findAccountId(adminApi.me);
  const conversation = await createConversation(adminApi, { body: 'Where is my order? It was due yesterday.', assigneeId: null });
  const shortcut = `e2e${randomUUID().slice(0, 6)}`;
  await adminApi.send('POST', `/accounts/${accountId}/canned-replies`, {
    shortcut,
    title: 'Shipping delay',
    body: 'Sorry for the wait, {{ contact.first_name | default: "there" }}! Your parcel is on its way.',
  });

  const page = await openPage('sam');
  await page.goto(inboxUrl(accountId));
  const views = page.getByRole('navigation', { name: t('inbox.views') });
  await expect(views.getByRole('link', { name: new RegExp(t('inbox.view.mine')) })).toHaveAttribute('aria-current', 'page');

  // Unassigned: the new conversation is waiting there.
  await views.getByRole('link', { name: new RegExp(t('inbox.view.unassigned')) }).click();
  await expect(page).toHaveURL(/view=unassigned/);
  await findRow(page, conversation.subject).getByRole('link').click();
  await expect(page.getByRole('heading', { level: 2, name: conversation.subject })).toBeVisible();
  await expect(page.locator('.message-inbound').filter({ hasText: 'Where is my order?' })).toBeVisible();

  // `a` assigns it to me.
  await page.locator('.thread-scroll').click();
  await page.keyboard.press('a');
  await expect(page.getByLabel(t('conversation.assignee'))).toHaveValue(await findUserId(adminApi, DEMO_USERS.sam.email));

  // A reply shows in the thread.
  const composer = page.getByLabel(t('inbox.replyLabel'));
  await composer.fill('Let me check that for you.');
  await composer.press('Control+Enter');
  await expect(page.locator('.message-outbound').filter({ hasText: 'Let me check that for you.' })).toBeVisible();
  await expect(composer).toHaveValue('');

  // A private note with an @mention notifies Li.
  await page.getByRole('tab', { name: t('inbox.note') }).click();
  const note = page.getByLabel(t('inbox.noteLabel'));
  await note.fill('Can you look at the warehouse scan, @Li');
  await page.getByRole('list', { name: t('inbox.mentionPicker') }).getByRole('button', { name: DEMO_USERS.li.name }).click();
  await expect(note).toHaveValue(`Can you look at the warehouse scan, @${DEMO_USERS.li.name} `);
  await page.getByRole('button', { name: t('inbox.addNote') }).click();
  await expect(page.locator('.message-note').filter({ hasText: 'warehouse scan' })).toBeVisible();

  const li = await signInApi(baseURL ?? '', DEMO_USERS.li.email, DEMO_PASSWORD);
  try {
    await expect
      .poll(async () => {
        const items = (await li.get(`/accounts/${accountId}/notifications?unread=true`)) as { conversationId: string | null }[];
        return items.some((item) => item.conversationId === conversation.id);
      })
      .toBe(true);
  } finally {
    await li.dispose();
  }
  // …and sees it in her inbox, in Chinese.
  const liPage = await openPage('li');
  await liPage.goto(inboxUrl(accountId));
  await expect(liPage.getByRole('list', { name: zh('inbox.notifications') }).locator(`a[href*="${conversation.id}"]`).first()).toBeVisible();
  await liPage.getByRole('navigation', { name: zh('inbox.views') }).getByRole('link', { name: new RegExp(zh('inbox.view.mentions')) }).click();
  await expect(findRow(liPage, conversation.subject)).toBeVisible();

  // `/` opens the canned replies search; the rendered text lands in the composer.
  await page.getByRole('tab', { name: t('inbox.reply') }).click();
  await composer.press('/');
  const cannedSearch = page.getByLabel(t('inbox.cannedSearch'));
  await expect(cannedSearch).toBeFocused();
  await cannedSearch.fill(shortcut);
  await page.getByRole('button', { name: new RegExp(shortcut) }).click();
  await expect(composer).toHaveValue(/Sorry for the wait, Emma! Your parcel is on its way\./);
  await page.getByRole('button', { name: t('inbox.send') }).click();
  await expect(page.locator('.message-outbound').filter({ hasText: 'Sorry for the wait, Emma!' })).toBeVisible();

  // Snooze for an hour, then resolve.
  await page.getByLabel(t('inbox.status')).last().selectOption({ label: t('inbox.snoozeHour') });
  await expect(page.locator('.conversation-subline .badge-status-snoozed')).toHaveText(t('status.snoozed'));
  await expect(page.locator('.conversation-subline')).toContainText(t('inbox.snoozedUntil', { time: '' }).trim());
  await page.getByRole('button', { name: t('inbox.resolve') }).click();
  await expect(page.locator('.conversation-subline .badge-status-resolved')).toHaveText(t('status.resolved'));
});

test('bulk actions resolve two conversations at once', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const samId = await findUserId(adminApi, DEMO_USERS.sam.email);
  const first = await createConversation(adminApi, { assigneeId: samId });
  const second = await createConversation(adminApi, { assigneeId: samId });

  const page = await openPage('sam');
  await page.goto(inboxUrl(accountId));
  await findRow(page, first.subject).getByRole('checkbox').check();
  await findRow(page, second.subject).getByRole('checkbox').check();
  const toolbar = page.getByRole('toolbar', { name: t('inbox.bulkActions') });
  await expect(toolbar).toContainText(t('inbox.selectedCount', { count: 2 }));
  await toolbar.getByRole('button', { name: t('inbox.resolve') }).click();
  await expect(findRow(page, first.subject)).toHaveCount(0);
  await expect(findRow(page, second.subject)).toHaveCount(0);

  const resolved = (await adminApi.get(`/accounts/${accountId}/conversations/${first.id}`)) as { status: string };
  expect(resolved.status).toBe('resolved');
});

test('a second agent replying is seen live, after the assigned-to-someone-else warning', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const samId = await findUserId(adminApi, DEMO_USERS.sam.email);
  const conversation = await createConversation(adminApi, { assigneeId: samId });

  const samPage = await openPage('sam');
  await samPage.goto(inboxUrl(accountId, conversation.id));
  await expect(samPage.getByRole('heading', { level: 2, name: conversation.subject })).toBeVisible();

  const liPage = await openPage('li');
  await liPage.goto(inboxUrl(accountId, conversation.id, '?view=all'));
  const liComposer = liPage.getByLabel(zh('inbox.replyLabel'));
  await liComposer.fill('我来帮忙处理。');
  await liPage.getByRole('button', { name: zh('inbox.send') }).click();
  await expect(liPage.getByText(zh('inbox.assignedConfirm', { name: DEMO_USERS.sam.name }))).toBeVisible();
  await liPage.getByRole('button', { name: zh('inbox.replyAnyway') }).click();
  await expect(liPage.locator('.message-outbound').filter({ hasText: '我来帮忙处理。' })).toBeVisible();

  // Sam never reloaded.
  await expect(samPage.locator('.message-outbound').filter({ hasText: '我来帮忙处理。' })).toBeVisible();

  // A customer message arrives live too, and the list shows the new preview.
  await adminApi.send('POST', `/accounts/${accountId}/conversations/${conversation.id}/customer-messages`, { body: 'Thank you both!' });
  await expect(samPage.locator('.message-inbound').filter({ hasText: 'Thank you both!' })).toBeVisible();
  await expect(findRow(samPage, conversation.subject)).toContainText('Thank you both!');
});

test('a new conversation appears in the list without a reload', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const page = await openPage('sam');
  await page.goto(inboxUrl(accountId, undefined, '?view=unassigned'));
  await expect(page.locator('.inbox-row').first()).toBeVisible();
  const conversation = await createConversation(adminApi, { assigneeId: null });
  await expect(findRow(page, conversation.subject)).toBeVisible();
});

test('customer HTML is shown as text, never run', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const html = '<img src=x onerror=alert(1)>';
  const conversation = await createConversation(adminApi, { subject: `<b>bold</b> ${randomUUID().slice(0, 6)}`, body: html });
  const page = await openPage('sam');
  let dialogs = 0;
  page.on('dialog', (dialog) => {
    dialogs += 1;
    void dialog.dismiss();
  });
  await page.goto(inboxUrl(accountId, conversation.id, '?view=all'));
  await expect(page.locator('.message-inbound .message-body')).toHaveText(html);
  await expect(page.getByRole('heading', { level: 2 })).toContainText('<b>bold</b>');
  await expect(page.locator('.inbox-conversation img, .inbox-conversation b')).toHaveCount(0);
  expect(dialogs).toBe(0);
});

test('keyboard shortcuts: ? opens help, j/k move through the list, shortcuts stay off while typing', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const page = await openPage('sam');
  await page.goto(inboxUrl(accountId, undefined, '?view=all'));
  await expect(page.locator('.inbox-row').nth(1)).toBeVisible();
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: t('shortcut.title') });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await page.keyboard.press('j');
  await expect(page.locator('.inbox-row.is-current')).toHaveCount(1);
  const firstSubject = await page.locator('.inbox-row').nth(0).locator('.inbox-row-subject').innerText();
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(firstSubject);
  await page.locator('.thread-scroll').click();
  await page.keyboard.press('j');
  const secondSubject = await page.locator('.inbox-row').nth(1).locator('.inbox-row-subject').innerText();
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(secondSubject);
  await page.keyboard.press('k');
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(firstSubject);

  // Typing `j` in the composer types it.
  const composer = page.getByLabel(t('inbox.replyLabel'));
  await page.keyboard.press('r');
  await expect(composer).toBeFocused();
  await page.keyboard.type('jk');
  await expect(composer).toHaveValue('jk');
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(firstSubject);
});

test('on a phone the list and the conversation are separate screens', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const samId = await findUserId(adminApi, DEMO_USERS.sam.email);
  const conversation = await createConversation(adminApi, { assigneeId: samId });
  const page = await openPage('sam', { viewport: { width: 390, height: 844 } });
  await page.goto(inboxUrl(accountId));
  await findRow(page, conversation.subject).getByRole('link').click();
  await expect(page.getByRole('heading', { level: 2, name: conversation.subject })).toBeVisible();
  await expect(page.locator('.inbox-list')).toBeHidden();

  const composer = page.getByLabel(t('inbox.replyLabel'));
  await expect(composer).toBeInViewport();
  await composer.fill('Replying from my phone.');
  await page.getByRole('button', { name: t('inbox.send') }).click();
  await expect(page.locator('.message-outbound').filter({ hasText: 'Replying from my phone.' })).toBeVisible();

  await page.getByRole('link', { name: t('inbox.backToList') }).click();
  await expect(findRow(page, conversation.subject)).toBeVisible();
  await expect(page.locator('.inbox-conversation')).toBeHidden();
});

test('a reply can be scheduled and cancelled', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const samId = await findUserId(adminApi, DEMO_USERS.sam.email);
  const conversation = await createConversation(adminApi, { assigneeId: samId });
  const page = await openPage('sam');
  await page.goto(inboxUrl(accountId, conversation.id));
  await page.getByLabel(t('inbox.replyLabel')).fill('See you tomorrow.');
  await page.getByLabel(t('inbox.sendLater')).check();
  await page.getByRole('button', { name: t('inbox.schedule') }).click();
  const scheduled = page.locator('.message-scheduled').filter({ hasText: 'See you tomorrow.' });
  await expect(scheduled).toContainText(t('inbox.scheduledFor', { time: '' }).trim());
  await scheduled.getByRole('button', { name: t('inbox.cancelScheduled') }).click();
  await expect(scheduled).toHaveCount(0);
});

test('agents see who else is viewing and typing in a conversation', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const conversation = await createConversation(adminApi, { assigneeId: null });
  const samPage = await openPage('sam');
  await samPage.goto(inboxUrl(accountId, conversation.id, '?view=all'));
  await expect(samPage.getByRole('heading', { level: 2, name: conversation.subject })).toBeVisible();

  const liPage = await openPage('li');
  await liPage.goto(inboxUrl(accountId, conversation.id, '?view=all'));
  await expect(samPage.locator('.presence-line')).toHaveText(t('inbox.presenceViewing', { name: DEMO_USERS.li.name }));
  await expect(liPage.locator('.presence-line')).toHaveText(zh('inbox.presenceViewing', { name: DEMO_USERS.sam.name }));

  await liPage.getByLabel(zh('inbox.replyLabel')).pressSequentially('正在输入');
  await expect(samPage.locator('.presence-line')).toHaveText(t('inbox.presenceTyping', { name: DEMO_USERS.li.name }));

  await liPage.close();
  await expect(samPage.locator('.presence-line')).toHaveText('');
});

for (const [device, viewport] of [['desktop', { width: 1280, height: 860 }], ['phone', { width: 390, height: 844 }]] as const) {
  test(`the inbox with its bulk bar, composer pickers and contact panel passes axe on a ${device}`, async ({ openPage, adminApi }) => {
    const accountId = findAccountId(adminApi.me);
    const samId = await findUserId(adminApi, DEMO_USERS.sam.email);
    const conversation = await createConversation(adminApi, { assigneeId: samId });
    const page = await openPage('sam', { viewport });
    await page.goto(inboxUrl(accountId));
    await findRow(page, conversation.subject).getByRole('checkbox').check();
    await expect(page.getByRole('toolbar', { name: t('inbox.bulkActions') })).toBeVisible();
    await expectNoAxeViolations(page);

    await findRow(page, conversation.subject).getByRole('link').click();
    await page.getByRole('button', { name: t('inbox.contactDetails') }).click();
    await expect(page.locator('.inbox-contact-name')).toHaveText('Emma Johnson');
    await page.getByRole('button', { name: t('inbox.emoji') }).click();
    await page.getByRole('group', { name: t('inbox.emoji') }).getByRole('button', { name: '👍' }).click();
    await expect(page.getByLabel(t('inbox.replyLabel'))).toHaveValue('👍');
    await page.getByRole('button', { name: t('inbox.cannedReplies') }).click();
    await expect(page.getByLabel(t('inbox.cannedSearch'))).toBeFocused();
    await expectNoAxeViolations(page);
  });
}

test('a long thread opens at its newest message, and a message arriving while at the bottom scrolls into view', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const conversation = await createConversation(adminApi, { body: 'Message 0 of a long thread' });
  for (let index = 1; index <= 24; index++) {
    await adminApi.send('POST', `/accounts/${accountId}/conversations/${conversation.id}/customer-messages`, { body: `Message ${index} of a long thread` });
  }
  const page = await openPage('sam');
  await page.goto(inboxUrl(accountId, conversation.id, '?view=all'));
  const message = (index: number) => page.locator('.message').filter({ hasText: `Message ${index} of a long thread` });
  await expect(message(24)).toBeInViewport();
  await expect(message(0)).not.toBeInViewport();

  await adminApi.send('POST', `/accounts/${accountId}/conversations/${conversation.id}/customer-messages`, { body: 'Message 25 of a long thread' });
  await expect(message(25)).toBeInViewport();
});

test('on a phone the newest message sits above the pinned composer', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const conversation = await createConversation(adminApi, { body: 'First line on a phone' });
  for (let index = 1; index <= 8; index++) {
    await adminApi.send('POST', `/accounts/${accountId}/conversations/${conversation.id}/customer-messages`, { body: `Phone message ${index}` });
  }
  const page = await openPage('sam');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(inboxUrl(accountId, conversation.id, '?view=all'));
  const newest = page.locator('.message').filter({ hasText: 'Phone message 8' });
  await expect(newest).toBeInViewport();
  await expect(async () => {
    const message = await newest.boundingBox();
    const composer = await page.locator('.composer').boundingBox();
    expect(message!.y + message!.height).toBeLessThanOrEqual(composer!.y);
  }).toPass();
});

test('the inbox sorts by the soonest SLA deadline and filters to conversations due within the hour', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  // The demo's "answer within the hour" policy gives a new conversation a first-response deadline 60 minutes out.
  const conversation = await createConversation(adminApi, { body: 'Is anyone there? My order is stuck.' });
  const page = await openPage('sam');
  await page.goto(inboxUrl(accountId, undefined, '?view=all'));
  await page.getByLabel(t('inbox.sort'), { exact: true }).selectOption('sla_due');
  await expect(page).toHaveURL(/sort=sla_due/);
  await page.getByLabel(t('inbox.sla'), { exact: true }).selectOption('due_soon');
  await expect(page).toHaveURL(/sort=sla_due.*sla=due_soon/);
  await expect(findRow(page, conversation.subject)).toBeVisible();
  await page.getByLabel(t('inbox.sla'), { exact: true }).selectOption('breached');
  await expect(page).toHaveURL(/sla=breached/);
  await expect(findRow(page, conversation.subject)).toHaveCount(0);
});
