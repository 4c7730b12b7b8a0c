import { type SQL, sql } from 'drizzle-orm';
import type { AttributeCondition, Condition, EventCondition, SurveyCondition } from '@touchpoint/core';

/**
 * Compiles a `Condition` into SQL over one row of `contacts c`, so the same condition answers "does this customer
 * match" (one id), "who matches" (a build or a preview over every contact) and "which of these contacts match" (the
 * incremental path) with one set-based statement and no per-customer round trips.
 *
 * `match` is a boolean expression. `nextChange` lists expressions giving the next moment time alone can flip the
 * result (an event leaving its window, a date crossing its "N days ago" threshold); their least one still in the
 * future is when a re-check is due. Windows exclude their start ("within 30 days" of an event 30 days old is false),
 * so the answer flips exactly at the computed moment. Every subquery is scoped to `c.account_id`.
 */
export interface CompiledCondition {
  match: SQL;
  nextChange: SQL[];
}

/** Profile columns an attribute condition may name, and their type. */
const PROFILE_FIELDS: Record<string, { column: string; type: 'text' | 'date' }> = {
  email: { column: 'c.email', type: 'text' },
  phone: { column: 'c.phone', type: 'text' },
  name: { column: 'c.name', type: 'text' },
  locale: { column: 'c.locale', type: 'text' },
  timeZone: { column: 'c.time_zone', type: 'text' },
  createdAt: { column: 'c.created_at', type: 'date' },
};

export const TRAIT_KEYS = ['orderCount', 'lifetimeValue', 'firstSeenAt', 'lastSeenAt'] as const;
export type TraitKey = (typeof TRAIT_KEYS)[number];

/** Currencies whose amounts have no minor unit: lifetime value is summed in major units. */
const ZERO_DECIMAL_CURRENCIES = ['JPY', 'KRW', 'VND', 'CLP', 'ISK', 'UGX', 'XAF', 'XOF'];

/**
 * System events that are something the customer did (first and last seen count these and every track / identify /
 * page call; a message sent to them or a segment they entered is not them being seen).
 */
export const CUSTOMER_ACTIVITY_EVENTS = ['order.placed', 'message.received', 'survey.answered', 'prompt.clicked', 'return.requested'];
const CUSTOMER_ACTIVITY = `(e.kind <> 'system' or e.name in (${CUSTOMER_ACTIVITY_EVENTS.map((name) => `'${name}'`).join(',')}))`;

/**
 * Computed traits, read from their source tables. This is the one place that knows where a trait comes from: when
 * the events domain keeps a traits store, these expressions switch to reading it (the conditions do not change).
 * Order count and lifetime value ignore cancelled orders; lifetime value adds order totals in major units across
 * currencies without conversion.
 */
export function traitExpression(key: TraitKey): { sql: SQL; type: 'number' | 'date' } {
  switch (key) {
    case 'orderCount':
      return { sql: sql.raw('(select count(*) from orders o where o.account_id = c.account_id and o.contact_id = c.id and o.cancelled_at is null)'), type: 'number' };
    case 'lifetimeValue':
      return {
        sql: sql.raw(`(select coalesce(sum(o.total_minor::numeric / case when o.currency in (${ZERO_DECIMAL_CURRENCIES.map((c) => `'${c}'`).join(',')}) then 1 else 100 end), 0) from orders o where o.account_id = c.account_id and o.contact_id = c.id and o.cancelled_at is null)`),
        type: 'number',
      };
    case 'firstSeenAt':
      return { sql: sql.raw(`(select min(e.occurred_at) from customer_events e where e.account_id = c.account_id and e.contact_id = c.id and ${CUSTOMER_ACTIVITY})`), type: 'date' };
    case 'lastSeenAt':
      return { sql: sql.raw(`(select max(e.occurred_at) from customer_events e where e.account_id = c.account_id and e.contact_id = c.id and ${CUSTOMER_ACTIVITY})`), type: 'date' };
  }
}

/** A property path (`total`, `order.id`) as a PostgreSQL text[] literal for `#>>`. */
function propertyPath(property: string): SQL {
  const parts = property.split('.').map((part) => `"${part.replace(/["\\]/g, (ch) => `\\${ch}`)}"`);
  return sql`${`{${parts.join(',')}}`}::text[]`;
}

type ValueType = 'text' | 'number' | 'boolean' | 'date';

