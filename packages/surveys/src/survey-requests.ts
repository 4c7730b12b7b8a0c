import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, inArray, lte, ne, sql } from 'drizzle-orm';
import type { OutreachChannel, OutreachPort, SuppressionReason, TouchpointRef } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { recordCustomerEvents } from '@touchpoint/customer-events';
import { recordEvents } from '@touchpoint/events';
import { ensureSurveySettings, findSurveyRow, type SurveyRow } from './survey-definitions.ts';
import { signSurveyToken } from './survey-tokens.ts';

const DAY_MS = 24 * 3600_000;
/** How long a survey stays answerable after it reached the customer. */
export const SURVEY_ANSWER_WINDOW_DAYS = 30;

export type SurveyRequestChannel = OutreachChannel | 'link';

export interface SurveyRequestInput {
  accountId: string;
  contactId: string;
  surveyId: string;
  /** How the customer is asked: email (score buttons linking to the public page), in_app (widget and portal), link. */
  channel: SurveyRequestChannel;
  /** The touchpoint the survey asks about (an order, a return, a conversation's channel, a journey step). */
  about: TouchpointRef | null;
  /** The touchpoint that asks (a journey step; the survey itself when a rule asks). */
  touchpoint: TouchpointRef;
  /** The same key asks at most once; defaults to the survey, the customer and what it asks about. */
  dedupeKey?: string;
  /** When to ask; now by default (the delivery job sends due requests every minute). */
  dueAt?: Date;
  /**
   * A journey's test mode: asked whatever the survey's status, outside the fatigue window, once per call; its events
   * carry `test: true` and its answer stays out of reports and the touchpoint map.
   */
  test?: boolean;
  now?: Date;
}

export type SurveyRequestResult =
  | { status: 'requested'; requestId: string }
  | { status: 'suppressed'; reason: SuppressionReason | 'survey_not_live'; requestId: string | null };

const aboutKey = (about: TouchpointRef | null) => (about ? `${about.kind}:${about.id ?? ''}:${about.stepId ?? ''}` : 'none');

/**
 * Asks one customer one survey, in the caller's transaction. At most once per `dedupeKey` (a repeat returns the first
 * outcome). With the fatigue window on, a customer already asked (or due to be asked) within `fatigueDays` of this
 * ask's due time is not asked again: the request is stored as suppressed with `survey_fatigue` and a
 * `survey.suppressed` customer event puts it on the timeline. A survey that is not live asks nobody.
 */
export async function requestSurvey(tx: Database, input: SurveyRequestInput): Promise<SurveyRequestResult> {
  const now = input.now ?? new Date();
  const dueAt = input.dueAt ?? now;
  const test = input.test ?? false;
  const dedupeKey = input.dedupeKey ?? (test ? `survey-test:${input.surveyId}:${input.contactId}:${randomUUID()}` : `survey:${input.surveyId}:${input.contactId}:${aboutKey(input.about)}`);
  const survey = await findSurveyRow(tx, input.accountId, input.surveyId);
  // One customer's asks are decided one at a time, so two simultaneous asks cannot both pass the fatigue rule.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`survey-fatigue:${input.contactId}`}))`);
  const previous = await findRequestByKey(tx, input.accountId, dedupeKey);
  if (previous) return resultOf(previous);
  if (survey.status !== 'live' && !test) return { status: 'suppressed', reason: 'survey_not_live', requestId: null };
  const settings = await ensureSurveySettings(tx, input.accountId);
  const fatigued = !test && settings.fatigueDays > 0 && (await hasRequestWithin(tx, input.accountId, input.contactId, dueAt, settings.fatigueDays));
  const [row] = await tx.insert(schema.surveyRequests).values({
    accountId: input.accountId,
    surveyId: survey.id,
    contactId: input.contactId,
    channel: input.channel === 'email' || input.channel === 'in_app' || input.channel === 'link' ? input.channel : 'email',
    aboutKind: input.about?.kind ?? null,
    aboutId: input.about?.id ?? null,
    touchpointKind: input.touchpoint.kind,
    touchpointId: input.touchpoint.id ?? null,
    touchpointStepId: input.touchpoint.stepId ?? null,
    dedupeKey,
    status: fatigued ? 'suppressed' : 'scheduled',
    suppressionReason: fatigued ? 'survey_fatigue' : null,
    countsForFatigue: !test,
    test,
    dueAt,
    expiresAt: new Date(dueAt.getTime() + SURVEY_ANSWER_WINDOW_DAYS * DAY_MS),
    createdAt: now,
  }).onConflictDoNothing().returning();
  if (!row) return resultOf((await findRequestByKey(tx, input.accountId, dedupeKey))!);
  const properties = { surveyId: survey.id, requestId: row.id, kind: survey.kind, channel: input.channel, about: input.about, dueAt: dueAt.toISOString(), ...(test ? { test: true } : {}) };
  await recordCustomerEvents(tx, input.accountId, [{
    contactId: input.contactId,
    kind: 'system',
    name: fatigued ? 'survey.suppressed' : 'survey.requested',
    properties: fatigued ? { ...properties, reason: 'survey_fatigue', fatigueDays: settings.fatigueDays } : properties,
    touchpoint: { kind: 'survey', id: survey.id },
    messageId: `survey-request:${row.id}`,
    source: 'system',
    occurredAt: now,
  }]);
  if (fatigued) return { status: 'suppressed', reason: 'survey_fatigue', requestId: row.id };
  // Asked on the page or in the widget right now: open at once; email and later asks go out with the delivery job.
  if (row.channel !== 'email' && dueAt.getTime() <= now.getTime()) await openRequest(tx, row, survey, now);
  return { status: 'requested', requestId: row.id };
}

