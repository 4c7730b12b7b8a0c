import { and, eq, isNotNull } from 'drizzle-orm';
import { type AccountScope, type FieldError, notFound, validationFailed } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { assertAdmin, recordAudit } from '@touchpoint/accounts';
import type { ChannelField, ChannelInbox, ChannelRegistry } from './channel-adapter.ts';

type InboxRow = typeof schema.inboxes.$inferSelect;

const toChannelInbox = (row: InboxRow): ChannelInbox => ({
  id: row.id, accountId: row.accountId, name: row.name, channel: row.channel, config: row.channelConfig, secrets: row.channelSecrets, channelKey: row.channelKey, mediaKey: row.mediaKey,
});

/** The connected inbox a provider's webhook names by its public key; null when there is none (answer 404). */
export async function findInboxByChannelKey(db: Database, channel: string, channelKey: string): Promise<ChannelInbox | null> {
  const [row] = await db
    .select()
    .from(schema.inboxes)
    .where(and(eq(schema.inboxes.channel, channel), eq(schema.inboxes.channelKey, channelKey), isNotNull(schema.inboxes.channelConnectedAt)));
  return row ? toChannelInbox(row) : null;
}

/** Every connected inbox of a channel (a provider webhook that names the page or number, not the inbox). */
export async function listConnectedInboxes(db: Database, channel: string): Promise<ChannelInbox[]> {
  const rows = await db.select().from(schema.inboxes).where(and(eq(schema.inboxes.channel, channel), isNotNull(schema.inboxes.channelConnectedAt)));
  return rows.map(toChannelInbox);
}

/** `<base>/channels/<channel>/<key>`: where the provider posts this inbox's messages and statuses. */
export const channelWebhookUrl = (baseUrl: URL | string, inbox: Pick<InboxRow, 'channel' | 'channelKey'>) => new URL(`/channels/${inbox.channel}/${inbox.channelKey}`, baseUrl).toString();

async function findAccountInbox(db: Database, scope: AccountScope, inboxId: string) {
  const [row] = await db.select().from(schema.inboxes).where(and(eq(schema.inboxes.accountId, scope.accountId), eq(schema.inboxes.id, inboxId)));
  if (!row) throw notFound('inbox');
  return row;
}

/** How an inbox's channel is connected, for admins: settings, which secrets are set (never their values), the webhook URL. */
export function presentChannel(row: InboxRow, registry: ChannelRegistry, baseUrl: URL | string) {
  const adapter = registry.get(row.channel);
  return {
    inboxId: row.id,
    channel: row.channel,
    supported: Boolean(adapter),
    connected: row.channelConnectedAt !== null,
    connectedAt: row.channelConnectedAt?.toISOString() ?? null,
    config: row.channelConfig,
    secretsSet: Object.keys(row.channelSecrets).sort(),
    fields: adapter?.fields ?? [],
    webhookUrl: channelWebhookUrl(baseUrl, row),
  };
}

export async function getInboxChannel(db: Database, scope: AccountScope, inboxId: string, registry: ChannelRegistry, baseUrl: URL | string) {
  assertAdmin(scope);
  return presentChannel(await findAccountInbox(db, scope, inboxId), registry, baseUrl);
}

/** Checks settings against the channel's fields: unknown keys refused, required ones present (a secret already set may be left out). */
function checkSettings(fields: ChannelField[], current: InboxRow, input: { config: Record<string, string>; secrets: Record<string, string> }) {
  const errors: FieldError[] = [];
  const byKey = new Map(fields.map((field) => [field.key, field]));
  for (const [group, values] of [['config', input.config], ['secrets', input.secrets]] as const) {
    for (const key of Object.keys(values)) {
      const field = byKey.get(key);
      if (!field || Boolean(field.secret) !== (group === 'secrets')) errors.push({ path: `${group}.${key}`, message: `is not a ${group === 'secrets' ? 'secret' : 'setting'} of the ${current.channel} channel` });
    }
  }
  for (const field of fields) {
    const value = field.secret ? input.secrets[field.key] ?? current.channelSecrets[field.key] : input.config[field.key];
    if (field.required && !value?.trim()) errors.push({ path: `${field.secret ? 'secrets' : 'config'}.${field.key}`, message: 'is required' });
    if (field.kind === 'url' && value?.trim() && !URL.canParse(value.trim())) errors.push({ path: `config.${field.key}`, message: 'must be a URL' });
    if (field.kind === 'email' && value?.trim() && !/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(value.trim())) errors.push({ path: `config.${field.key}`, message: 'must be an email address' });
  }
  if (errors.length > 0) throw validationFailed(errors);
}

/**
 * Connects (or reconnects) an inbox's channel: settings replace the old ones; secrets given replace theirs, secrets
 * left out are kept. From then on replies in the inbox go out through the channel and its webhook accepts messages.
 */
export async function connectInboxChannel(db: Database, scope: AccountScope, inboxId: string, registry: ChannelRegistry, input: { config: Record<string, string>; secrets: Record<string, string> }, baseUrl: URL | string, now = new Date()) {
  assertAdmin(scope);
  return db.transaction(async (tx) => {
    const current = await findAccountInbox(tx, scope, inboxId);
    const adapter = registry.get(current.channel);
    if (!adapter) throw validationFailed([{ path: 'channel', message: `the ${current.channel} channel cannot be connected to a provider` }]);
    checkSettings(adapter.fields, current, input);
    const trimmed = (values: Record<string, string>) => Object.fromEntries(Object.entries(values).map(([key, value]) => [key, value.trim()]).filter(([, value]) => value !== ''));
    const [row] = await tx
      .update(schema.inboxes)
      .set({ channelConfig: trimmed(input.config), channelSecrets: { ...current.channelSecrets, ...trimmed(input.secrets) }, channelConnectedAt: current.channelConnectedAt ?? now })
      .where(eq(schema.inboxes.id, inboxId))
      .returning();
    await recordAudit(tx, scope, { action: 'inbox.channel_connected', targetType: 'inbox', targetId: inboxId, details: { channel: current.channel, config: row!.channelConfig, secretsSet: Object.keys(row!.channelSecrets) } });
    return presentChannel(row!, registry, baseUrl);
  });
}

/** Disconnects: replies stay in Touchpoint, the webhook answers 404; settings and secrets are forgotten. */
export async function disconnectInboxChannel(db: Database, scope: AccountScope, inboxId: string, registry: ChannelRegistry, baseUrl: URL | string) {
  assertAdmin(scope);
  return db.transaction(async (tx) => {
    await findAccountInbox(tx, scope, inboxId);
    const [row] = await tx.update(schema.inboxes).set({ channelConfig: {}, channelSecrets: {}, channelConnectedAt: null }).where(eq(schema.inboxes.id, inboxId)).returning();
    await recordAudit(tx, scope, { action: 'inbox.channel_disconnected', targetType: 'inbox', targetId: inboxId, details: { channel: row!.channel } });
    return presentChannel(row!, registry, baseUrl);
  });
}
