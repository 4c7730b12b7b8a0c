import { eq } from 'drizzle-orm';
import { type Database, schema } from '@touchpoint/db';
import { listConversationLabels } from '@touchpoint/conversations';
import type { Condition } from './definitions.ts';

/** What conditions look at, loaded once per event. */
export interface RuleContext {
  conversation: typeof schema.conversations.$inferSelect;
  channel: string;
  labelIds: string[];
  contact: { locale: string | null; attributes: Record<string, unknown> } | null;
  timeZone: string;
  message: { direction: string; body: string } | null;
  slaTarget: string | null;
  now: Date;
}

/** What a rule sees; null when there is nothing to act on (gone, or merged: read-only, its work goes on in the target). */
export async function loadRuleContext(tx: Database, conversationId: string, payload: Record<string, unknown>, now: Date): Promise<RuleContext | null> {
  const [row] = await tx
    .select({ conversation: schema.conversations, channel: schema.inboxes.channel, timeZone: schema.accounts.timeZone, locale: schema.contacts.locale, attributes: schema.contacts.attributes })
    .from(schema.conversations)
    .innerJoin(schema.inboxes, eq(schema.inboxes.id, schema.conversations.inboxId))
    .innerJoin(schema.accounts, eq(schema.accounts.id, schema.conversations.accountId))
    .leftJoin(schema.contacts, eq(schema.contacts.id, schema.conversations.contactId))
    .where(eq(schema.conversations.id, conversationId));
  if (!row || row.conversation.mergedIntoId) return null;
  const labels = (await listConversationLabels(tx, [conversationId])).get(conversationId) ?? [];
  const message = payload.message as { direction?: string; body?: string } | undefined;
  return {
    conversation: row.conversation,
    channel: row.channel,
    labelIds: labels.map((label) => label.id),
    contact: row.attributes ? { locale: row.locale, attributes: row.attributes } : null,
    timeZone: row.timeZone,
    message: message ? { direction: message.direction ?? '', body: message.body ?? '' } : null,
    slaTarget: typeof payload.target === 'string' ? payload.target : null,
    now,
  };
}

const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : [String(value)]);

function compare(operator: string, actual: string | null | undefined, value: unknown): boolean {
  if (operator === 'equals') return actual === value;
  if (operator === 'not_equals') return actual !== value;
  if (operator === 'in') return actual != null && list(value).includes(actual);
  return false;
}

/** Lower-cases with the root locale; substring search works for CJK text, which has no word boundaries. */
const fold = (text: string) => text.normalize('NFKC').toLocaleLowerCase('und');

/** Weekday (1 = Monday … 7 = Sunday) and hour in a time zone. */
export function localTimeOf(at: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: 'numeric', hourCycle: 'h23' }).formatToParts(at);
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.find((part) => part.type === 'weekday')!.value) + 1;
  return { weekday, hour: Number(parts.find((part) => part.type === 'hour')!.value) };
}

export function matchesCondition(condition: Condition, context: RuleContext): boolean {
  const { conversation } = context;
  const value = condition.value;
  switch (condition.field) {
    case 'channel':
      return compare(condition.operator, context.channel, value);
    case 'inbox':
      return compare(condition.operator, conversation.inboxId, value);
    case 'status':
      return compare(condition.operator, conversation.status, value);
    case 'priority':
      return compare(condition.operator, conversation.priority, value);
    case 'assignee':
      if (condition.operator === 'is_none') return conversation.assigneeId === null;
      if (condition.operator === 'is_any') return conversation.assigneeId !== null;
      return compare(condition.operator, conversation.assigneeId, value);
    case 'label':
      return condition.operator === 'has' ? context.labelIds.includes(String(value)) : !context.labelIds.includes(String(value));
    case 'message_text': {
      // No message (e.g. conversation.updated): "contains" cannot hold, "not contains" does.
      const found = context.message !== null && fold(context.message.body).includes(fold(String(value)));
      return condition.operator === 'contains' ? found : !found;
    }
    case 'message_direction':
      return context.message?.direction === value;
    case 'contact_attribute': {
      const { key, value: wanted } = value as { key: string; value: unknown };
      const actual = context.contact?.attributes[key];
      if (actual === undefined || actual === null) return false;
      if (condition.operator === 'equals') return actual === wanted || String(actual) === String(wanted);
      return fold(String(actual)).includes(fold(String(wanted)));
    }
    case 'contact_language': {
      const locale = context.contact?.locale ?? null;
      const language = locale?.split('-')[0] ?? null;
      return list(value).some((wanted) => wanted === locale || wanted === language);
    }
    case 'time': {
      const { days, fromHour, toHour } = value as { days: number[]; fromHour: number; toHour: number };
      const local = localTimeOf(context.now, context.timeZone);
      const within = days.includes(local.weekday) && local.hour >= fromHour && local.hour < toHour;
      return condition.operator === 'within' ? within : !within;
    }
    case 'sla_target':
      return context.slaTarget === value;
    default:
      return false;
  }
}

export const matchesAll = (conditions: Condition[], context: RuleContext) => conditions.every((condition) => matchesCondition(condition, context));
