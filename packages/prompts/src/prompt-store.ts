import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { notFound, validationFailed, type Condition } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { recordEvents } from '@touchpoint/events';
import { type Prompt, type PromptAction, type PromptInput, PromptInputSchema, type PromptPatch, PromptPatchSchema } from './prompt-definition.ts';

const p = schema.prompts;
const d = schema.promptDeliveries;
type PromptRow = typeof p.$inferSelect;

export function presentPrompt(row: PromptRow): Prompt {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    placement: row.placement,
    anchorSelector: row.anchorSelector,
    status: row.status,
    content: row.content as Prompt['content'],
    action: row.action as PromptAction,
    triggerEvent: row.triggerEvent,
    triggerFirstOnly: row.triggerFirstOnly,
    condition: row.condition as Condition | null,
    segmentId: row.segmentId,
    surfaces: row.surfaces,
    frequency: row.frequency,
    frequencyDays: row.frequencyDays,
    startsAt: row.startsAt?.toISOString() ?? null,
    endsAt: row.endsAt?.toISOString() ?? null,
    priority: row.priority,
    pendingMinutes: row.pendingMinutes,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Rules the schema alone cannot say; each broken one is named with its field (422 via validationFailed). */
function checkPromptRules(prompt: Pick<Prompt, 'kind' | 'anchorSelector' | 'frequency' | 'frequencyDays' | 'startsAt' | 'endsAt' | 'content' | 'action'>) {
  const errors: { path: string; message: string }[] = [];
  if (prompt.kind === 'tooltip' && !prompt.anchorSelector) errors.push({ path: 'anchorSelector', message: 'a tooltip needs the CSS selector of the element it points at' });
  if (prompt.frequency === 'every_n_days' && !prompt.frequencyDays) errors.push({ path: 'frequencyDays', message: 'say how many days apart' });
  if (prompt.startsAt && prompt.endsAt && new Date(prompt.endsAt) <= new Date(prompt.startsAt)) errors.push({ path: 'endsAt', message: 'must be after startsAt' });
  if (prompt.action.kind !== 'dismiss') {
    for (const [locale, content] of Object.entries(prompt.content)) {
      if (!content?.ctaLabel) errors.push({ path: `content.${locale}.ctaLabel`, message: 'a call to action needs its button label' });
    }
  }
  if (errors.length > 0) throw validationFailed(errors);
}

const toRowValues = (input: ReturnType<typeof PromptInputSchema.parse>) => ({
  name: input.name,
  kind: input.kind,
  placement: input.placement,
  anchorSelector: input.anchorSelector ?? null,
  status: input.status,
  content: input.content as Record<string, { title: string; body: string; ctaLabel?: string | null; imageUrl?: string | null }>,
  action: input.action,
  triggerEvent: input.triggerEvent ?? null,
  triggerFirstOnly: input.triggerFirstOnly,
  condition: (input.condition ?? null) as Record<string, unknown> | null,
  segmentId: input.segmentId ?? null,
  surfaces: input.surfaces,
  frequency: input.frequency,
  frequencyDays: input.frequency === 'every_n_days' ? (input.frequencyDays ?? null) : null,
  startsAt: input.startsAt ? new Date(input.startsAt) : null,
  endsAt: input.endsAt ? new Date(input.endsAt) : null,
  priority: input.priority,
  pendingMinutes: input.pendingMinutes,
});

const announce = (tx: Database, accountId: string, promptId: string, change: 'created' | 'updated' | 'deleted') =>
  recordEvents(tx, [{ type: 'prompt.changed', accountId, payload: { promptId, change }, audience: { kind: 'admins' } }]);

export async function createPrompt(db: Database, accountId: string, input: PromptInput): Promise<Prompt> {
  const parsed = PromptInputSchema.parse(input);
  checkPromptRules({ ...parsed, anchorSelector: parsed.anchorSelector ?? null, frequencyDays: parsed.frequencyDays ?? null, startsAt: parsed.startsAt ?? null, endsAt: parsed.endsAt ?? null });
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(p).values({ accountId, ...toRowValues(parsed) }).returning();
    await announce(tx, accountId, row!.id, 'created');
    return presentPrompt(row!);
  });
}

