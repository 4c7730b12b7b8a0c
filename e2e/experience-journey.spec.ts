import { createHash, createHmac, randomUUID } from 'node:crypto';
import type { APIRequestContext, Page } from '@playwright/test';
import { type ApiSession, findAccountId } from './support/api.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { DEMO_USERS } from './support/demo.ts';
import { expect, test } from './support/fixtures.ts';
import { type ChatHostSite, startChatHostSite } from './support/host-site.ts';
import { waitForMail } from './support/mail-sink.ts';
import { createTranslator } from './support/ui-text.ts';

/**
 * Issue 7's promise end to end: a CX designer builds an onboarding journey in the console (a welcome prompt, a
 * thank-you email and a CSAT survey), runs it in test mode on a customer, publishes it, and a real signed-up shopper
 * goes through it live: the prompt shows on the shop's site, both emails reach the mailbox, the survey is answered
 * from the email, and the journey, prompt and survey show their figures on the touchpoint map.
 */
const t = createTranslator(DEMO_USERS.aiko.locale);
const TAG = randomUUID().slice(0, 8);
const SIGNED_UP = `signed_up_${TAG}`;
const JOURNEY_NAME = `Onboarding ${TAG}`;
const PROMPT_NAME = `Welcome banner ${TAG}`;
const TEMPLATE_NAME = `Thanks for joining ${TAG}`;
const SURVEY_NAME = `First week CSAT ${TAG}`;

/** Time zones spread round the clock: the shopper lives in one where it is daytime now (the demo keeps quiet hours). */
const ZONES = ['Asia/Tokyo', 'Europe/London', 'America/New_York', 'America/Los_Angeles', 'Pacific/Auckland', 'Asia/Kolkata', 'America/Sao_Paulo', 'Asia/Dubai', 'Pacific/Honolulu'];
function zoneInDaytime(now = new Date()): string {
  const hourIn = (zone: string) => Number(new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format(now));
  return ZONES.find((zone) => hourIn(zone) >= 10 && hourIn(zone) <= 17)!;
}

/** The demo holds 5% of customers out of marketing (docs/outreach.md: sha256 of "account:contact", first 4 bytes). */
function inDemoControlGroup(accountId: string, contactId: string): boolean {
  return createHash('sha256').update(`${accountId}:${contactId}`).digest().readUInt32BE(0) % 10_000 < 500;
}

interface Shopper { userId: string; userHash: string; name: string; email: string; contactId: string }

/** Gives a customer a daytime zone and English; false when the customer is in the demo's control group. */
async function readyForMarketing(adminApi: ApiSession, accountId: string, contactId: string): Promise<boolean> {
  if (inDemoControlGroup(accountId, contactId)) return false;
  await adminApi.send('PATCH', `/accounts/${accountId}/contacts/${contactId}`, { timeZone: zoneInDaytime(), locale: 'en' });
  return true;
}

/** The designer's own test profile, which test mode really sends to (as it would to any customer it is run on). */
async function createTestProfile(adminApi: ApiSession): Promise<{ name: string; email: string }> {
  const accountId = findAccountId(adminApi.me);
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const profile = { name: `Aiko test ${TAG}`, email: `aiko-test-${TAG}-${attempt}@e2e.touchpoint.dev` };
    const created = (await adminApi.send('POST', `/accounts/${accountId}/contacts`, profile)) as { id: string };
    if (await readyForMarketing(adminApi, accountId, created.id)) return profile;
  }
  throw new Error('every test profile landed in the control group');
}

/** A shopper the shop's site has signed in (identity verified by HMAC), known to Touchpoint, outside the control group. */
async function signUpShopper(adminApi: ApiSession, request: APIRequestContext, baseURL: string, site: ChatHostSite, secret: string): Promise<Shopper> {
  const accountId = findAccountId(adminApi.me);
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const userId = `shopper-${TAG}-${attempt}`;
    const userHash = createHmac('sha256', secret).update(userId).digest('hex');
    const name = `Sora ${TAG}`;
    const email = `sora-${TAG}-${attempt}@e2e.touchpoint.dev`;
    const profile = await request.post(`${baseURL}/widget/v1/${site.channelKey}/profile`, {
      headers: { origin: site.url, authorization: `User ${Buffer.from(userId).toString('base64url')}.${userHash}` },
      data: { name, email },
    });
    expect(profile.ok(), await profile.text()).toBe(true);
    const found = (await adminApi.get(`/accounts/${accountId}/contacts?q=${encodeURIComponent(email)}`)) as { items: { id: string }[] };
    const contactId = found.items[0]!.id;
    if (await readyForMarketing(adminApi, accountId, contactId)) return { userId, userHash, name, email, contactId };
  }
  throw new Error('every shopper landed in the control group');
}