/** A jsonb text value read as `type`, null when it is not of that type (never a cast error). */
function typedJson(json: SQL, text: SQL, type: ValueType): SQL {
  switch (type) {
    case 'number':
      return sql`(case when jsonb_typeof(${json}) = 'number' then (${text})::numeric when ${text} ~ '^-?[0-9]+(\\.[0-9]+)?$' then (${text})::numeric end)`;
    case 'boolean':
      return sql`(case when jsonb_typeof(${json}) = 'boolean' then (${text})::boolean end)`;
    case 'date':
      return sql`(case when ${text} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?)?$' then (${text})::timestamptz end)`;
    case 'text':
      return text;
  }
}

function valueType(value: unknown): ValueType {
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  return 'text';
}

function typedParam(value: string | number | boolean | undefined, type: ValueType): SQL {
  switch (type) {
    case 'number':
      return sql`${Number(value)}::numeric`;
    case 'boolean':
      return sql`${value === true || value === 'true'}::boolean`;
    case 'date':
      return sql`${String(value)}::timestamptz`;
    case 'text':
      return sql`${String(value ?? '')}::text`;
  }
}

const COMPARATORS = { eq: '=', neq: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

/**
 * Compares a typed expression. Text compares case-insensitively; `neq` is true for a customer without the value
 * (they are "not gold" too); `contains` is a case-insensitive substring.
 */
function compare(left: SQL, operator: keyof typeof COMPARATORS | 'contains', right: string | number | boolean | undefined, type: ValueType): SQL {
  if (operator === 'contains') return sql`(strpos(lower(${left}::text), lower(${String(right ?? '')}::text)) > 0)`;
  const l = type === 'text' ? sql`lower(${left})` : left;
  const r = type === 'text' ? sql`lower(${typedParam(right, type)})` : typedParam(right, type);
  if (operator === 'neq') return sql`(${l} is distinct from ${r})`;
  return sql`coalesce(${l} ${sql.raw(COMPARATORS[operator])} ${r}, false)`;
}

const daysAgo = (now: Date, days: number) => sql`(${now.toISOString()}::timestamptz - make_interval(days => ${days}::int))`;
const daysAfter = (at: SQL, days: number) => sql`(${at} + make_interval(days => ${days}::int))`;

/** The expression an attribute key reads and its type (`email`, `attributes.plan`, `traits.orderCount`). */
export function attributeExpression(key: string, condition?: Pick<AttributeCondition, 'operator' | 'value'>): { sql: SQL; type: ValueType } | null {
  const field = PROFILE_FIELDS[key];
  if (field) return { sql: sql.raw(field.column), type: field.type };
  if (key.startsWith('traits.')) {
    const trait = key.slice('traits.'.length);
    return (TRAIT_KEYS as readonly string[]).includes(trait) ? traitExpression(trait as TraitKey) : null;
  }
  if (key.startsWith('attributes.')) {
    const name = key.slice('attributes.'.length);
    if (!/^[A-Za-z0-9_][A-Za-z0-9_-]{0,63}$/.test(name)) return null;
    const type: ValueType = condition && (condition.operator === 'before_days_ago' || condition.operator === 'within_days') ? 'date' : valueType(condition?.value);
    const json = sql`(c.attributes -> ${name}::text)`;
    const text = sql`(c.attributes ->> ${name}::text)`;
    // A date given as an ISO string compares as a date.
    const isDateValue = type === 'text' && typeof condition?.value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(condition.value) && condition.operator !== 'eq' && condition.operator !== 'neq' && condition.operator !== 'contains';
    const finalType = isDateValue ? 'date' : type;
    return { sql: typedJson(json, text, finalType), type: finalType };
  }
  return null;
}

function compileAttribute(condition: AttributeCondition, now: Date): CompiledCondition {
  const target = attributeExpression(condition.key, condition);
  if (!target) return { match: sql`false`, nextChange: [] };
  switch (condition.operator) {
    case 'exists':
      return { match: target.type === 'text' ? sql`coalesce(${target.sql} <> '', false)` : sql`(${target.sql} is not null)`, nextChange: [] };
    case 'not_exists':
      return { match: target.type === 'text' ? sql`coalesce(${target.sql} = '', true)` : sql`(${target.sql} is null)`, nextChange: [] };
    case 'before_days_ago':
    case 'within_days': {
      const days = Math.max(0, Math.floor(Number(condition.value ?? 0)));
      const at = target.type === 'date' ? target.sql : sql`null::timestamptz`;
      const match = condition.operator === 'before_days_ago' ? sql`coalesce(${at} <= ${daysAgo(now, days)}, false)` : sql`coalesce(${at} > ${daysAgo(now, days)}, false)`;
      return { match, nextChange: [daysAfter(at, days)] };
    }
    default:
      return { match: compare(target.sql, condition.operator, condition.value, target.type), nextChange: [] };
  }
}

/** The customer's events named `name` (in the window, matching the filters), as a FROM/WHERE clause on `e`. */
function eventScope(name: string, withinDays: number | undefined, now: Date, where: SQL[]): SQL {
  const window = withinDays ? sql` and e.occurred_at > ${daysAgo(now, withinDays)}` : sql``;
  const filters = where.length > 0 ? sql` and ${sql.join(where, sql` and `)}` : sql``;
  return sql`from customer_events e where e.account_id = c.account_id and e.contact_id = c.id and e.name = ${name}::text and e.occurred_at <= ${now.toISOString()}::timestamptz${window}${filters}`;
}

function compileEvent(condition: EventCondition, now: Date): CompiledCondition {
  const filters = (condition.where ?? []).map((filter) => {
    const path = propertyPath(filter.property);
    const type = filter.operator === 'contains' ? 'text' : valueType(filter.value);
    return compare(typedJson(sql`(e.properties #> ${path})`, sql`(e.properties #>> ${path})`, type), filter.operator, filter.value, type);
  });
  const scope = eventScope(condition.name, condition.withinDays, now, filters);
  const counted = condition.distinctProperty ? sql`count(distinct (e.properties #>> ${propertyPath(condition.distinctProperty)}))` : sql`count(*)`;
  const op = sql.raw(COMPARATORS[condition.operator]);
  const match = sql`((select ${counted} ${scope}) ${op} ${condition.count})`;
  const nextChange = condition.withinDays ? [sql`(select min(e.occurred_at) + make_interval(days => ${condition.withinDays}::int) ${scope})`] : [];
  return { match, nextChange };
}

function compileSurvey(condition: SurveyCondition, now: Date): CompiledCondition {
  const scope = eventScope('survey.answered', condition.withinDays, now, [sql`e.properties ->> 'kind' = ${condition.survey}::text`]);
  const score = sql`(case when jsonb_typeof(e.properties -> 'score') = 'number' then (e.properties ->> 'score')::numeric end)`;
  const nextChange = condition.withinDays ? [sql`(select min(e.occurred_at) + make_interval(days => ${condition.withinDays}::int) ${scope})`] : [];
  if (condition.operator === 'answered') return { match: sql`exists (select 1 ${scope})`, nextChange };
  if (condition.operator === 'not_answered') return { match: sql`not exists (select 1 ${scope})`, nextChange };
  const op = sql.raw(COMPARATORS[condition.operator]);
  const target = condition.score ?? 0;
  if (condition.match === 'any') return { match: sql`exists (select 1 ${scope} and ${score} ${op} ${target})`, nextChange };
  return { match: sql`coalesce((select ${score} ${scope} order by e.occurred_at desc, e.received_at desc limit 1) ${op} ${target}, false)`, nextChange };
}

export function compileCondition(condition: Condition, now: Date): CompiledCondition {
  switch (condition.kind) {
    case 'attribute':
      return compileAttribute(condition, now);
    case 'event':
      return compileEvent(condition, now);
    case 'survey':
      return compileSurvey(condition, now);
    case 'segment': {
      const member = sql`exists (select 1 from segment_memberships m where m.segment_id = ${condition.segmentId}::uuid and m.contact_id = c.id and m.account_id = c.account_id)`;
      return { match: condition.member ? member : sql`not ${member}`, nextChange: [] };
    }
    case 'all':
    case 'any': {
      if (condition.conditions.length === 0) return { match: condition.kind === 'all' ? sql`true` : sql`false`, nextChange: [] };
      const parts = condition.conditions.map((inner) => compileCondition(inner, now));
      return {
        match: sql`(${sql.join(parts.map((p) => p.match), condition.kind === 'all' ? sql` and ` : sql` or `)})`,
        nextChange: parts.flatMap((p) => p.nextChange),
      };
    }
  }
}

/** The earliest future moment in `nextChange`, or null (PostgreSQL's least() skips nulls). */
export function nextChangeExpression(compiled: CompiledCondition, now: Date): SQL {
  if (compiled.nextChange.length === 0) return sql`null::timestamptz`;
  const future = compiled.nextChange.map((at) => sql`(case when ${at} > ${now.toISOString()}::timestamptz then ${at} end)`);
  return sql`least(${sql.join(future, sql`, `)})`;
}
