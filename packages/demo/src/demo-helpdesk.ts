import type { AccountScope } from '@touchpoint/core';
import { createCannedReply, createCustomStatus, createLabel, ensureCsatSurvey, setConversationLabels, submitCsatRating } from '@touchpoint/conversations';
import { eq } from 'drizzle-orm';
import { type Database, schema } from '@touchpoint/db';
import { createBusinessHours, createSlaPolicy, setInboxBusinessHours } from '@touchpoint/sla';
import { createTeam } from '@touchpoint/teams';

/** Helpdesk configuration a real shop would have: labels, canned replies in three languages, teams, hours, SLAs. */
export const DEMO_LABELS = [
  { name: 'refund', color: '#dc2626' },
  { name: 'shipping', color: '#2563eb' },
  { name: 'gift', color: '#db2777' },
  { name: 'vip', color: '#7c3aed' },
  { name: 'wholesale', color: '#059669' },
] as const;

/** Labels per demo conversation, by subject. */
export const DEMO_CONVERSATION_LABELS: Record<string, (typeof DEMO_LABELS)[number]['name'][]> = {
  'Where is my teapot?': ['shipping'],
  返品について: ['refund'],
  我想退货: ['refund'],
  ギフトラッピング: ['gift'],
  '发货到上海要多久？': ['shipping'],
  'Order arrived damaged': ['refund', 'vip'],
  批量采购: ['wholesale'],
  'Can I change my shipping address?': ['shipping'],
  优惠券无法使用: ['vip'],
};

export const DEMO_CANNED_REPLIES = [
  { shortcut: 'hello', title: 'Greeting (English)', body: 'Hi {{ contact.first_name | default: "there" }}, thanks for reaching out to Sakura Goods! I’m {{ agent.name }} and I’ll take care of this.' },
  { shortcut: 'konnichiwa', title: 'ご挨拶（日本語）', body: '{{ contact.name | default: "お客様" }}様、Sakura Goods へのお問い合わせありがとうございます。担当の{{ agent.name }}です。' },
  { shortcut: 'nihao', title: '问候（中文）', body: '{{ contact.name | default: "您" }}好！感谢您联系 Sakura Goods，我是{{ agent.name }}，马上为您处理。' },
  { shortcut: 'return', title: 'How to return an item', body: 'You can start a return from “My orders” in our help centre: choose the items, print the slip, and drop the parcel at any post office. Refunds arrive within 5 days of us receiving it.' },
  { shortcut: 'tracking', title: 'Tracking link', body: 'Here is the tracking page for your order: https://track.sakura-goods.example/{{ conversation.number }}. It updates every few hours.' },
];

const hours = (from: number, to: number): [number, number][] => [[from * 60, to * 60]];

export async function loadDemoHelpdesk(db: Database, scope: AccountScope, ids: { users: Map<string, string>; inboxes: Map<string, string> }) {
  const tokyo = await createBusinessHours(db, scope, {
    name: 'Tokyo office',
    timeZone: 'Asia/Tokyo',
    weekly: { '1': hours(9, 18), '2': hours(9, 18), '3': hours(9, 18), '4': hours(9, 18), '5': hours(9, 18), '6': hours(10, 16) },
    holidays: [
      { date: '2026-12-31', name: '大晦日' },
      { date: '2027-01-01', name: '元日' },
      { date: '2027-01-02', name: '正月休み' },
    ],
  });
  await setInboxBusinessHours(db, scope, ids.inboxes.get('store')!, tokyo.id);
  await createTeam(db, scope, { name: 'Japan desk', description: 'Japanese-speaking customers and the Shibuya store', businessHoursId: tokyo.id, userIds: [ids.users.get('aiko')!] });
  await createTeam(db, scope, { name: 'China desk', description: 'Chinese-speaking customers, wholesale', businessHoursId: null, userIds: [ids.users.get('li')!] });
  await createTeam(db, scope, { name: 'Global', description: 'Everyone else, around the clock', businessHoursId: null, userIds: [ids.users.get('sam')!, ids.users.get('aiko')!] });
  await createSlaPolicy(db, scope, { name: 'Urgent and high: 30 minutes', conditions: { priorities: ['urgent', 'high'] }, firstResponseMinutes: 30, nextResponseMinutes: 60, resolutionMinutes: 8 * 60, businessHoursId: null, enabled: true });
  await createSlaPolicy(db, scope, { name: 'Everyone: answer within the hour', conditions: {}, firstResponseMinutes: 60, nextResponseMinutes: 120, resolutionMinutes: 48 * 60, businessHoursId: null, enabled: true });
  await createCustomStatus(db, scope, { name: 'Waiting for warehouse', category: 'pending' });
  await createCustomStatus(db, scope, { name: 'Refund issued', category: 'resolved' });
  const labels = new Map<string, string>();
  for (const label of DEMO_LABELS) labels.set(label.name, (await createLabel(db, scope, label)).id);
  for (const reply of DEMO_CANNED_REPLIES) await createCannedReply(db, scope, reply);
  return { labels };
}

/** Labels and satisfaction answers on the demo conversations, once they exist. */
export async function decorateDemoConversations(db: Database, scope: AccountScope, labels: Map<string, string>, ratings: Record<string, [number, string]>) {
  const conversations = await db.select().from(schema.conversations).where(eq(schema.conversations.accountId, scope.accountId));
  for (const conversation of conversations) {
    const names = DEMO_CONVERSATION_LABELS[conversation.subject];
    if (names) await setConversationLabels(db, scope, conversation.id, names.map((name) => labels.get(name)!));
    const rating = ratings[conversation.subject];
    if (rating && conversation.status === 'resolved') {
      await ensureCsatSurvey(db, conversation, new Date());
      const [survey] = await db.select({ token: schema.csatSurveys.token }).from(schema.csatSurveys).where(eq(schema.csatSurveys.conversationId, conversation.id));
      await submitCsatRating(db, survey!.token, { rating: rating[0], comment: rating[1] });
    }
  }
}