type AddedKind = 'show_prompt' | 'send_message' | 'send_survey';
async function addStepAfter(page: Page, after: string, kind: AddedKind) {
  await page.getByRole('button', { name: t('journeys.addAfterLabel', { name: after }) }).click();
  await page.getByRole('combobox', { name: t('journeys.kindToAdd') }).selectOption(kind);
  await page.getByRole('button', { name: t('journeys.add'), exact: true }).click();
  await expect(page.locator('.journey-side').getByRole('heading', { level: 2, name: new RegExp(t(`journeys.kind.${kind}`)) })).toBeFocused();
}

let site: ChatHostSite | null = null;
const cleanUp: (() => Promise<unknown>)[] = [];
test.afterAll(async () => {
  for (const step of cleanUp) await step().catch(() => undefined);
  await site?.close();
});

test('a CX designer builds an onboarding journey with a prompt, a thank-you and a survey, tests it on a customer, and sees it run live on the touchpoint map', async ({ openPage, adminApi, baseURL, request }) => {
  test.setTimeout(180_000);
  const accountId = findAccountId(adminApi.me);

  // What the journey uses, made as the designer's colleagues would: the welcome prompt, the thank-you email, the survey.
  const prompt = (await adminApi.send('POST', `/accounts/${accountId}/prompts`, {
    name: PROMPT_NAME,
    kind: 'banner',
    placement: 'top',
    status: 'live',
    triggerEvent: `never.${TAG}`,
    surfaces: 'widget',
    content: { en: { title: `Welcome aboard, ${TAG}`, body: 'Your first order ships free. Questions? We are here.', ctaLabel: 'Ask us' } },
    action: { kind: 'open_chat' },
  })) as { id: string };
  cleanUp.push(() => adminApi.send('DELETE', `/accounts/${accountId}/prompts/${prompt.id}`));
  await adminApi.send('POST', `/accounts/${accountId}/message-templates`, {
    name: TEMPLATE_NAME,
    channel: 'email',
    status: 'active',
    variants: { en: { subject: `Thank you for joining, {{ customer.first_name | default: "friend" }} (${TAG})`, html: '<p>We are glad you are here. Reply any time: a person reads every message.</p>' } },
  });
  await adminApi.send('POST', `/accounts/${accountId}/surveys`, { name: SURVEY_NAME, kind: 'csat', status: 'live', channel: 'email' });

  const secret = `experience-${randomUUID()}`;
  const initOptions: Record<string, string> = {};
  site = await startChatHostSite(adminApi, { baseURL: baseURL!, accountId, inboxName: `Shop ${TAG}`, secrets: { identitySecret: secret }, initOptions });
  const shopper = await signUpShopper(adminApi, request, baseURL!, site, secret);
  // The host page signs the shopper in to the widget (its socket carries the prompt) and the SDK.
  Object.assign(initOptions, { userId: shopper.userId, userHash: shopper.userHash, name: shopper.name, email: shopper.email });

  // 1. Build the journey in the console, in the outline (everything from the keyboard).
  const page = await openPage('aiko');
  await page.goto(`/a/${accountId}/experience/journeys`);
  await page.getByRole('button', { name: t('journeys.new') }).click();
  await page.getByLabel(t('journeys.name'), { exact: true }).fill(JOURNEY_NAME);
  await page.getByRole('button', { name: t('journeys.create') }).click();
  await expect(page.getByRole('heading', { level: 1, name: JOURNEY_NAME })).toBeVisible();
  const journeyId = page.url().split('/').pop()!;
  cleanUp.push(() => adminApi.send('DELETE', `/accounts/${accountId}/journeys/${journeyId}`));
  await page.getByRole('button', { name: t('journeys.outline'), exact: true }).click();

  await page.getByRole('button', { name: t('journeys.editLabel', { name: t('journeys.entry') }) }).click();
  const side = page.locator('.journey-side');
  await side.getByLabel(t('journeys.entry.kind')).selectOption('event');
  await side.getByLabel(t('journeys.field.eventName'), { exact: true }).fill(SIGNED_UP);

  const waitName = t('journeys.kind.wait_duration');
  await addStepAfter(page, waitName, 'show_prompt');
  await side.getByLabel(t('journeys.field.prompt'), { exact: true }).selectOption({ label: PROMPT_NAME });
  await addStepAfter(page, t('journeys.kind.show_prompt'), 'send_message');
  await side.getByLabel(t('journeys.field.channel'), { exact: true }).selectOption('email');
  await side.getByLabel(t('journeys.field.template'), { exact: true }).selectOption({ label: TEMPLATE_NAME });
  await addStepAfter(page, t('journeys.kind.send_message'), 'send_survey');
  await side.getByLabel(t('journeys.field.survey'), { exact: true }).selectOption({ label: `${SURVEY_NAME} (CSAT)` });
  await side.getByLabel(t('journeys.field.channel'), { exact: true }).selectOption('email');
  // The new journey's placeholder wait is not wanted: the welcome comes at once.
  await page.getByRole('button', { name: t('journeys.deleteLabel', { name: waitName }) }).click();
  const outline = page.getByRole('list', { name: t('journeys.outline') });
  await expect(outline.locator(':scope > li')).toHaveCount(4);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: t('journeys.save') }).click();
  await expect(page.getByText(t('journeys.saved'))).toBeVisible();

  // 2. Test mode on the designer's own test profile: every step happens to it now, waits skipped, with a trace.
  const tester = await createTestProfile(adminApi);
  await page.getByRole('button', { name: t('journeys.test'), exact: true }).click();
  await side.getByLabel(t('journeys.test.search'), { exact: true }).fill(tester.email);
  await side.getByLabel(t('journeys.test.pick'), { exact: true }).selectOption({ label: `${tester.name} <${tester.email}>` });
  await side.getByRole('button', { name: t('journeys.test.run') }).click();
  const trace = side.locator('.journey-trace > li');
  await expect(trace.first()).toContainText(t('journeys.outcome.entered'));
  for (const step of ['show_prompt', 'send_message', 'send_survey'] as const) await expect(trace.filter({ hasText: t(`journeys.kind.${step}`) })).toHaveCount(1);
  await expect(trace.filter({ hasText: t('journeys.outcome.sent') })).toHaveCount(3);
  await expectNoAxeViolations(page);
  expect((await waitForMail(tester.email, (mail) => Boolean(mail.subject?.includes(`(${TAG})`)))).subject).toBe(`Thank you for joining, Aiko (${TAG})`);

  await page.getByRole('button', { name: t('journeys.edit'), exact: true }).click();
  await page.getByRole('button', { name: t('journeys.publish'), exact: true }).click();
  await expect(page.getByText(t('journeys.published'))).toBeVisible();

  // 3. Live traffic: the shopper is on the shop's site when it reports the sign-up through the SDK.
  const visitor = await openPage(null, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await visitor.goto(site.url);
  await expect(visitor.getByRole('button', { name: /^Open chat/ })).toBeVisible();
  await visitor.evaluate(({ userId, userHash, event }) => {
    const sdk = (window as unknown as { Touchpoint: (...args: unknown[]) => void }).Touchpoint;
    sdk('identify', userId, {}, { userHash });
    sdk('track', event, { plan: 'free' });
  }, { userId: shopper.userId, userHash: shopper.userHash, event: SIGNED_UP });

  const banner = visitor.getByRole('region', { name: `Welcome aboard, ${TAG}` });
  await expect(banner).toBeVisible({ timeout: 20_000 });
  await expectNoAxeViolations(visitor);
  await banner.getByRole('button', { name: 'Ask us' }).click();
  await expect(banner).toBeHidden();
  await expect(visitor.getByRole('dialog', { name: `Shop ${TAG}` })).toBeVisible();

  const thanks = await waitForMail(shopper.email, (mail) => Boolean(mail.subject?.includes(`(${TAG})`)), 30_000);
  expect(thanks.subject).toBe(`Thank you for joining, Sora (${TAG})`);
  const invitation = await waitForMail(shopper.email, (mail) => Boolean(mail.subject?.startsWith('A quick question from')), 30_000);
  // The customer answers from the email with one click on "5".
  const answerLink = /https?:\/\/\S+\/s\/[A-Za-z0-9._-]+\?score=5/.exec(invitation.text ?? '')![0];
  await visitor.goto(new URL(answerLink).pathname + new URL(answerLink).search);
  await expect(visitor.getByRole('status').filter({ hasText: 'Thank you' })).toBeVisible();

  // 4. The journey's figures on the touchpoint map, with the prompt and the survey beside it.
  await page.goto(`/a/${accountId}/experience/map`);
  await expect(page.getByRole('heading', { level: 1, name: t('touchpoints.title') })).toBeVisible();
  await page.getByRole('button', { name: t('touchpoints.lastDays', { count: 7 }) }).click();
  const card = (name: string) => page.locator('.tp-card').filter({ hasText: name });
  // Live traffic only: what test mode sent the designer's profile is marked test, and the map leaves it out.
  await expect(card(JOURNEY_NAME)).toContainText(`${t('touchpoints.customers')}: 1`);
  await expect(card(PROMPT_NAME)).toContainText(`${t('touchpoints.customers')}: 1`);
  await expect(card(SURVEY_NAME)).toContainText('(n=1)');
  await expectNoAxeViolations(page);

  // The journey's own page: entered, sent, per step.
  await card(JOURNEY_NAME).click();
  await expect(page.getByRole('heading', { level: 1, name: JOURNEY_NAME })).toBeVisible();
  await expect(page.locator('main')).toContainText(t('touchpoints.customers'));
});
