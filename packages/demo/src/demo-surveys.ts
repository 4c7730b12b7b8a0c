import { and, asc, eq } from 'drizzle-orm';
import { type Database, schema } from '@touchpoint/db';
import { createSurvey, ensureConversationCsatSurvey, findSurveyRow, recordSurveyAnswer, requestSurvey, updateSurveySettings } from '@touchpoint/surveys';

const DAY_MS = 24 * 3600_000;

/** [contact index, days ago, score, comment] of historic answers, so the reports have figures and a trend. */
const NPS_ANSWERS: [number, number, number, string][] = [
  [0, 52, 10, 'Beautiful packaging, arrived a day early.'],
  [1, 47, 9, ''],
  [2, 41, 8, '梱包がとても丁寧でした。'],
  [3, 36, 10, '茶具质量很好，会推荐给朋友。'],
  [4, 30, 6, 'The mug was fine but delivery took two weeks.'],
  [5, 24, 9, ''],
  [6, 19, 7, ''],
  [7, 14, 10, 'Second order, still perfect.'],
  [8, 9, 3, '届いた箱が潰れていました。'],
  [9, 5, 9, ''],
];
const CES_ANSWERS: [number, number, number, string][] = [
  [2, 33, 6, 'The return label was ready in a minute.'],
  [5, 21, 7, ''],
  [7, 12, 3, '退货流程有点复杂，找了很久才找到入口。'],
  [9, 4, 6, ''],
];

/**
 * Listening posts for the demo: the helpdesk's conversation CSAT (its demo ratings imported), an NPS seven days after
 * delivery and a CES after returns, each with two months of answers, one detractor opening a conversation, and one
 * ask still unanswered so the response rate is not a flat 100%.
 */
export async function loadDemoSurveys(db: Database, accountId: string, now = new Date()) {
  const csat = await ensureConversationCsatSurvey(db, accountId);
  const nps = await createSurvey(db, accountId, { name: 'NPS 7 days after delivery', kind: 'nps', status: 'live', triggers: [{ kind: 'order_delivered', delayDays: 7 }], channel: 'email' });
  const ces = await createSurvey(db, accountId, { name: 'Return effort (CES)', kind: 'ces', status: 'live', triggers: [{ kind: 'return_completed', delayDays: 1 }], channel: 'email' });
  const contacts = await db.select({ id: schema.contacts.id }).from(schema.contacts).where(eq(schema.contacts.accountId, accountId)).orderBy(asc(schema.contacts.createdAt)).limit(12);
  // History is written as it happened; the fatigue window would (rightly) hold back the later asks of the same people.
  await updateSurveySettings(db, accountId, { fatigueDays: 0 });
  const answer = async (surveyId: string, aboutKind: 'order' | 'return', rows: [number, number, number, string][], unansweredContact: number) => {
    const survey = await findSurveyRow(db, accountId, surveyId);
    for (const [index, daysAgo, score, comment] of [...rows, [unansweredContact, 2, -1, ''] as [number, number, number, string]]) {
      const contactId = contacts[index % contacts.length]!.id;
      const at = new Date(now.getTime() - daysAgo * DAY_MS);
      await db.transaction(async (tx) => {
        const result = await requestSurvey(tx, { accountId, contactId, surveyId, channel: 'in_app', about: { kind: aboutKind, id: `demo-${index}-${daysAgo}` }, touchpoint: { kind: 'survey', id: surveyId }, dedupeKey: `demo:${surveyId}:${index}:${daysAgo}`, dueAt: at, now: at });
        if (result.status !== 'requested' || score < 0) return;
        const [request] = await tx.select().from(schema.surveyRequests).where(and(eq(schema.surveyRequests.accountId, accountId), eq(schema.surveyRequests.id, result.requestId)));
        await recordSurveyAnswer(tx, request!, survey, { score, comment }, new Date(at.getTime() + 3 * 3600_000));
      });
    }
  };
  await answer(nps.id, 'order', NPS_ANSWERS, 10);
  await answer(ces.id, 'return', CES_ANSWERS, 11);
  await updateSurveySettings(db, accountId, { fatigueDays: 30 });
  return { csatSurveyId: csat.id, npsSurveyId: nps.id, cesSurveyId: ces.id };
}
