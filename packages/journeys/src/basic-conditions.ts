import { and, eq, gte, sql } from 'drizzle-orm';
import type { Condition, ConditionPort } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';

type Scalar = string | number | boolean;

function compare(actual: unknown, operator: string, expected: Scalar | undefined, now: Date): boolean {
  switch (operator) {
    case 'exists':
      return actual !== null && actual !== undefined && actual !== '';
    case 'not_exists':
      return actual === null || actual === undefined || actual === '';
    case 'eq':
      return String(actual) === String(expected);
    case 'neq':
      return String(actual) !== String(expected);
    case 'contains':
      return typeof actual === 'string' && actual.toLowerCase().includes(String(expected).toLowerCase());
    case 'before_days_ago':
    case 'within_days': {
      const at = new Date(String(actual)).getTime();
      if (Number.isNaN(at)) return false;
      const edge = now.getTime() - Number(expected) * 86_400_000;
      return operator === 'before_days_ago' ? at < edge : at >= edge;
    }
    default: {
      const a = Number(actual);
      const b = Number(expected);
      if (Number.isNaN(a) || Number.isNaN(b)) return false;
      return operator === 'gt' ? a > b : operator === 'gte' ? a >= b : operator === 'lt' ? a < b : a <= b;
    }
  }
}

/**
 * A small ConditionPort over contacts and customer_events, for a server where @touchpoint/segments' evaluator is not
 * wired: `attribute` conditions on profile fields and custom attributes, `event` counts (window, property filters,
 * distinct property), and all/any groups. Computed traits, survey and segment conditions are false here.
 */
export function createBasicConditionEvaluator(db: Database): ConditionPort {
  async function matches(accountId: string, contactId: string, condition: Condition, now: Date): Promise<boolean> {
    switch (condition.kind) {
      case 'all':
      case 'any': {
        for (const inner of condition.conditions) {
          const result = await matches(accountId, contactId, inner, now);
          if (condition.kind === 'any' && result) return true;
          if (condition.kind === 'all' && !result) return false;
        }
        return condition.kind === 'all';
      }
      case 'attribute': {
        const [contact] = await db.select().from(schema.contacts).where(and(eq(schema.contacts.accountId, accountId), eq(schema.contacts.id, contactId)));
        if (!contact) return false;
        const profile: Record<string, unknown> = { name: contact.name, email: contact.email, phone: contact.phone, locale: contact.locale, timeZone: contact.timeZone, createdAt: contact.createdAt.toISOString() };
        const actual = condition.key.startsWith('attributes.') ? contact.attributes[condition.key.slice('attributes.'.length)] : condition.key.startsWith('traits.') ? undefined : profile[condition.key];
        return compare(actual, condition.operator, condition.value, now);
      }
      case 'event': {
        const e = schema.customerEvents;
        const rows = await db.select({ properties: e.properties }).from(e)
          .where(and(eq(e.accountId, accountId), eq(e.contactId, contactId), eq(e.name, condition.name), condition.withinDays ? gte(e.occurredAt, new Date(now.getTime() - condition.withinDays * 86_400_000)) : undefined, sql`${e.occurredAt} <= ${now.toISOString()}::timestamptz`))
          .limit(10_000);
        const kept = rows.filter((row) => (condition.where ?? []).every((filter) => compare(row.properties[filter.property], filter.operator, filter.value, now)));
        const count = condition.distinctProperty ? new Set(kept.map((row) => JSON.stringify(row.properties[condition.distinctProperty!] ?? null))).size : kept.length;
        return condition.operator === 'gte' ? count >= condition.count : condition.operator === 'lte' ? count <= condition.count : count === condition.count;
      }
      default:
        return false;
    }
  }
  return { matches };
}
