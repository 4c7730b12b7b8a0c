import { and, eq, isNull } from 'drizzle-orm';
import { type AccountScope, AppError, forbidden, notFound, type Role } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { hashSecret } from './tokens.ts';

/**
 * The scope of a signed-in user inside an account. Not being a member answers 404, not 403,
 * so account ids cannot be probed.
 */
export async function resolveUserScope(db: Database, userId: string, accountId: string): Promise<AccountScope> {
  const [row] = await db
    .select({ role: schema.memberships.role, name: schema.users.name })
    .from(schema.memberships)
    .innerJoin(schema.users, eq(schema.users.id, schema.memberships.userId))
    .where(and(eq(schema.memberships.accountId, accountId), eq(schema.memberships.userId, userId)));
  if (!row) throw notFound('account');
  return { accountId, actor: { type: 'user', id: userId, name: row.name, role: row.role as Role } };
}

export interface ApiKeyIdentity {
  id: string;
  accountId: string;
  name: string;
}

/** Finds the live API key for a bearer secret, recording when it was last used (at most once a minute). */
export async function resolveApiKey(db: Database, secret: string): Promise<ApiKeyIdentity | null> {
  const [key] = await db
    .select()
    .from(schema.apiKeys)
    .where(and(eq(schema.apiKeys.keyHash, hashSecret(secret)), isNull(schema.apiKeys.revokedAt)));
  if (!key) return null;
  if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > 60_000) {
    await db.update(schema.apiKeys).set({ lastUsedAt: new Date() }).where(eq(schema.apiKeys.id, key.id));
  }
  return { id: key.id, accountId: key.accountId, name: key.name };
}

/** API keys act as admins of their one account; any other account answers 404. */
export function scopeForApiKey(key: ApiKeyIdentity, accountId: string): AccountScope {
  if (key.accountId !== accountId) throw notFound('account');
  return { accountId, actor: { type: 'api_key', id: key.id, name: `API key “${key.name}”`, role: 'admin' } };
}

export function assertAdmin(scope: AccountScope) {
  if (scope.actor.role !== 'admin') throw forbidden('Only admins of this account can do this.');
}

export const unauthenticated = () => new AppError('unauthenticated', 'Sign-in required', 'Sign in, or send an API key as a Bearer token.');
