import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe.ts';
import { findAccountId, type ApiSession } from './support/api.ts';
import { DEMO_USERS } from './support/demo.ts';
import { expect, test } from './support/fixtures.ts';
import { createTranslator } from './support/ui-text.ts';

const t = createTranslator(DEMO_USERS.aiko.locale);
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

async function askByLink(api: ApiSession, accountId: string, surveyId: string, name: string) {
  const contact = (await api.send('POST', `/accounts/${accountId}/contacts`, { name, email: `${name.toLowerCase().replace(/\W+/g, '.')}.${Date.now()}@example.test` })) as { id: string };
  const asked = (await api.send('POST', `/accounts/${accountId}/surveys/${surveyId}/requests`, { contactId: contact.id, channel: 'link', about: { kind: 'order', id: 'SG-E2E' } })) as { status: string; url: string };
  expect(asked.status).toBe('requested');
  return { contact, url: new URL(asked.url).pathname };
}

async function answerOnPhone(page: Page, path: string, score: number, comment: string) {
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('recommend');
  await expectNoAxeViolations(page);
  await page.getByRole('radio', { name: String(score), exact: true }).check({ force: true });
  await page.getByRole('textbox').fill(comment);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Thank you' })).toBeVisible();
}

test('a customer answers a survey on the public page at phone width; the answer shows in the console report, and a detractor answer opens a conversation', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const survey = (await adminApi.send('POST', `/accounts/${accountId}/surveys`, { name: `E2E NPS ${Date.now()}`, kind: 'nps', status: 'live', channel: 'link' })) as { id: string };

  const promoter = await askByLink(adminApi, accountId, survey.id, 'Promoter Person');
  const customer = await openPage(null, PHONE);
  await answerOnPhone(customer, promoter.url, 10, 'Lovely tea set');

  const detractor = await askByLink(adminApi, accountId, survey.id, 'Detractor Person');
  await answerOnPhone(customer, detractor.url, 2, 'Arrived broken');
  // The link now only takes a comment; the score is kept.
  await customer.goto(detractor.url);
  await expect(customer.getByText('2', { exact: false }).first()).toBeVisible();

  const admin = await openPage('aiko', PHONE);
  await admin.goto(`/a/${accountId}/experience/surveys/${survey.id}`);
  await expect(admin.getByTestId('survey-responses')).toHaveText('2');
  await expect(admin.getByTestId('survey-headline')).toHaveText('0');
  await expect(admin.locator('.report-chart canvas')).toHaveCount(1);
  const comments = admin.getByRole('region', { name: t('surveys.comments') });
  await expect(comments).toContainText('Lovely tea set');
  await expect(comments).toContainText('Arrived broken');
  await expectNoAxeViolations(admin);

  // The detractor's answer opened one conversation for an agent, linked from the comment.
  await comments.getByRole('link', { name: t('surveys.openConversation') }).click();
  await expect(admin.getByText('NPS 2/10: Arrived broken').first()).toBeVisible();
  const report = (await adminApi.get(`/accounts/${accountId}/surveys/${survey.id}/report`)) as { comments: { conversationId: string | null }[] };
  expect(report.comments.filter((comment) => comment.conversationId)).toHaveLength(1);
});

test('the survey list and editor work at phone width with no accessibility violations', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const page = await openPage('aiko', PHONE);
  await page.goto(`/a/${accountId}/experience/surveys`);
  await expect(page.getByRole('heading', { level: 1, name: t('surveys.title') })).toBeVisible();
  await expect(page.getByRole('link', { name: 'NPS 7 days after delivery' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: t('surveys.new') }).click();
  await expect(page.getByRole('heading', { level: 1, name: t('surveys.newTitle') })).toBeVisible();
  await expectNoAxeViolations(page);
});
