import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { findAccountId } from './support/api.ts';
import { DEMO_USERS } from './support/demo.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { expect, test } from './support/fixtures.ts';
import { waitForMail } from './support/mail-sink.ts';
import { closePromptsWhenShown } from './support/prompts.ts';
import { createTranslator } from './support/ui-text.ts';

/** The console speaks the demo admin's language. */
const t = createTranslator(DEMO_USERS.aiko.locale);

/**
 * Advocacy end to end: the admin sets the referral program in the console; a customer on a phone opens "Invite
 * friends" and copies their link; a friend opens it on another phone, claims the welcome coupon and places a first
 * order through the API a shop uses; the referrer sees the reward in the portal; the referrer's own claim from their
 * phone is refused as a self-referral, with the reason in the console; and a promoter's NPS answer brings a review ask.
 */

const HANDLE = 'sakura';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

async function signInToPortal(page: Page, email: string) {
  await page.goto(`/portal/${HANDLE}/`);
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();
  const mail = await waitForMail(email, (candidate) => Boolean(candidate.subject?.includes('sign-in link')));
  const url = new URL(/https?:\/\/\S+#token=[A-Za-z0-9_-]+/.exec(mail.text ?? '')![0]);
  await page.goto(`${url.pathname}${url.hash}`);
}

test('a customer invites a friend from their phone, both are rewarded once, a self-referral is refused, and a promoter is asked for a review', async ({ openPage, adminApi }) => {
  test.setTimeout(120_000);
  const tag = randomUUID().slice(0, 8);
  const accountId = findAccountId(adminApi.me);
  const referrerEmail = `referrer-${tag}@e2e.touchpoint.dev`;
  const friendEmail = `friend-${tag}@e2e.touchpoint.dev`;
  // A zone where it is early afternoon now, so outreach's quiet hours do not hold the review ask for the morning.
  const offset = ((13 - new Date().getUTCHours() + 36) % 24) - 12;
  const timeZone = offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
  const referrer = (await adminApi.send('POST', `/accounts/${accountId}/contacts`, { name: `Rei ${tag}`, email: referrerEmail, locale: 'en', timeZone })) as { id: string };

  const { pools } = (await adminApi.get(`/accounts/${accountId}/coupon-pools`)) as { pools: { id: string; name: string }[] };
  const welcomePool = pools.find((pool) => pool.name === 'Friend welcome 10%')!;

  // 1. The admin sets the program: live, 700 points for the referrer, the welcome coupon pool for the friend.
  const admin = await openPage('aiko', { locale: 'en-US' });
  await admin.goto(`/a/${accountId}/engagement/referrals/program`);
  const program = admin.getByRole('form', { name: t('referrals.tab.program') });
  await program.getByLabel(t('referrals.program.status')).selectOption('live');
  const referrerReward = program.getByRole('group', { name: t('referrals.program.referrerReward') });
  await referrerReward.getByLabel(t('referrals.program.rewardKind')).selectOption('points');
  await referrerReward.getByLabel(t('referrals.program.points')).fill('700');
  const friendReward = program.getByRole('group', { name: t('referrals.program.friendReward') });
  await friendReward.getByLabel(t('referrals.program.rewardKind')).selectOption('coupon');
  await friendReward.getByLabel(t('referrals.program.pool')).selectOption(welcomePool.id);
  await program.getByRole('button', { name: t('referrals.program.save') }).click();
  await expect(admin.getByRole('status').filter({ hasText: t('referrals.program.saved') })).toBeVisible();
  await expectNoAxeViolations(admin);

  // 2. The customer opens "Invite friends" on a phone and copies the link.
  const mine = await openPage(null, { ...PHONE, permissions: ['clipboard-read', 'clipboard-write'] });
  await closePromptsWhenShown(mine);
  await signInToPortal(mine, referrerEmail);
  await mine.getByRole('link', { name: /Invite friends/ }).click();
  await expect(mine.getByRole('heading', { level: 1, name: 'Invite friends' })).toBeVisible();
  await expect(mine.getByText('You get 700 points when they place their first order.', { exact: false })).toBeVisible();
  await expect(mine.getByRole('img', { name: 'QR code of your invitation link' })).toBeVisible();
  await mine.getByRole('button', { name: 'Copy link' }).click();
  await expect(mine.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
  const link = await mine.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/\/r\/[a-z2-9]{10}$/);
  await expectNoAxeViolations(mine);
  const landingPath = new URL(link).pathname;

  // 3. A friend opens the link on their phone, claims the welcome coupon with their email.
  const friend = await openPage(null, PHONE);
  await friend.goto(landingPath);
  await expect(friend.getByRole('heading', { level: 1, name: `Rei invited you to Sakura Goods` })).toBeVisible();
  await expect(friend.getByText('10% off')).toBeVisible();
  await expectNoAxeViolations(friend);
  await friend.getByLabel('Your email').fill(friendEmail);
  await friend.getByRole('button', { name: 'Claim my gift' }).click();
  await expect(friend.getByRole('status').filter({ hasText: 'Your gift is ready' })).toBeVisible();
  const code = (await friend.getByLabel('Your code').textContent())!.trim();
  expect(code).toMatch(/^HELLO-/);
  await expectNoAxeViolations(friend);
  const gift = await waitForMail(friendEmail, (mail) => mail.subject === 'Your welcome gift');
  expect(gift.text).toContain(code);

  // 4. The friend's first order arrives through the shop's order API; the referrer's reward shows in the portal.
  await adminApi.send('POST', `/accounts/${accountId}/orders`, { number: `REF-${tag}`, customer: { email: friendEmail, name: `Friend ${tag}` }, currency: 'USD', lines: [{ title: 'Matcha starter set', quantity: 1, unitPriceMinor: 4800 }] });
  await expect(async () => {
    await mine.reload();
    await expect(mine.getByText('Rewarded', { exact: true })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(mine.getByText('700 points', { exact: true })).toBeVisible();

  // 5. The referrer claims their own link from their own phone: refused, and the console says why.
  await mine.goto(landingPath);
  await mine.getByLabel('Your email').fill(`second-me-${tag}@e2e.touchpoint.dev`);
  await mine.getByRole('button', { name: 'Claim my gift' }).click();
  await expect(mine.getByRole('status').filter({ hasText: 'for people who are new to us' })).toBeVisible();
  await admin.goto(`/a/${accountId}/engagement/referrals`);
  await expect(admin.getByRole('heading', { level: 2, name: t('referrals.funnel', { days: 30 }) })).toBeVisible();
  await admin.getByLabel(t('referrals.filterReason')).selectOption('self_referral_device');
  const row = admin.getByRole('row').filter({ hasText: `Rei ${tag}` });
  await expect(row).toContainText(t('referrals.reason.self_referral_device'));
  await expect(row).toContainText('The claim came from a device the referrer uses.');
  await admin.getByLabel(t('referrals.filterReason')).selectOption('');
  await expect(admin.getByRole('row').filter({ hasText: `Rei ${tag}` }).filter({ hasText: t('referrals.status.rewarded') })).toContainText(t('referrals.reward.points', { points: 700 }));
  await expectNoAxeViolations(admin);

  // 6. The referrer answers an NPS survey with 10 on the phone: a review ask arrives, its links tracked.
  const survey = (await adminApi.send('POST', `/accounts/${accountId}/surveys`, { name: `NPS ${tag}`, kind: 'nps', status: 'live', channel: 'link', detractorAction: false })) as { id: string };
  const asked = (await adminApi.send('POST', `/accounts/${accountId}/surveys/${survey.id}/requests`, { contactId: referrer.id })) as { url: string };
  await mine.goto(`${new URL(asked.url).pathname}?score=10`);
  const ask = await waitForMail(referrerEmail, (mail) => mail.subject === 'Thank you — would you tell others?', 20_000);
  const reviewLink = /https?:\/\/\S+\/review\/[A-Za-z0-9_-]+\?to=google/.exec(ask.text ?? '')![0];
  expect(ask.text).toContain(link);
  const followed = await adminApi.request.fetch(new URL(reviewLink).pathname + new URL(reviewLink).search, { maxRedirects: 0 });
  expect(followed.status()).toBe(302);
  await admin.goto(`/a/${accountId}/engagement/referrals/reviews`);
  await expect(admin.getByRole('row').filter({ hasText: `Rei ${tag}` })).toContainText('NPS 10');
  await expectNoAxeViolations(admin);
});
