import { eq, sql } from 'drizzle-orm';
import type { TouchpointKind, TouchpointRef } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { KINDS_WITH_IDS, type LifecycleStage, resolveStage, touchpointKey } from './lifecycle-stages.ts';
import { rowsOf } from './report-period.ts';
import type { TouchpointDirectory } from './touchpoint-directory.ts';

/** How many of a customer's touchpoint events the journey view shows at most (the latest ones). */
export const CUSTOMER_JOURNEY_LIMIT = 500;

export interface CustomerJourneyStep {
  id: string;
  name: string;
  occurredAt: string;
  key: string;
  touchpoint: { kind: TouchpointKind; id: string | null; stepId: string | null };
  stage: LifecycleStage;
  /** A suppressed message or survey: why it was not sent. */
  suppressedReason: string | null;
  /** A survey answer: its kind, score and what it was about. */
  answer: { kind: string; score: number; about: TouchpointRef | null } | null;
}

export interface CustomerJourney {
  events: CustomerJourneyStep[];
  /** Every touchpoint that appears, with its name (null: show kind and short id) and stage. */
  touchpoints: { key: string; kind: TouchpointKind; id: string | null; name: string | null; stage: LifecycleStage }[];
  /** True when older events were left out (more than CUSTOMER_JOURNEY_LIMIT). */
  truncated: boolean;
}

interface Row {
  id: string;
  name: string;
  occurred_at: Date | string;
  touchpoint_kind: TouchpointKind;
  touchpoint_id: string | null;
  touchpoint_step_id: string | null;
  reason: string | null;
  survey_kind: string | null;
  score: number | null;
  about: TouchpointRef | null;
}

/** One customer's touchpoints in time order (optionally within instants), stages resolved like the map's. */
export async function listCustomerTouchpoints(db: Database, accountId: string, contactId: string, directory: TouchpointDirectory, window: { since?: Date; until?: Date } = {}): Promise<CustomerJourney> {
  const rows = rowsOf<Row>(await db.execute(sql`
    select id, name, occurred_at, touchpoint_kind, touchpoint_id, touchpoint_step_id,
      case when name like '%.suppressed' then coalesce(properties->>'reason', 'unknown') end as reason,
      case when name = 'survey.answered' then properties->>'kind' end as survey_kind,
      case when name = 'survey.answered' and jsonb_typeof(properties->'score') = 'number' then (properties->>'score')::float end as score,
      case when name = 'survey.answered' and jsonb_typeof(properties->'about') = 'object' then properties->'about' end as about
    from customer_events
    where account_id = ${accountId} and contact_id = ${contactId} and touchpoint_kind is not null
      ${window.since ? sql`and occurred_at >= ${window.since.toISOString()}` : sql``}
      ${window.until ? sql`and occurred_at < ${window.until.toISOString()}` : sql``}
    order by occurred_at desc, id desc limit ${CUSTOMER_JOURNEY_LIMIT + 1}`));
  const truncated = rows.length > CUSTOMER_JOURNEY_LIMIT;
  const kept = rows.slice(0, CUSTOMER_JOURNEY_LIMIT).reverse();
  const refs = new Map<string, { kind: TouchpointKind; id: string | null }>();
  for (const row of kept) {
    const id = KINDS_WITH_IDS.includes(row.touchpoint_kind) ? row.touchpoint_id : null;
    refs.set(touchpointKey({ kind: row.touchpoint_kind, id }), { kind: row.touchpoint_kind, id });
  }
  const [names, overrideRows] = await Promise.all([
    directory.describe(accountId, [...refs.values()].filter((ref) => ref.kind !== 'channel')),
    db.select().from(schema.touchpointStages).where(eq(schema.touchpointStages.accountId, accountId)),
  ]);
  const overrides = new Map(overrideRows.map((row) => [`${row.touchpointKind}:${row.touchpointId}`, row.stage]));
  const stageOf = (key: string, kind: TouchpointKind) => resolveStage(kind, overrides.get(key), names.get(key)?.stage);
  return {
    events: kept.map((row): CustomerJourneyStep => {
      const key = touchpointKey({ kind: row.touchpoint_kind, id: row.touchpoint_id });
      return {
        id: row.id,
        name: row.name,
        occurredAt: new Date(row.occurred_at).toISOString(),
        key,
        touchpoint: { kind: row.touchpoint_kind, id: row.touchpoint_id, stepId: row.touchpoint_step_id },
        stage: stageOf(key, row.touchpoint_kind),
        suppressedReason: row.reason,
        answer: row.survey_kind && row.score !== null ? { kind: row.survey_kind, score: row.score, about: row.about } : null,
      };
    }),
    touchpoints: [...refs].map(([key, ref]) => ({
      key,
      kind: ref.kind,
      id: ref.id,
      name: ref.kind === 'channel' ? ref.id : (names.get(key)?.name ?? null),
      stage: stageOf(key, ref.kind),
    })),
    truncated,
  };
}
