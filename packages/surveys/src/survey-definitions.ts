import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { notFound, validationFailed, type SurveyKind } from '@touchpoint/core';
import { type Database, schema, type SurveyLocale, type SurveyText, type SurveyTrigger } from '@touchpoint/db';
import { recordEvents } from '@touchpoint/events';
import { DEFAULT_DETRACTOR_MAX, SURVEY_SCALES } from './survey-scoring.ts';
import { DEFAULT_SURVEY_TEXT } from './survey-text.ts';
import { importCsatHistory } from './csat-mirror.ts';
import { generateSigningKey } from './survey-tokens.ts';

export type SurveyStatus = 'draft' | 'live' | 'paused';
export type SurveyChannel = 'email' | 'in_app' | 'link';
export type SurveyRow = typeof schema.surveys.$inferSelect;

export interface SurveyInput {
  name: string;
  kind: SurveyKind;
  status?: SurveyStatus;
  texts?: Partial<Record<SurveyLocale, SurveyText>>;
  triggers?: SurveyTrigger[];
  channel?: SurveyChannel;
  detractorMaxScore?: number;
  detractorAction?: boolean;
  detractorInboxId?: string | null;
}

export function presentSurvey(row: SurveyRow) {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    status: row.status,
    builtIn: row.builtIn,
    texts: row.texts,
    triggers: row.triggers,
    channel: row.channel,
    detractorMaxScore: row.detractorMaxScore,
    detractorAction: row.detractorAction,
    detractorInboxId: row.detractorInboxId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
export type Survey = ReturnType<typeof presentSurvey>;

/** The account's surveys, oldest first; the helpdesk's conversation CSAT is always among them (created on first look). */
export async function listSurveys(db: Database, accountId: string) {
  await ensureConversationCsatSurvey(db, accountId);
  const rows = await db.select().from(schema.surveys).where(eq(schema.surveys.accountId, accountId)).orderBy(asc(schema.surveys.createdAt), asc(schema.surveys.name));
  return rows.map(presentSurvey);
}

export async function findSurveyRow(db: Database, accountId: string, surveyId: string) {
  const [row] = await db.select().from(schema.surveys).where(and(eq(schema.surveys.accountId, accountId), eq(schema.surveys.id, surveyId)));
  if (!row) throw notFound('survey');
  return row;
}

export async function getSurvey(db: Database, accountId: string, surveyId: string) {
  return presentSurvey(await findSurveyRow(db, accountId, surveyId));
}

async function assertInput(db: Database, accountId: string, kind: SurveyKind, input: Partial<SurveyInput>) {
  const errors: { path: string; message: string }[] = [];
  const scale = SURVEY_SCALES[kind];
  if (input.detractorMaxScore !== undefined && (input.detractorMaxScore < scale.min || input.detractorMaxScore >= scale.max)) {
    errors.push({ path: 'detractorMaxScore', message: `must be from ${scale.min} to ${scale.max - 1} for ${kind.toUpperCase()}` });
  }
  const inboxIds = new Set<string>([...(input.detractorInboxId ? [input.detractorInboxId] : []), ...(input.triggers ?? []).flatMap((t) => (t.kind === 'conversation_resolved' ? t.inboxIds : []))]);
  if (inboxIds.size > 0) {
    const known = await db.select({ id: schema.inboxes.id }).from(schema.inboxes).where(eq(schema.inboxes.accountId, accountId));
    const ids = new Set(known.map((row) => row.id));
    for (const inboxId of inboxIds) if (!ids.has(inboxId)) errors.push({ path: input.detractorInboxId === inboxId ? 'detractorInboxId' : 'triggers', message: `inbox ${inboxId} is not an inbox of this account` });
  }
  if (errors.length > 0) throw validationFailed(errors);
}

/** Creates a survey; missing wording starts from the defaults of its kind in every language. */
export async function createSurvey(db: Database, accountId: string, input: SurveyInput) {
  await assertInput(db, accountId, input.kind, input);
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(schema.surveys).values({
      accountId,
      name: input.name,
      kind: input.kind,
      status: input.status ?? 'draft',
      texts: { ...DEFAULT_SURVEY_TEXT[input.kind], ...input.texts },
      triggers: input.triggers ?? [],
      channel: input.channel ?? 'email',
      detractorMaxScore: input.detractorMaxScore ?? DEFAULT_DETRACTOR_MAX[input.kind],
      detractorAction: input.detractorAction ?? true,
      detractorInboxId: input.detractorInboxId ?? null,
    }).returning();
    await announceChange(tx, accountId, row!.id);
    return presentSurvey(row!);
  });
}

