import { randomUUID } from 'node:crypto';
import { findAccountId } from './support/api.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { DEMO_USERS } from './support/demo.ts';
import { expect, test } from './support/fixtures.ts';
import { createTranslator } from './support/ui-text.ts';

const t = createTranslator(DEMO_USERS.aiko.locale);

test('an admin edits a template, previews it for a demo customer in Japanese, and sees the error a missing variable would cause', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const name = `E2E お礼 ${randomUUID().slice(0, 6)}`;
  const created = (await adminApi.send('POST', `/accounts/${accountId}/message-templates`, {
    name,
    channel: 'email',
    variants: { en: { subject: 'Thanks {{ customer.first_name | default: "there" }}', html: '<p>Thank you!</p>' }, ja: { subject: 'ありがとうございます', html: '<p>ありがとうございます。</p>' } },
  })) as { id: string };

  const page = await openPage('aiko');
  await page.goto(`/a/${accountId}/experience/templates`);
  await expect(page.getByRole('heading', { name: t('templates.title') })).toBeVisible();
  await expect(page.getByRole('link', { name })).toBeVisible();
  await expect(page.getByRole('button', { name: t('templates.personalizeNamed', { name: 'Win-back' }) })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name }).click();
  await expect(page).toHaveURL(new RegExp(`/experience/templates/${created.id}$`));
  await page.getByRole('tab', { name: /日本語/ }).click();
  await page.getByLabel(t('templates.partSubject'), { exact: true }).fill('{{ customer.name }} 様、ご注文ありがとうございます');

  const preview = page.getByRole('region', { name: t('templates.preview') });
  await preview.getByLabel(t('templates.findCustomer')).fill('佐藤');
  await expect(preview.getByLabel(t('templates.customer'), { exact: true })).toHaveValue(/.+/);
  await expect(preview.getByLabel(t('templates.customer'), { exact: true }).locator('option')).toContainText(['佐藤 陽翔 <haruto.sato@example.jp>']);
  await preview.getByLabel(t('templates.previewLanguage')).selectOption('ja');
  await expect(preview.getByTestId('preview-subject')).toHaveText('佐藤 陽翔 様、ご注文ありがとうございます');
  await expectNoAxeViolations(page);

  await page.getByLabel(t('templates.partHtml')).fill('<p>会員番号：{{ customer.attributes.member_number }}</p>');
  await expect(preview.getByTestId('preview-error')).toContainText('undefined variable: customer.attributes.member_number');
  await expect(preview.getByRole('alert')).toContainText(t('templates.previewFailed'));

  await page.getByLabel(t('templates.partHtml')).fill('<p>会員番号：{{ customer.attributes.member_number | default: "未登録" }}</p>');
  await expect(preview.getByTestId('preview-text')).toHaveText('会員番号：未登録');
  await page.getByRole('button', { name: t('templates.save') }).click();
  await expect(page.getByText('v2', { exact: false }).first()).toBeVisible();
  await expect(page.getByRole('region', { name: t('templates.history') }).getByRole('listitem')).toHaveCount(1);
});

test('an admin sets messaging limits and a wrong value is refused', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const page = await openPage('aiko');
  await page.goto(`/a/${accountId}/experience/limits`);
  await expect(page.getByRole('heading', { name: t('limits.title'), level: 1 })).toBeVisible();
  const quiet = page.getByRole('group', { name: t('limits.quietHours') });
  if (!(await quiet.getByLabel(t('limits.quietOn')).isChecked())) await quiet.getByLabel(t('limits.quietOn')).check();
  await quiet.getByLabel(t('limits.quietStart')).fill('21:00');
  await quiet.getByLabel(t('limits.quietEnd')).fill('21:00');
  await page.getByRole('button', { name: t('limits.save') }).click();
  await expect(page.getByRole('alert')).toContainText('quietHours.end');
  await quiet.getByLabel(t('limits.quietEnd')).fill('08:00');
  await page.getByLabel(t('limits.controlGroupPercent')).fill('5');
  await page.getByRole('button', { name: t('limits.save') }).click();
  await expect(page.getByRole('status').filter({ hasText: t('limits.saved') })).toBeAttached();
  await expectNoAxeViolations(page);
});
