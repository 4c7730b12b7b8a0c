import { randomUUID } from 'node:crypto';
import { LIVE_COPY } from '../apps/server/src/pages/live-page-copy.ts';
import { findAccountId } from './support/api.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { expect, test } from './support/fixtures.ts';
import { createTranslator } from './support/ui-text.ts';

// The demo admin reads Japanese; the feed's pages are in English (its locale).
const ja = createTranslator('ja');
const viewerText = LIVE_COPY.en;
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

test('a show’s live feed: set up in the console, a viewer posts from a phone, the moderator approves by keyboard, the overlay shows it, a poll vote counts', async ({ openPage, adminApi }) => {
  const tag = randomUUID().slice(0, 6);
  const accountId = findAccountId(adminApi.me);

  // The admin creates a feed (manual moderation by default) and goes live from the moderation screen.
  const console = await openPage('aiko');
  await console.goto(`/a/${accountId}/engagement/live`);
  await console.getByRole('link', { name: ja('live.new') }).click();
  await console.getByLabel(ja('live.name')).fill(`Show ${tag}`);
  await expect(console.getByLabel(ja('live.slug'))).toHaveValue(`show-${tag}`);
  await console.getByRole('button', { name: ja('live.create') }).click();
  await expect(console.getByRole('heading', { level: 1, name: `Show ${tag}` })).toBeVisible();
  await expect(console.getByRole('radio', { name: ja('live.mode.manual') })).toBeChecked();
  await console.getByRole('button', { name: ja('live.goLive') }).click();
  await expect(console.getByRole('button', { name: ja('live.endShow') })).toBeVisible();
  await expect(console.getByText(ja('live.key.a'))).toBeVisible();
  await expectNoAxeViolations(console);

  // A viewer on a phone signs in with a name; a blocked phrase is refused, a clean post waits for the moderator.
  const phone = await openPage(null, PHONE);
  await phone.goto(`/live/sakura/show-${tag}`);
  await phone.getByLabel(viewerText.name!).fill(`Mika ${tag}`);
  await phone.getByRole('button', { name: viewerText.signIn! }).click();
  await expect(phone.getByText(`${viewerText.as!}: Mika ${tag}`)).toBeVisible();
  await phone.getByLabel(viewerText.post!).fill('this show is sh1t');
  await phone.getByRole('button', { name: viewerText.send!, exact: true }).click();
  await expect(phone.getByText('This post contains words that are not allowed in this feed. Please rephrase it.')).toBeVisible();
  const message = `Greetings from Osaka ${tag}!`;
  await phone.getByLabel(viewerText.post!).fill(message);
  await phone.getByRole('button', { name: viewerText.send!, exact: true }).click();
  await expect(phone.getByText(viewerText.pending!)).toBeVisible();
  await expectNoAxeViolations(phone);

  const overlay = await openPage(null, { viewport: { width: 1920, height: 1080 } });
  await overlay.goto(`/live/sakura/show-${tag}/overlay?layout=wall`);
  await expect(overlay.locator('#posts')).toBeAttached();

  // The post arrives in the queue live; the moderator approves it with the A key; the refused one never came.
  const queued = console.getByRole('listitem').filter({ hasText: message });
  await expect(queued).toBeVisible();
  await expect(queued).toHaveAttribute('aria-current', 'true');
  await expect(console.getByText('this show is sh1t')).toHaveCount(0);
  await console.keyboard.press('a');
  await expect(console.getByText(ja('live.empty.pending'))).toBeVisible();

  // The overlay and the phone show it at once, over their sockets.
  await expect(overlay.locator('#posts').getByText(message)).toBeVisible();
  await expect(phone.locator('#posts').getByText(message)).toBeVisible();

  // A poll: created and opened in the console, voted on the phone, the results on the overlay and in the console.
  await console.getByRole('link', { name: ja('live.polls') }).click();
  await console.getByLabel(ja('live.question')).fill(`Which colour? ${tag}`);
  await console.getByLabel(ja('live.option', { n: 1 })).fill('Red');
  await console.getByLabel(ja('live.option', { n: 2 })).fill('Blue');
  await console.getByRole('button', { name: ja('live.createPoll') }).click();
  await console.getByRole('button', { name: ja('live.openPoll') }).click();
  await expect(console.getByText(ja('live.pollStatus.open'))).toBeVisible();
  await phone.getByRole('button', { name: 'Blue' }).click();
  await expect(phone.getByRole('meter', { name: 'Blue' })).toHaveAttribute('aria-valuenow', '100');
  await expect(phone.getByText(viewerText.voted!, { exact: false })).toBeVisible();
  await expect(overlay.getByRole('meter', { name: 'Blue' })).toHaveAttribute('aria-valuenow', '100');
  await expect(console.getByText(ja('live.votesShare', { votes: '1', share: 100 }))).toBeVisible();
  await expectNoAxeViolations(console);
});
