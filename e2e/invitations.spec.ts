import { randomUUID } from 'node:crypto';
import { createUniqueEmail, findAccountId } from './support/api.ts';
import { DEMO_ACCOUNT_NAME, DEMO_USERS } from './support/demo.ts';
import { expect, test } from './support/fixtures.ts';
import { createTranslator, readText } from './support/ui-text.ts';

test('admin invites an agent, the invitation link lets a new agent sign up and they see only agent pages', async ({ openPage, adminApi }) => {
  const t = createTranslator(DEMO_USERS.aiko.locale);
  const accountId = findAccountId(adminApi.me);
  const email = createUniqueEmail('invited');
  const name = `Invited ${randomUUID().slice(0, 4)}`;

  const admin = await openPage('aiko');
  await admin.goto(`/a/${accountId}/settings/members`);
  await admin.getByLabel(t('members.inviteEmail'), { exact: true }).fill(email);
  const inviteInboxes = admin.getByRole('group', { name: t('members.inviteInboxes') });
  await inviteInboxes.getByRole('checkbox', { name: 'Website chat', exact: true }).check();
  await admin.getByRole('button', { name: t('members.inviteSubmit') }).click();

  const link = admin.getByRole('region', { name: t('members.inviteCreatedLabel') }).getByLabel(t('members.inviteLink'));
  await expect(link).toHaveValue(/\/invite\//);
  const invitePath = new URL(await link.inputValue()).pathname;
  const pending = admin.getByRole('region', { name: t('members.pendingHeading') }).getByRole('row').filter({ hasText: email });
  await expect(pending).toBeVisible();

  // The invited person opens the link in their own browser (English).
  const en = createTranslator('en');
  const agent = await openPage(null);
  await agent.goto(invitePath);
  await expect(agent.getByRole('heading', { level: 1, name: en('invite.joinTitle', { account: DEMO_ACCOUNT_NAME }) })).toBeVisible();
  await expect(agent.getByText(email)).toBeVisible();
  await agent.getByLabel(en('invite.name')).fill(name);
  await agent.getByLabel(en('invite.password')).fill(`pw-${randomUUID()}`);
  await agent.getByRole('button', { name: en('invite.submit') }).click();
  await expect(agent).toHaveURL(new RegExp(`/a/${accountId}$`));
  await expect(agent.getByRole('region', { name: en('home.purposeHeading') })).toBeVisible();

  // The admin's open page updates live: the invitation is gone, the new member is listed.
  await expect(pending).toHaveCount(0);
  await expect(admin.getByRole('region', { name: t('members.membersHeading') }).getByRole('row').filter({ hasText: name })).toBeVisible();

  // The agent sees agent pages only.
  await agent.getByRole('link', { name: en('nav.settings') }).click();
  const settingsNav = agent.getByRole('navigation', { name: en('settings.navLabel') });
  for (const visible of ['settings.profile', 'settings.purpose', 'settings.roles', 'settings.inboxes'] as const) {
    await expect(settingsNav.getByRole('link', { name: en(visible) })).toBeVisible();
  }
  for (const hidden of ['settings.members', 'settings.apiKeys', 'settings.auditLog'] as const) {
    await expect(settingsNav.getByRole('link', { name: en(hidden) })).toHaveCount(0);
  }
  await agent.goto(`/a/${accountId}/settings/api-keys`);
  await expect(agent.getByRole('heading', { level: 1, name: readText('en', 'notFound.adminOnlyTitle') })).toBeVisible();

  // Their inboxes are the ones chosen in the invitation.
  await agent.goto(`/a/${accountId}/settings/inboxes`);
  const inboxes = agent.getByRole('region', { name: en('inboxes.yoursHeading') }).getByRole('listitem');
  await expect(inboxes).toHaveCount(1);
  await expect(inboxes).toContainText('Website chat');
});

test('admin revokes a pending invitation and its link stops working', async ({ openPage, adminApi }) => {
  const t = createTranslator(DEMO_USERS.aiko.locale);
  const accountId = findAccountId(adminApi.me);
  const email = createUniqueEmail('revoked');
  const created = (await adminApi.send('POST', `/accounts/${accountId}/invitations`, { email, role: 'agent', inboxIds: [] })) as { url: string };

  const admin = await openPage('aiko');
  await admin.goto(`/a/${accountId}/settings/members`);
  await admin.getByRole('button', { name: t('members.revokeNamed', { email }) }).click();
  await admin.getByRole('button', { name: t('members.revokeConfirm') }).click();
  await expect(admin.getByRole('row').filter({ hasText: email })).toHaveCount(0);

  const visitor = await openPage(null);
  await visitor.goto(new URL(created.url).pathname);
  await expect(visitor.getByRole('heading', { level: 1, name: readText('en', 'invite.invalidTitle') })).toBeVisible();
});
