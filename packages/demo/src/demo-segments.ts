import type { AccountScope } from '@touchpoint/core';
import { createContact } from '@touchpoint/contacts';
import { recordCustomerEvents } from '@touchpoint/customer-events';
import type { Database } from '@touchpoint/db';
import { addContactToSegment, buildAllSegments, createSegment } from '@touchpoint/segments';

/**
 * Segments of the demo shop: "VIP: 3+ orders", "Detractors: NPS ≤ 6", "New this week" (two customers who signed up
 * days ago join it), "Lapsed: not seen in 60 days" (the win-back journey's) and a manual "Beta testers" list; a few more answers to the demo's NPS survey feed the detractors. The
 * segments are built before the demo opens, so their counts and members show at once.
 */
export async function loadDemoSegments(db: Database, scope: AccountScope, contacts: Map<string, string>, now: Date, npsSurveyId: string) {
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
  const newcomers = [
    await createContact(db, scope, { name: 'Hana Kobayashi', email: 'hana.kobayashi@example.jp', locale: 'ja', timeZone: 'Asia/Tokyo', createdAt: daysAgo(2) }),
    await createContact(db, scope, { name: 'Lucas Martin', email: 'lucas.martin@example.com', locale: 'en', timeZone: 'America/New_York', createdAt: daysAgo(4) }),
  ];
  const answers: [string, number, string, number][] = [['oliver', 4, 'The stool arrived scratched.', 3], ['mei', 6, '颜色和照片不一样。', 5], ['emma', 10, 'Lovely teapot!', 6], ['haruto', 9, '', 8]];
  await db.transaction((tx) => recordCustomerEvents(tx, scope.accountId, answers.filter(([key]) => contacts.has(key)).map(([key, score, comment, days]) => ({
    contactId: contacts.get(key)!,
    kind: 'system' as const,
    name: 'survey.answered',
    properties: { surveyId: npsSurveyId, kind: 'nps', score, comment, about: { kind: 'order' } },
    touchpoint: { kind: 'survey', id: npsSurveyId },
    messageId: `demo-nps-${key}`,
    source: 'system' as const,
    occurredAt: daysAgo(days),
  }))));

  await createSegment(db, scope, { name: 'VIP: 3+ orders', description: 'Customers with three or more orders that were not cancelled.', kind: 'dynamic', condition: { kind: 'attribute', key: 'traits.orderCount', operator: 'gte', value: 3 } });
  await createSegment(db, scope, { name: 'Detractors: NPS ≤ 6', description: 'Their latest NPS answer was 6 or less.', kind: 'dynamic', condition: { kind: 'survey', survey: 'nps', match: 'latest', operator: 'lte', score: 6 } });
  await createSegment(db, scope, { name: 'New this week', description: 'Became a contact in the last 7 days.', kind: 'dynamic', condition: { kind: 'attribute', key: 'createdAt', operator: 'within_days', value: 7 } });
  const lapsed = await createSegment(db, scope, { name: 'Lapsed: not seen in 60 days', description: 'No message, visit or order from them for 60 days; the win-back journey writes to them.', kind: 'dynamic', condition: { kind: 'attribute', key: 'traits.lastSeenAt', operator: 'before_days_ago', value: 60 } });
  const beta = await createSegment(db, scope, { name: 'Beta testers', description: 'Trying the new gift-wrapping service.', kind: 'manual' });
  await db.transaction(async (tx) => {
    for (const key of ['yui', 'noah', 'lin']) if (contacts.has(key)) await addContactToSegment(tx, scope.accountId, beta.id, contacts.get(key)!, now);
    await addContactToSegment(tx, scope.accountId, beta.id, newcomers[0]!.id, now);
  });
  await buildAllSegments(db, now);
  return { lapsedSegmentId: lapsed.id };
}
