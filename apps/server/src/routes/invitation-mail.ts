import type { AccountScope } from '@touchpoint/core';
import { getAccount, renderInvitationEmail } from '@touchpoint/accounts';
import type { Services } from '../services.ts';

/** Emails an invitation link in the account's default language; false when no SMTP relay is configured. */
export async function emailInvitation(services: Services, scope: AccountScope, to: string, url: string, expiresAt: Date): Promise<boolean> {
  if (!services.mailer.enabled) return false;
  const account = await getAccount(services.db, scope);
  await services.mailer.send({ to, ...renderInvitationEmail({ locale: account.defaultLocale, accountName: account.name, inviterName: scope.actor.name, url, expiresAt }) });
  return true;
}
