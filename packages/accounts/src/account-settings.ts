import { eq } from 'drizzle-orm';
import { type AccountScope, type Locale, notFound } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { recordEvents } from '@touchpoint/events';
import { assertAdmin } from './access.ts';
import { recordAudit } from './audit.ts';

export interface AccountPatch {
  name?: string;
  purposeStatement?: string;
  timeZone?: string;
  defaultLocale?: Locale;
}

const presentAccount = (row: typeof schema.accounts.$inferSelect, scope: AccountScope) => ({
  id: row.id,
  name: row.name,
  purposeStatement: row.purposeStatement,
  timeZone: row.timeZone,
  defaultLocale: row.defaultLocale as Locale,
  role: scope.actor.role,
});

export async function getAccount(db: Database, scope: AccountScope) {
  const [row] = await db.select().from(schema.accounts).where(eq(schema.accounts.id, scope.accountId));
  if (!row) throw notFound('account');
  return presentAccount(row, scope);
}

/** Creates an account with its first admin; used by the demo loader, the CLI and tests. */
export async function createAccount(db: Database, input: { name: string; purposeStatement?: string; timeZone?: string; defaultLocale?: Locale; handle?: string; adminUserId: string }) {
  return db.transaction(async (tx) => {
    const [account] = await tx
      .insert(schema.accounts)
      .values({ name: input.name, purposeStatement: input.purposeStatement ?? '', timeZone: input.timeZone ?? 'UTC', defaultLocale: input.defaultLocale ?? 'en', ...(input.handle ? { handle: input.handle } : {}) })
      .returning();
    await tx.insert(schema.memberships).values({ accountId: account!.id, userId: input.adminUserId, role: 'admin' });
    return account!;
  });
}

export async function updateAccount(db: Database, scope: AccountScope, patch: AccountPatch) {
  assertAdmin(scope);
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(schema.accounts).where(eq(schema.accounts.id, scope.accountId));
    if (!before) throw notFound('account');
    const [row] = await tx.update(schema.accounts).set(patch).where(eq(schema.accounts.id, scope.accountId)).returning();
    const changed = Object.fromEntries(
      Object.entries(patch).filter(([key, value]) => before[key as keyof typeof before] !== value).map(([key, value]) => [key, { from: before[key as keyof typeof before], to: value }]),
    );
    await recordAudit(tx, scope, { action: 'account.updated', targetType: 'account', targetId: scope.accountId, details: changed });
    await recordEvents(tx, [{ type: 'account.updated', accountId: scope.accountId, payload: { fields: Object.keys(changed) }, audience: { kind: 'account' } }]);
    return presentAccount(row!, scope);
  });
}
