import { randomUUID } from 'node:crypto';
import { findAccountId } from './support/api.ts';
import { DEMO_USERS } from './support/demo.ts';
import { expect, test } from './support/fixtures.ts';
import { createTranslator } from './support/ui-text.ts';

test('admin edits the purpose statement and an agent\'s home shows it', async ({ openPage, adminApi }) => {
  const admin = createTranslator(DEMO_USERS.aiko.locale);
  const agentText = createTranslator(DEMO_USERS.li.locale);
  const accountId = findAccountId(adminApi.me);
  const original = ((await adminApi.get(`/accounts/${accountId}`)) as { purposeStatement: string }).purposeStatement;
  const statement = `Every customer leaves happier than they came. 每位客户都比来时更开心。 ${randomUUID().slice(0, 6)}`;

  try {
    // The agent's home is already open: it must update live, without a reload.
    const agent = await openPage('li');
    await agent.goto(`/a/${accountId}`);
    const agentPurpose = agent.getByRole('region', { name: agentText('home.purposeHeading') }).getByTestId('purpose-statement');
    await expect(agentPurpose).toHaveText(original);

    const page = await openPage('aiko');
    await page.goto(`/a/${accountId}/settings/purpose`);
    const textarea = page.getByLabel(admin('purpose.label'), { exact: true });
    await expect(textarea).toHaveValue(original);
    await textarea.fill(statement);
    await page.getByRole('button', { name: admin('purpose.save') }).click();
    await expect(page.getByRole('status').filter({ hasText: admin('purpose.saved') })).toBeVisible();

    await expect(agentPurpose).toHaveText(statement);
    await agent.reload();
    await expect(agentPurpose).toHaveText(statement);

    // Agents read it on the settings page too, but cannot edit it.
    await agent.goto(`/a/${accountId}/settings/purpose`);
    await expect(agent.getByText(statement)).toBeVisible();
    await expect(agent.getByRole('textbox')).toHaveCount(0);
  } finally {
    await adminApi.send('PATCH', `/accounts/${accountId}`, { purposeStatement: original });
  }
});