export async function findPrompt(db: Database, accountId: string, promptId: string): Promise<Prompt> {
  const [row] = await db.select().from(p).where(and(eq(p.accountId, accountId), eq(p.id, promptId)));
  if (!row) throw notFound('prompt');
  return presentPrompt(row);
}

/** Applies a partial change (including pause/resume through `status`), checked as a whole prompt. */
export async function updatePrompt(db: Database, accountId: string, promptId: string, patch: PromptPatch): Promise<Prompt> {
  const parsedPatch = PromptPatchSchema.parse(patch);
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(p).where(and(eq(p.accountId, accountId), eq(p.id, promptId))).for('update');
    if (!existing) throw notFound('prompt');
    const current = presentPrompt(existing);
    const defined = Object.fromEntries(Object.entries(parsedPatch).filter(([, value]) => value !== undefined));
    const merged = PromptInputSchema.parse({ ...current, ...defined });
    checkPromptRules({ ...merged, anchorSelector: merged.anchorSelector ?? null, frequencyDays: merged.frequencyDays ?? null, startsAt: merged.startsAt ?? null, endsAt: merged.endsAt ?? null });
    const [row] = await tx.update(p).set({ ...toRowValues(merged), updatedAt: new Date() }).where(and(eq(p.accountId, accountId), eq(p.id, promptId))).returning();
    await announce(tx, accountId, promptId, 'updated');
    return presentPrompt(row!);
  });
}

/** Deletes the prompt; its deliveries stay (the timeline and the stats of what customers saw keep their history). */
export async function deletePrompt(db: Database, accountId: string, promptId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const rows = await tx.delete(p).where(and(eq(p.accountId, accountId), eq(p.id, promptId))).returning({ id: p.id });
    if (rows.length === 0) throw notFound('prompt');
    await tx.update(d).set({ status: 'dismissed', dismissedAt: new Date() }).where(and(eq(d.accountId, accountId), eq(d.promptId, promptId), eq(d.status, 'pending')));
    await announce(tx, accountId, promptId, 'deleted');
  });
}

export interface PromptStats {
  triggered: number;
  shown: number;
  clicked: number;
  dismissed: number;
  /** clicked / shown, 0 before anything was shown. */
  clickRate: number;
}

export async function listPrompts(db: Database, accountId: string): Promise<(Prompt & { stats: PromptStats })[]> {
  const rows = await db.select().from(p).where(eq(p.accountId, accountId)).orderBy(desc(p.createdAt));
  const stats = await db
    .select({
      promptId: d.promptId,
      triggered: sql<number>`count(*)::int`,
      shown: sql<number>`count(${d.shownAt})::int`,
      clicked: sql<number>`count(${d.clickedAt})::int`,
      dismissed: sql<number>`count(${d.dismissedAt})::int`,
    })
    .from(d)
    .where(and(eq(d.accountId, accountId), sql`${d.promptId} is not null`))
    .groupBy(d.promptId);
  const byPrompt = new Map(stats.map((row) => [row.promptId, row]));
  return rows.map((row) => {
    const counts = byPrompt.get(row.id);
    const shown = counts?.shown ?? 0;
    const clicked = counts?.clicked ?? 0;
    return {
      ...presentPrompt(row),
      stats: { triggered: counts?.triggered ?? 0, shown, clicked, dismissed: counts?.dismissed ?? 0, clickRate: shown > 0 ? clicked / shown : 0 },
    };
  });
}

/** Names of prompts for the touchpoint map's directory (`TouchpointDirectory`). */
export async function describePrompts(db: Database, accountId: string, promptIds: string[]): Promise<Map<string, { name: string }>> {
  if (promptIds.length === 0) return new Map();
  const rows = await db.select({ id: p.id, name: p.name }).from(p).where(and(eq(p.accountId, accountId), inArray(p.id, promptIds)));
  return new Map(rows.map((row) => [row.id, { name: row.name }]));
}