function resultOf(row: typeof schema.surveyRequests.$inferSelect): SurveyRequestResult {
  return row.status === 'suppressed' ? { status: 'suppressed', reason: (row.suppressionReason ?? 'survey_fatigue') as SuppressionReason, requestId: row.id } : { status: 'requested', requestId: row.id };
}

async function findRequestByKey(db: Database, accountId: string, dedupeKey: string) {
  const [row] = await db.select().from(schema.surveyRequests).where(and(eq(schema.surveyRequests.accountId, accountId), eq(schema.surveyRequests.dedupeKey, dedupeKey)));
  return row ?? null;
}

async function hasRequestWithin(db: Database, accountId: string, contactId: string, dueAt: Date, days: number) {
  const [row] = await db.select({ id: schema.surveyRequests.id }).from(schema.surveyRequests).where(and(
    eq(schema.surveyRequests.accountId, accountId),
    eq(schema.surveyRequests.contactId, contactId),
    ne(schema.surveyRequests.status, 'suppressed'),
    eq(schema.surveyRequests.countsForFatigue, true),
    gt(schema.surveyRequests.dueAt, new Date(dueAt.getTime() - days * DAY_MS)),
    sql`${schema.surveyRequests.dueAt} < ${new Date(dueAt.getTime() + days * DAY_MS)}`,
  )).limit(1);
  return Boolean(row);
}

async function openRequest(tx: Database, request: typeof schema.surveyRequests.$inferSelect, survey: SurveyRow, now: Date) {
  await tx.update(schema.surveyRequests).set({ status: 'open', deliveredAt: now, expiresAt: new Date(now.getTime() + SURVEY_ANSWER_WINDOW_DAYS * DAY_MS) }).where(eq(schema.surveyRequests.id, request.id));
  await recordEvents(tx, [{ type: 'survey.requested', accountId: request.accountId, payload: { requestId: request.id, surveyId: survey.id, contactId: request.contactId, channel: request.channel }, audience: { kind: 'admins' } }]);
}

/** The signed link token of a request (valid until the request's answer window closes). */
export async function tokenOfRequest(db: Database, request: { id: string; accountId: string; expiresAt: Date }) {
  const settings = await ensureSurveySettings(db, request.accountId);
  return signSurveyToken(settings.signingKey, request.id, request.expiresAt);
}

export interface SurveyDeliveryDeps {
  /** How an email invitation reaches the customer (@touchpoint/outreach: consent, caps, quiet hours). */
  outreach: Pick<OutreachPort, 'send'>;
  /** The public page of a token (`https://…/s/<token>`); null when the server does not know its public address. */
  surveyUrl: (token: string, score?: number) => string | null;
  /** Builds the email: the question and one-click score buttons (survey-email.ts). */
  composeEmail: (input: { survey: SurveyRow; accountName: string; locale: string | null; url: (score?: number) => string }) => { subject: string; text: string; html: string };
}

/**
 * Opens every request that is due (claimed with SKIP LOCKED, so nodes share the work) and sends email invitations
 * through outreach, whose dedupe key (`survey:<requestId>`) makes a retry send nothing twice. Returns how many opened.
 * `onlyRequestId` limits it to one ask (a journey step delivering its own).
 */
