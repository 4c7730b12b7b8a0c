import { and, asc, eq } from 'drizzle-orm';
import { type AccountScope, type FieldError, notFound, validationFailed } from '@touchpoint/core';
import { recordAudit } from '@touchpoint/accounts';
import { type Database, schema } from '@touchpoint/db';

/** Where the bot answers: a setting per inbox (web chat, email, messaging channels), off until an admin enables it. */
export interface InboxBotSettings {
  inboxId: string;
  inboxName: string;
  channel: string;
  enabled: boolean;
  answerThreshold: number;
  maxAnswers: number;
}

export const DEFAULT_ANSWER_THRESHOLD = 0.5;
export const DEFAULT_MAX_ANSWERS = 3;

const s = schema.botInboxSettings;

export async function listInboxBotSettings(db: Database, scope: AccountScope): Promise<InboxBotSettings[]> {
  const rows = await db
    .select({ inboxId: schema.inboxes.id, inboxName: schema.inboxes.name, channel: schema.inboxes.channel, enabled: s.enabled, answerThreshold: s.answerThreshold, maxAnswers: s.maxAnswers })
    .from(schema.inboxes)
    .leftJoin(s, eq(s.inboxId, schema.inboxes.id))
    .where(eq(schema.inboxes.accountId, scope.accountId))
    .orderBy(asc(schema.inboxes.name));
  return rows.map((r) => ({ ...r, enabled: r.enabled ?? false, answerThreshold: r.answerThreshold ?? DEFAULT_ANSWER_THRESHOLD, maxAnswers: r.maxAnswers ?? DEFAULT_MAX_ANSWERS }));
}

export async function updateInboxBotSettings(db: Database, scope: AccountScope, inboxId: string, patch: { enabled?: boolean; answerThreshold?: number; maxAnswers?: number }) {
  const errors: FieldError[] = [];
  if (patch.answerThreshold !== undefined && !(patch.answerThreshold >= 0.05 && patch.answerThreshold <= 0.99)) errors.push({ path: 'answerThreshold', message: 'must be from 0.05 to 0.99' });
  if (patch.maxAnswers !== undefined && !(Number.isInteger(patch.maxAnswers) && patch.maxAnswers >= 1 && patch.maxAnswers <= 20)) errors.push({ path: 'maxAnswers', message: 'must be a whole number from 1 to 20' });
  if (errors.length) throw validationFailed(errors);
  await db.transaction(async (tx) => {
    const [inbox] = await tx.select({ id: schema.inboxes.id }).from(schema.inboxes).where(and(eq(schema.inboxes.accountId, scope.accountId), eq(schema.inboxes.id, inboxId)));
    if (!inbox) throw notFound('inbox');
    const values = {
      ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
      ...(patch.answerThreshold !== undefined ? { answerThreshold: patch.answerThreshold } : {}),
      ...(patch.maxAnswers !== undefined ? { maxAnswers: patch.maxAnswers } : {}),
      updatedAt: new Date(),
    };
    await tx.insert(s).values({ inboxId, accountId: scope.accountId, ...values }).onConflictDoUpdate({ target: s.inboxId, set: values });
    await recordAudit(tx, scope, { action: 'bot_inbox_settings.updated', targetType: 'inbox', targetId: inboxId, details: patch });
  });
  const all = await listInboxBotSettings(db, scope);
  return all.find((row) => row.inboxId === inboxId)!;
}
