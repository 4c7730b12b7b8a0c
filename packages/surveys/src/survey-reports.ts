import { and, asc, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { SurveyKind } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { findSurveyRow, listSurveys } from './survey-definitions.ts';
import { headlineOf, summarizeScores } from './survey-scoring.ts';

export interface ReportRange {
  from: Date;
  /** Exclusive. */
  to: Date;
}

const r = schema.surveyRequests;
const a = schema.surveyResponses;

async function countScores(db: Database, accountId: string, range: ReportRange, surveyId?: string) {
  const rows = await db
    .select({ surveyId: a.surveyId, aboutKind: a.aboutKind, aboutId: a.aboutId, score: a.score, count: sql<number>`count(*)::int` })
    .from(a)
    .where(and(eq(a.accountId, accountId), eq(a.test, false), surveyId ? eq(a.surveyId, surveyId) : undefined, gte(a.answeredAt, range.from), lt(a.answeredAt, range.to)))
    .groupBy(a.surveyId, a.aboutKind, a.aboutId, a.score);
  return rows;
}

async function countAsked(db: Database, accountId: string, range: ReportRange, surveyId?: string) {
  return db
    .select({ surveyId: r.surveyId, aboutKind: r.aboutKind, aboutId: r.aboutId, asked: sql<number>`count(*) filter (where ${r.status} = 'open')::int`, suppressed: sql<number>`count(*) filter (where ${r.status} = 'suppressed')::int` })
    .from(r)
    .where(and(eq(r.accountId, accountId), eq(r.test, false), surveyId ? eq(r.surveyId, surveyId) : undefined, gte(r.dueAt, range.from), lt(r.dueAt, range.to)))
    .groupBy(r.surveyId, r.aboutKind, r.aboutId);
}

function summarize(kind: SurveyKind, asked: number, suppressed: number, scores: { score: number; count: number }[]) {
  const counts = new Map<number, number>();
  for (const row of scores) counts.set(row.score, (counts.get(row.score) ?? 0) + row.count);
  const summary = summarizeScores(kind, counts);
  return { asked, suppressed, responseRate: asked > 0 ? Math.round((1000 * summary.responses) / asked) / 10 : null, ...summary, headline: headlineOf(kind, summary) };
}

/**
 * Every survey's figures over a range, and the same per touchpoint asked about (an order, a return, a channel):
 * asked (requests that reached the customer, by due time), suppressed, responses (by answer time), response rate,
 * NPS / CSAT % / CES mean.
 */
export async function reportSurveys(db: Database, accountId: string, range: ReportRange) {
  const surveys = await listSurveys(db, accountId);
  const [scores, asked] = await Promise.all([countScores(db, accountId, range), countAsked(db, accountId, range)]);
  const bySurvey = surveys.map((survey) => summarizeGroup(survey.kind, asked.filter((row) => row.surveyId === survey.id), scores.filter((row) => row.surveyId === survey.id)));
  return {
    surveys: surveys.map((survey, index) => ({ id: survey.id, name: survey.name, kind: survey.kind, status: survey.status, ...bySurvey[index]! })),
    touchpoints: groupByTouchpoint(surveys, scores, asked),
  };
}

function summarizeGroup(kind: SurveyKind, asked: { asked: number; suppressed: number }[], scores: { score: number; count: number }[]) {
  return summarize(kind, asked.reduce((sum, row) => sum + row.asked, 0), asked.reduce((sum, row) => sum + row.suppressed, 0), scores);
}

type Scores = Awaited<ReturnType<typeof countScores>>;
type Asked = Awaited<ReturnType<typeof countAsked>>;

/** Per survey kind and touchpoint kind (orders, returns, each channel): answers of one kind compare, kinds do not mix. */
function groupByTouchpoint(surveys: { id: string; kind: SurveyKind }[], scores: Scores, asked: Asked) {
  const kindOf = new Map(surveys.map((survey) => [survey.id, survey.kind]));
  const keyOf = (row: { surveyId: string; aboutKind: string | null; aboutId: string | null }) => {
    const kind = row.aboutKind ?? 'none';
    // A channel is a touchpoint of its own; each order or return is one instance of the "orders"/"returns" touchpoint.
    return `${kindOf.get(row.surveyId)}|${kind}|${kind === 'channel' || kind === 'journey' ? (row.aboutId ?? '') : ''}`;
  };
  const groups = new Map<string, { asked: Asked; scores: Scores }>();
  for (const row of asked) {
    const key = keyOf(row);
    if (!groups.has(key)) groups.set(key, { asked: [], scores: [] });
    groups.get(key)!.asked.push(row);
  }
  for (const row of scores) {
    const key = keyOf(row);
    if (!groups.has(key)) groups.set(key, { asked: [], scores: [] });
    groups.get(key)!.scores.push(row);
  }
  return [...groups.entries()].map(([key, group]) => {
    const [kind, aboutKind, aboutId] = key.split('|') as [SurveyKind, string, string];
    return { surveyKind: kind, aboutKind: aboutKind === 'none' ? null : aboutKind, aboutId: aboutId || null, ...summarizeGroup(kind, group.asked, group.scores) };
  }).sort((x, y) => y.responses - x.responses);
}

/** One survey over a range: its figures, a daily trend (answers and the kind's headline figure), and the latest comments. */
export async function reportSurvey(db: Database, accountId: string, surveyId: string, range: ReportRange) {
  const survey = await findSurveyRow(db, accountId, surveyId);
  const [scores, asked, daily, comments] = await Promise.all([
    countScores(db, accountId, range, surveyId),
    countAsked(db, accountId, range, surveyId),
    db.select({ day: sql<string>`to_char(${a.answeredAt} at time zone 'UTC', 'YYYY-MM-DD')`, score: a.score, count: sql<number>`count(*)::int` })
      .from(a).where(and(eq(a.accountId, accountId), eq(a.test, false), eq(a.surveyId, surveyId), gte(a.answeredAt, range.from), lt(a.answeredAt, range.to)))
      .groupBy(sql`1`, a.score).orderBy(asc(sql`1`)),
    db.select({ response: a, contactName: schema.contacts.name, contactEmail: schema.contacts.email })
      .from(a).leftJoin(schema.contacts, eq(schema.contacts.id, a.contactId))
      .where(and(eq(a.accountId, accountId), eq(a.test, false), eq(a.surveyId, surveyId), gte(a.answeredAt, range.from), lt(a.answeredAt, range.to), sql`${a.comment} <> ''`))
      .orderBy(desc(a.answeredAt)).limit(100),
  ]);
  const days = new Map<string, Map<number, number>>();
  for (const row of daily) {
    if (!days.has(row.day)) days.set(row.day, new Map());
    days.get(row.day)!.set(row.score, row.count);
  }
  return {
    survey: { id: survey.id, name: survey.name, kind: survey.kind, status: survey.status },
    totals: summarizeGroup(survey.kind, asked, scores),
    touchpoints: groupByTouchpoint([survey], scores, asked),
    trend: [...days.entries()].map(([day, counts]) => {
      const summary = summarizeScores(survey.kind, counts);
      return { day, responses: summary.responses, headline: headlineOf(survey.kind, summary) };
    }),
    comments: comments.map(({ response, contactName, contactEmail }) => ({
      responseId: response.id,
      contactId: response.contactId,
      contactName: contactName ?? contactEmail ?? null,
      score: response.score,
      comment: response.comment,
      about: response.aboutKind ? { kind: response.aboutKind, id: response.aboutId } : null,
      conversationId: response.followUpConversationId,
      answeredAt: response.answeredAt.toISOString(),
    })),
  };
}

const csvCell = (value: string | number | null) => {
  const text = value === null ? '' : String(value);
  // Quoted always; a leading = + - @ is prefixed so a spreadsheet never runs a customer's comment as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
};

/** Every answer of a survey in a range as CSV (UTF-8 with a BOM so spreadsheets read Japanese and Chinese). */
export async function exportSurveyResponsesCsv(db: Database, accountId: string, surveyId: string, range: ReportRange) {
  const survey = await findSurveyRow(db, accountId, surveyId);
  const rows = await db
    .select({ response: a, contactName: schema.contacts.name, contactEmail: schema.contacts.email })
    .from(a).leftJoin(schema.contacts, eq(schema.contacts.id, a.contactId))
    .where(and(eq(a.accountId, accountId), eq(a.test, false), eq(a.surveyId, surveyId), gte(a.answeredAt, range.from), lt(a.answeredAt, range.to)))
    .orderBy(asc(a.answeredAt));
  const header = ['answered_at', 'survey', 'kind', 'score', 'comment', 'contact_id', 'contact_name', 'contact_email', 'about_kind', 'about_id', 'follow_up_conversation_id'];
  const lines = rows.map(({ response, contactName, contactEmail }) => [
    response.answeredAt.toISOString(), survey.name, survey.kind, response.score, response.comment, response.contactId, contactName, contactEmail, response.aboutKind, response.aboutId, response.followUpConversationId,
  ].map(csvCell).join(','));
  return `\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`;
}
