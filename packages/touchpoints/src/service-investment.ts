import { sql } from 'drizzle-orm';
import type { Database } from '@touchpoint/db';
import { type DateRange, resolvePeriodBounds, rowsOf } from './report-period.ts';

export const SERVICE_GROUPS = ['service', 'no_service'] as const;
export const CSAT_BANDS = ['satisfied', 'neutral', 'dissatisfied', 'no_answer'] as const;
export const NPS_BANDS = ['promoter', 'passive', 'detractor', 'no_answer'] as const;

export interface InvestmentGroup {
  group: string;
  customers: number;
  /** Customers with two or more counted orders up to the end of the range. */
  repeatCustomers: number;
  repeatRate: number | null;
  /** Customers with at least one counted order in `currency` (the lifetime value averages are over these). */
  valuedCustomers: number;
  averageLifetimeValueMinor: number | null;
  medianLifetimeValueMinor: number | null;
}

export interface ServiceInvestment {
  timeZone: string;
  range: DateRange;
  /** The currency lifetime values are in; null when the cohort has no orders. */
  currency: string | null;
  /** Every currency the account's counted orders use, most used first. */
  currencies: string[];
  /** Counted orders of the cohort in other currencies, left out of lifetime value (still counted for repeat purchase). */
  otherCurrencyOrders: number;
  byService: InvestmentGroup[];
  byCsat: InvestmentGroup[];
  byNps: InvestmentGroup[];
}

interface GroupRow {
  service: string | null;
  csat: string | null;
  nps: string | null;
  customers: number;
  repeat: number;
  valued: number;
  average: number | null;
  median: number | null;
  other: number;
  dimension: number;
}

/** Orders that count: not cancelled, not refunded or voided in full. */
const countedOrder = sql`o.cancelled_at is null and o.financial_status not in ('refunded', 'voided') and o.contact_id is not null`;

/**
 * Service as an investment, for a range (days in the account's time zone).
 * Cohort: customers with at least one counted order placed before the end of the range who were active in it (placed
 * an order or had a conversation). Lifetime value: the sum of their counted orders placed before the end of the range,
 * in one currency (the one asked for, else the account's most used one); repeat purchase: two or more counted orders.
 * Groups: had a conversation created in the range or not; latest CSAT and NPS answer before the end of the range.
 */
export async function measureServiceInvestment(db: Database, accountId: string, range: DateRange, requestedCurrency?: string): Promise<ServiceInvestment> {
  const bounds = await resolvePeriodBounds(db, accountId, range);
  const currencies = rowsOf<{ currency: string }>(await db.execute(sql`
    select o.currency from orders o where o.account_id = ${accountId} and ${countedOrder} and o.placed_at < ${bounds.end}
    group by o.currency order by count(*) desc, o.currency`)).map((row) => row.currency);
  const currency = requestedCurrency ?? currencies[0] ?? null;
  const rows = rowsOf<GroupRow>(await db.execute(sql`
    with served as (
      select distinct c.contact_id from conversations c
      where c.account_id = ${accountId} and c.merged_into_id is null and c.created_at >= ${bounds.start} and c.created_at < ${bounds.end}
    ), active as (
      select o.contact_id from orders o where o.account_id = ${accountId} and ${countedOrder} and o.placed_at >= ${bounds.start} and o.placed_at < ${bounds.end}
      union select contact_id from served
    ), lifetime as (
      select o.contact_id, count(*) as orders,
        sum(o.total_minor) filter (where o.currency = ${currency}) as value,
        count(*) filter (where o.currency is distinct from ${currency}) as other
      from orders o join active a on a.contact_id = o.contact_id
      where o.account_id = ${accountId} and ${countedOrder} and o.placed_at < ${bounds.end}
      group by o.contact_id
    ), answers as (
      select distinct on (e.contact_id, e.properties->>'kind') e.contact_id, e.properties->>'kind' as kind, (e.properties->>'score')::numeric as score
      from customer_events e
      where e.account_id = ${accountId} and e.name = 'survey.answered' and e.contact_id is not null and e.occurred_at < ${bounds.end}
        and e.properties->>'kind' in ('csat', 'nps') and jsonb_typeof(e.properties->'score') = 'number'
      order by e.contact_id, e.properties->>'kind', e.occurred_at desc
    ), cohort as (
      select l.*,
        case when s.contact_id is not null then 'service' else 'no_service' end as service,
        case when csat.score is null then 'no_answer' when csat.score >= 4 then 'satisfied' when csat.score = 3 then 'neutral' else 'dissatisfied' end as csat,
        case when nps.score is null then 'no_answer' when nps.score >= 9 then 'promoter' when nps.score >= 7 then 'passive' else 'detractor' end as nps
      from lifetime l
      left join served s on s.contact_id = l.contact_id
      left join answers csat on csat.contact_id = l.contact_id and csat.kind = 'csat'
      left join answers nps on nps.contact_id = l.contact_id and nps.kind = 'nps'
    )
    select service, csat, nps, grouping(service, csat, nps)::int as dimension,
      count(*)::int as customers, count(*) filter (where orders >= 2)::int as repeat,
      count(value)::int as valued, round(avg(value))::float as average,
      percentile_cont(0.5) within group (order by value)::float as median, sum(other)::int as other
    from cohort group by grouping sets ((service), (csat), (nps))`));
  const build = (values: readonly string[], pick: (row: GroupRow) => string | null) =>
    values.map((group): InvestmentGroup => {
      const row = rows.find((candidate) => pick(candidate) === group);
      const customers = row?.customers ?? 0;
      return {
        group,
        customers,
        repeatCustomers: row?.repeat ?? 0,
        repeatRate: customers > 0 ? Math.round(((row?.repeat ?? 0) / customers) * 1000) / 1000 : null,
        valuedCustomers: row?.valued ?? 0,
        averageLifetimeValueMinor: row?.average ?? null,
        medianLifetimeValueMinor: row?.median === null || row?.median === undefined ? null : Math.round(row.median),
      };
    });
  const byService = build(SERVICE_GROUPS, (row) => row.service);
  return {
    timeZone: bounds.timeZone,
    range,
    currency,
    currencies,
    otherCurrencyOrders: rows.filter((row) => row.service !== null).reduce((sum, row) => sum + row.other, 0),
    byService,
    byCsat: build(CSAT_BANDS, (row) => row.csat),
    byNps: build(NPS_BANDS, (row) => row.nps),
  };
}
