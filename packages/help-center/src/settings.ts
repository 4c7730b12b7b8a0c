import { eq } from 'drizzle-orm';
import { type AccountScope, conflict, validationFailed } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { listPublishedLocales } from './published.ts';

/** A handle: 2 to 40 lower-case letters, digits and hyphens, not starting or ending with a hyphen. */
export const HANDLE_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])$/;

export async function getHelpCenterSettings(db: Database, scope: Pick<AccountScope, 'accountId'>) {
  const [account] = await db.select({ handle: schema.accounts.handle, defaultLocale: schema.accounts.defaultLocale }).from(schema.accounts).where(eq(schema.accounts.id, scope.accountId));
  return { handle: account!.handle, defaultLocale: account!.defaultLocale, publishedLocales: await listPublishedLocales(db, scope), path: `/help/${account!.handle}` };
}

/**
 * Changes the account's public handle, which moves the help center (and the customer portal) to new URLs. Refused
 * (409) when another account has it.
 */
export async function updateAccountHandle(db: Database, scope: AccountScope, handle: string) {
  if (!HANDLE_PATTERN.test(handle)) throw validationFailed([{ path: 'handle', message: 'Use 2 to 40 lower-case letters, digits and hyphens, not starting or ending with a hyphen.' }]);
  const [taken] = await db.select({ id: schema.accounts.id }).from(schema.accounts).where(eq(schema.accounts.handle, handle));
  if (taken && taken.id !== scope.accountId) throw conflict(`The handle “${handle}” is taken.`);
  try {
    await db.update(schema.accounts).set({ handle }).where(eq(schema.accounts.id, scope.accountId));
  } catch (error) {
    // Two accounts racing for one handle: the unique constraint decides.
    if ((error as { code?: string; cause?: { code?: string } }).code === '23505' || (error as { cause?: { code?: string } }).cause?.code === '23505') throw conflict(`The handle “${handle}” is taken.`);
    throw error;
  }
  return getHelpCenterSettings(db, scope);
}