/** Edits a survey; the kind of a survey is fixed once created (its answers would no longer compare). */
export async function updateSurvey(db: Database, accountId: string, surveyId: string, input: Partial<Omit<SurveyInput, 'kind'>>) {
  const current = await findSurveyRow(db, accountId, surveyId);
  await assertInput(db, accountId, current.kind, input);
  if (current.builtIn && input.triggers) throw validationFailed([{ path: 'triggers', message: 'the helpdesk’s conversation survey is sent when a conversation is resolved; its rules are set on the inbox' }]);
  return db.transaction(async (tx) => {
    const [row] = await tx.update(schema.surveys).set({ ...input, texts: input.texts ? { ...current.texts, ...input.texts } : undefined, updatedAt: new Date() }).where(and(eq(schema.surveys.accountId, accountId), eq(schema.surveys.id, surveyId))).returning();
    await announceChange(tx, accountId, surveyId);
    return presentSurvey(row!);
  });
}

/** Deletes a survey with its requests and answers; the helpdesk's survey cannot be deleted (pause it instead). */
export async function deleteSurvey(db: Database, accountId: string, surveyId: string) {
  const current = await findSurveyRow(db, accountId, surveyId);
  if (current.builtIn) throw validationFailed([{ path: 'surveyId', message: 'the helpdesk’s conversation survey cannot be deleted' }]);
  await db.transaction(async (tx) => {
    await tx.delete(schema.surveys).where(and(eq(schema.surveys.accountId, accountId), eq(schema.surveys.id, surveyId)));
    await announceChange(tx, accountId, surveyId);
  });
}

function announceChange(tx: Database, accountId: string, surveyId: string) {
  return recordEvents(tx, [{ type: 'survey.changed', accountId, payload: { surveyId }, audience: { kind: 'admins' } }]);
}

/** The account's survey settings, created with a 30-day fatigue window and a fresh signing key on first use. */
export async function ensureSurveySettings(db: Database, accountId: string) {
  await db.insert(schema.surveySettings).values({ accountId, signingKey: generateSigningKey() }).onConflictDoNothing();
  const [row] = await db.select().from(schema.surveySettings).where(eq(schema.surveySettings.accountId, accountId));
  return row!;
}

export async function getSurveySettings(db: Database, accountId: string) {
  const row = await ensureSurveySettings(db, accountId);
  return { fatigueDays: row.fatigueDays };
}

/** Sets the fatigue window: at most one survey per customer per `fatigueDays` across all surveys (0 turns it off). */
export async function updateSurveySettings(db: Database, accountId: string, input: { fatigueDays: number }) {
  await ensureSurveySettings(db, accountId);
  await db.update(schema.surveySettings).set({ fatigueDays: input.fatigueDays, updatedAt: new Date() }).where(eq(schema.surveySettings.accountId, accountId));
  return getSurveySettings(db, accountId);
}

/**
 * The helpdesk's satisfaction survey as a survey of this domain (built in, CSAT, live): created once per account,
 * and on creation every earlier helpdesk rating is imported as its answer (see csat-mirror.ts).
 */
export async function ensureConversationCsatSurvey(db: Database, accountId: string): Promise<SurveyRow> {
  const [existing] = await db.select().from(schema.surveys).where(and(eq(schema.surveys.accountId, accountId), eq(schema.surveys.builtIn, 'conversation_csat')));
  if (existing) return existing;
  return db.transaction(async (tx) => {
    const [created] = await tx.insert(schema.surveys).values({
      accountId,
      name: 'Conversation satisfaction',
      kind: 'csat',
      status: 'live',
      builtIn: 'conversation_csat',
      texts: DEFAULT_SURVEY_TEXT.csat,
      triggers: [{ kind: 'conversation_resolved', inboxIds: [] }],
      channel: 'link',
      detractorMaxScore: DEFAULT_DETRACTOR_MAX.csat,
      detractorAction: false,
    }).onConflictDoNothing().returning();
    if (!created) {
      const [row] = await tx.select().from(schema.surveys).where(and(eq(schema.surveys.accountId, accountId), eq(schema.surveys.builtIn, 'conversation_csat')));
      return row!;
    }
    await importCsatHistory(tx, created);
    return created;
  });
}

/** Live surveys with a rule of one kind (the triggers sink reads these on each matching event). */
export async function listLiveSurveysWithTrigger(db: Database, accountId: string, kind: SurveyTrigger['kind']) {
  return db.select().from(schema.surveys).where(and(
    eq(schema.surveys.accountId, accountId),
    eq(schema.surveys.status, 'live'),
    sql`${schema.surveys.builtIn} is null`,
    sql`exists (select 1 from jsonb_array_elements(${schema.surveys.triggers}) t where t->>'kind' = ${kind})`,
  ));
}

/** Names of an account's surveys by id, for the touchpoint map's `TouchpointDirectory` (kind `survey`). */
export async function describeSurveyTouchpoints(db: Database, accountId: string, surveyIds: string[]) {
  const ids = surveyIds.filter((value) => /^[0-9a-f-]{36}$/i.test(value));
  if (ids.length === 0) return new Map<string, { name: string; kind: SurveyKind }>();
  const rows = await db.select({ id: schema.surveys.id, name: schema.surveys.name, kind: schema.surveys.kind }).from(schema.surveys).where(and(eq(schema.surveys.accountId, accountId), inArray(schema.surveys.id, ids)));
  return new Map(rows.map((row) => [row.id, { name: row.name, kind: row.kind }]));
}