export async function deliverDueSurveyRequests(db: Database, deps: SurveyDeliveryDeps, now = new Date(), batchSize = 100, onlyRequestId?: string): Promise<number> {
  const due = await db.transaction(async (tx) => {
    const rows = await tx.select().from(schema.surveyRequests)
      .where(and(eq(schema.surveyRequests.status, 'scheduled'), lte(schema.surveyRequests.dueAt, now), onlyRequestId ? eq(schema.surveyRequests.id, onlyRequestId) : undefined))
      .orderBy(asc(schema.surveyRequests.dueAt)).limit(batchSize).for('update', { skipLocked: true });
    if (rows.length === 0) return [];
    const surveys = await tx.select().from(schema.surveys).where(inArray(schema.surveys.id, [...new Set(rows.map((row) => row.surveyId))]));
    const byId = new Map(surveys.map((survey) => [survey.id, survey]));
    const opened = [];
    for (const row of rows) {
      const survey = byId.get(row.surveyId)!;
      if (survey.status !== 'live' && !row.test) {
        await tx.update(schema.surveyRequests).set({ status: 'suppressed', suppressionReason: 'survey_not_live' }).where(eq(schema.surveyRequests.id, row.id));
        continue;
      }
      await openRequest(tx, row, survey, now);
      opened.push({ row: { ...row, expiresAt: new Date(now.getTime() + SURVEY_ANSWER_WINDOW_DAYS * DAY_MS) }, survey });
    }
    return opened;
  });
  for (const { row, survey } of due) {
    if (row.channel !== 'email') continue;
    const token = await tokenOfRequest(db, row);
    if (!deps.surveyUrl(token)) continue;
    const [who] = await db.select({ locale: schema.contacts.locale, accountName: schema.accounts.name, defaultLocale: schema.accounts.defaultLocale })
      .from(schema.contacts).innerJoin(schema.accounts, eq(schema.accounts.id, schema.contacts.accountId))
      .where(and(eq(schema.contacts.accountId, row.accountId), eq(schema.contacts.id, row.contactId)));
    if (!who) continue;
    const email = deps.composeEmail({ survey, accountName: who.accountName, locale: who.locale ?? who.defaultLocale, url: (score) => deps.surveyUrl(token, score)! });
    await deps.outreach.send({
      accountId: row.accountId,
      contactId: row.contactId,
      channel: 'email',
      content: { subject: email.subject, text: email.text, html: email.html },
      touchpoint: { kind: 'survey', id: survey.id },
      dedupeKey: `survey:${row.id}`,
      ...(row.test ? { test: true } : {}),
    });
  }
  return due.length;
}

/** The open surveys a customer can answer now (the portal and the widget list them), newest first. */
export async function listOpenSurveyRequests(db: Database, accountId: string, contactId: string, now = new Date()) {
  const rows = await db
    .select({ request: schema.surveyRequests, survey: schema.surveys })
    .from(schema.surveyRequests)
    .innerJoin(schema.surveys, eq(schema.surveys.id, schema.surveyRequests.surveyId))
    .leftJoin(schema.surveyResponses, eq(schema.surveyResponses.requestId, schema.surveyRequests.id))
    .where(and(
      eq(schema.surveyRequests.accountId, accountId),
      eq(schema.surveyRequests.contactId, contactId),
      eq(schema.surveyRequests.status, 'open'),
      gt(schema.surveyRequests.expiresAt, now),
      sql`${schema.surveyResponses.id} is null`,
    ))
    .orderBy(sql`${schema.surveyRequests.deliveredAt} desc`)
    .limit(5);
  return Promise.all(rows.map(async ({ request, survey }) => ({ requestId: request.id, surveyId: survey.id, kind: survey.kind, token: await tokenOfRequest(db, request) })));
}

/** An open request of the account by id (to build its link right after asking). */
export async function findOpenRequest(db: Database, accountId: string, requestId: string) {
  return db.select().from(schema.surveyRequests).where(and(eq(schema.surveyRequests.accountId, accountId), eq(schema.surveyRequests.id, requestId), eq(schema.surveyRequests.status, 'open')));
}

/**
 * After a privacy erasure (`contact.deleted`): removes the asks and answers of contacts that no longer exist in the
 * account (the erased contact and the duplicates merged into it). Survey rows carry no foreign key to contacts.
 */
export async function eraseSurveysOfDeletedContacts(tx: Database, accountId: string) {
  await tx.delete(schema.surveyRequests).where(and(
    eq(schema.surveyRequests.accountId, accountId),
    sql`not exists (select 1 from ${schema.contacts} where ${schema.contacts.id} = ${schema.surveyRequests.contactId})`,
  ));
}
