import { and, eq, inArray } from 'drizzle-orm';
import { type FieldError, validationFailed } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import type { Action, Condition } from './definitions.ts';

/** The tables that ids in action params and condition values must belong to, in the same account. */
const REFERENCES = {
  userId: { table: schema.memberships, id: schema.memberships.userId, accountId: schema.memberships.accountId, what: 'member' },
  teamId: { table: schema.teams, id: schema.teams.id, accountId: schema.teams.accountId, what: 'team' },
  labelId: { table: schema.labels, id: schema.labels.id, accountId: schema.labels.accountId, what: 'label' },
  cannedReplyId: { table: schema.cannedReplies, id: schema.cannedReplies.id, accountId: schema.cannedReplies.accountId, what: 'canned reply' },
  webhookId: { table: schema.webhooks, id: schema.webhooks.id, accountId: schema.webhooks.accountId, what: 'webhook' },
  inboxId: { table: schema.inboxes, id: schema.inboxes.id, accountId: schema.inboxes.accountId, what: 'inbox' },
} as const;
type ReferenceKey = keyof typeof REFERENCES;

const CONDITION_REFERENCES: Record<string, ReferenceKey> = { inbox: 'inboxId', label: 'labelId', assignee: 'userId' };

/** Ids named by a rule or macro must exist in the account (400 naming the path otherwise), so no rule points elsewhere. */
export async function assertReferencesExist(db: Database, accountId: string, input: { conditions?: Condition[]; actions?: Action[] }) {
  const wanted: { path: string; key: ReferenceKey; id: string }[] = [];
  input.actions?.forEach((action, index) => {
    for (const key of Object.keys(REFERENCES) as ReferenceKey[]) {
      const id = action.params?.[key];
      if (typeof id === 'string') wanted.push({ path: `actions.${index}.params.${key}`, key, id });
    }
  });
  input.conditions?.forEach((condition, index) => {
    const key = CONDITION_REFERENCES[condition.field];
    if (!key) return;
    for (const id of Array.isArray(condition.value) ? condition.value : [condition.value]) {
      if (typeof id === 'string') wanted.push({ path: `conditions.${index}.value`, key, id });
    }
  });
  const errors: FieldError[] = [];
  for (const key of new Set(wanted.map((entry) => entry.key))) {
    const ref = REFERENCES[key];
    const ids = [...new Set(wanted.filter((entry) => entry.key === key).map((entry) => entry.id))];
    const found = await db.select({ id: ref.id }).from(ref.table).where(and(eq(ref.accountId, accountId), inArray(ref.id, ids)));
    const known = new Set(found.map((row) => row.id));
    for (const entry of wanted) if (entry.key === key && !known.has(entry.id)) errors.push({ path: entry.path, message: `no ${ref.what} ${entry.id} in this account` });
  }
  if (errors.length > 0) throw validationFailed(errors);
}
