import { and, eq, isNull } from 'drizzle-orm';
import { type AccountScope, notFound } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { recordEvents } from '@touchpoint/events';
import { assertAdmin } from './access.ts';
import { recordAudit } from './audit.ts';
import { generateSecret, hashSecret } from './tokens.ts';

/** Keys look like `tp_<43 chars>`; the first 10 characters are kept in clear so people can tell keys apart. */
const KEY_PREFIX = 'tp_';

export async function listApiKeys(db: Database, scope: AccountScope) {
  assertAdmin(scope);
  const rows = await db
    .select()
    .from(schema.apiKeys)
    .where(and(eq(schema.apiKeys.accountId, scope.accountId), isNull(schema.apiKeys.revokedAt)))
    .orderBy(schema.apiKeys.createdAt);
  return rows.map((row) => ({ id: row.id, name: row.name, prefix: row.prefix, createdAt: row.createdAt.toISOString(), lastUsedAt: row.lastUsedAt?.toISOString() ?? null, createdBy: row.createdBy }));
}

export async function createApiKey(db: Database, scope: AccountScope, input: { name: string }) {
  assertAdmin(scope);
  const key = KEY_PREFIX + generateSecret();
  const prefix = key.slice(0, 10);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(schema.apiKeys)
      .values({ accountId: scope.accountId, name: input.name.trim(), prefix, keyHash: hashSecret(key), createdBy: scope.actor.type === 'user' ? scope.actor.id : null })
      .returning();
    await recordAudit(tx, scope, { action: 'api_key.created', targetType: 'api_key', targetId: row!.id, details: { name: row!.name, prefix } });
    await recordEvents(tx, [{ type: 'api_key.created', accountId: scope.accountId, payload: { apiKeyId: row!.id }, audience: { kind: 'admins' } }]);
    return { id: row!.id, name: row!.name, prefix, key };
  });
}

export async function revokeApiKey(db: Database, scope: AccountScope, apiKeyId: string) {
  assertAdmin(scope);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(schema.apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(schema.apiKeys.id, apiKeyId), eq(schema.apiKeys.accountId, scope.accountId), isNull(schema.apiKeys.revokedAt)))
      .returning();
    if (!row) throw notFound('API key');
    await recordAudit(tx, scope, { action: 'api_key.revoked', targetType: 'api_key', targetId: row.id, details: { name: row.name, prefix: row.prefix } });
    await recordEvents(tx, [{ type: 'api_key.revoked', accountId: scope.accountId, payload: { apiKeyId: row.id }, audience: { kind: 'admins' } }]);
  });
}
