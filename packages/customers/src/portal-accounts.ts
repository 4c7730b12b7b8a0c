import { eq } from 'drizzle-orm';
import { type AccountScope, type Locale, notFound } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';

export interface PortalAccount {
  id: string;
  handle: string;
  name: string;
  defaultLocale: Locale;
}

const HANDLE = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** The account whose public pages live under `/portal/<handle>`; 404 for an unknown (or malformed) handle. */
export async function findAccountByHandle(db: Database, handle: string): Promise<PortalAccount> {
  if (!HANDLE.test(handle)) throw notFound('portal');
  const [row] = await db
    .select({ id: schema.accounts.id, handle: schema.accounts.handle, name: schema.accounts.name, defaultLocale: schema.accounts.defaultLocale })
    .from(schema.accounts)
    .where(eq(schema.accounts.handle, handle));
  if (!row) throw notFound('portal');
  return { ...row, defaultLocale: row.defaultLocale as Locale };
}

/**
 * The scope a signed-in customer acts in when calling domain functions shared with agents: a system actor named after
 * them, like a channel's (`channelScope`), so that every inbox is in reach. What the customer may touch is decided
 * before, by the portal's own queries, which always filter by the customer's contact.
 */
export const customerScope = (accountId: string, contactName: string): AccountScope => ({
  accountId,
  actor: { type: 'system', id: null, name: `Customer portal: ${contactName}`.slice(0, 200), role: 'admin' },
});

/** The handle of an account, for links into its portal. */
export async function handleOfAccount(db: Database, accountId: string): Promise<string> {
  const [row] = await db.select({ handle: schema.accounts.handle }).from(schema.accounts).where(eq(schema.accounts.id, accountId));
  if (!row) throw notFound('account');
  return row.handle;
}
