import { count } from 'drizzle-orm';
import type { AccountScope, Locale, Role } from '@touchpoint/core';
import { createAccount, createUser, setInboxMemberships } from '@touchpoint/accounts';
import { createOrder, listContactOrders, startReturn, transitionReturn } from '@touchpoint/commerce';
import { createContact } from '@touchpoint/contacts';
import { createConversation } from '@touchpoint/conversations';
import { type Database, schema } from '@touchpoint/db';
import { decorateDemoConversations, loadDemoHelpdesk } from './demo-helpdesk.ts';
import { loadDemoHelpCenter } from './demo-help-center.ts';
import { loadDemoEvents } from './demo-events.ts';
import { loadDemoSegments } from './demo-segments.ts';
import { loadDemoTemplates } from './demo-templates.ts';
import { loadDemoJourneys } from './demo-journeys.ts';
import { loadDemoPrompts } from './demo-prompts.ts';
import { loadDemoSurveys } from './demo-surveys.ts';
import { loadDemoTouchpoints } from './demo-touchpoints.ts';
import { loadDemoRewards } from './demo-rewards.ts';
import { loadDemoDelight } from './demo-delight.ts';
import { loadDemoGifts } from './demo-gifts.ts';
import { loadDemoGames } from './demo-games.ts';
import { loadDemoPuzzles } from './demo-puzzles.ts';
import { loadDemoReferrals } from './demo-referrals.ts';
import { DEMO_AGENTS, DEMO_CARRIERS, DEMO_CONTACTS, DEMO_CONVERSATIONS, DEMO_INBOXES, DEMO_ORDERS, DEMO_PASSWORD, DEMO_PURPOSE, OUTLET_ACCOUNT } from './demo-content.ts';
import { loadDemoLiveFeed } from './demo-live-feed.ts';

export interface DemoLogin {
  email: string;
  password: string;
  role: Role;
}

/** True when the database holds no account yet: the demo is loaded only then, never over real data. */
export async function isDatabaseEmpty(db: Database): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(schema.accounts);
  return (row?.n ?? 0) === 0;
}

/** Loads the Sakura Goods demo workspace; `now` anchors every relative time. */
export async function loadDemoWorkspace(db: Database, now = new Date()): Promise<{ accountId: string; logins: DemoLogin[] }> {
  const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
  const users = new Map<string, string>();
  for (const agent of DEMO_AGENTS) {
    const user = await createUser(db, { email: agent.email, name: agent.name, password: DEMO_PASSWORD, locale: agent.locale as Locale });
    users.set(agent.key, user.id);
  }
  const admin = DEMO_AGENTS[0];
  const account = await createAccount(db, { name: 'Sakura Goods', purposeStatement: DEMO_PURPOSE, timeZone: 'Asia/Tokyo', defaultLocale: 'en', handle: 'sakura', adminUserId: users.get(admin.key)! });
  const scope: AccountScope = { accountId: account.id, actor: { type: 'system', id: null, name: 'Demo loader', role: 'admin' } };

  const inboxes = new Map<string, string>();
  for (const inbox of DEMO_INBOXES) {
    const [row] = await db.insert(schema.inboxes).values({ accountId: account.id, name: inbox.name, channel: inbox.channel }).returning();
    inboxes.set(inbox.key, row!.id);
  }
  for (const agent of DEMO_AGENTS) {
    if (agent.key !== admin.key) await db.insert(schema.memberships).values({ accountId: account.id, userId: users.get(agent.key)!, role: agent.role });
    await setInboxMemberships(db, account.id, users.get(agent.key)!, agent.inboxes.map((key) => inboxes.get(key)!));
  }

  const { labels } = await loadDemoHelpdesk(db, scope, { users, inboxes });

  const contacts = new Map<string, string>();
  for (const [index, contact] of DEMO_CONTACTS.entries()) {
    const row = await createContact(db, scope, { ...contact, createdAt: minutesAgo(60 * 24 * (200 - index * 11)) });
    contacts.set(contact.key, row.id);
  }
  for (const order of DEMO_ORDERS) {
    const placedAt = minutesAgo(order.daysAgo * 24 * 60 + 90);
    const shipped = order.status === 'fulfilled' || order.status === 'delivered';
    // Delivered two days after it was placed (never in the future), so the recent ones are inside the return window.
    const deliveredAt = order.status === 'delivered' ? new Date(Math.min(placedAt.getTime() + 2 * 24 * 3600_000, now.getTime() - 3600_000)) : null;
    const tracking = `${order.number.replace('SG-', '1Z')}${order.daysAgo}`;
    await createOrder(db, scope, {
      number: order.number,
      contactId: contacts.get(order.contact)!,
      currency: order.currency,
      lines: order.lines.map(([title, quantity, unitPriceMinor, product]) => ({ title, quantity, unitPriceMinor, sku: product.sku, variant: product.variant ?? null, productTags: product.tags ?? [] })),
      financialStatus: order.status === 'refunded' ? 'refunded' : 'paid',
      fulfillmentStatus: order.status === 'delivered' ? 'delivered' : order.status === 'fulfilled' ? 'fulfilled' : 'unfulfilled',
      cancelledAt: order.status === 'cancelled' ? placedAt : null,
      shipments: shipped
        ? [{ carrier: DEMO_CARRIERS[order.currency], trackingNumber: tracking, trackingUrl: `https://track.sakura-goods.example/${tracking}`, status: deliveredAt ? 'delivered' : 'in_transit', shippedAt: new Date(placedAt.getTime() + 12 * 3600_000), deliveredAt }]
        : [],
      source: 'demo',
      placedAt,
    }, placedAt);
  }
  await loadDemoReturns(db, scope, contacts, now);
  await loadDemoEvents(db, scope, contacts, now);
  const chronological = [...DEMO_CONVERSATIONS].sort((a, b) => b.lines[0]![2] - a.lines[0]![2]);
  for (const conversation of chronological) {
    await createConversation(db, scope, {
      inboxId: inboxes.get(conversation.inbox)!,
      contactId: contacts.get(conversation.contact)!,
      subject: conversation.subject,
      status: conversation.status,
      priority: conversation.priority ?? 'normal',
      assigneeId: conversation.assignee ? users.get(conversation.assignee)! : null,
      messages: conversation.lines.map(([direction, body, ago, author]) => ({ direction, body, at: minutesAgo(ago), authorUserId: author ? users.get(author)! : null })),
    });
  }

  await decorateDemoConversations(db, scope, labels, {
    '發票抬頭更改': [5, '处理得很快，谢谢！'],
    '店頭：包丁の研ぎ直し': [5, '仕上がりがとてもきれいでした。'],
    'Restock alert': [4, 'Thanks for holding it for me.'],
    'Gift receipt': [3, ''],
  });

  await loadDemoHelpCenter(db, { accountId: account.id, actor: { type: 'user', id: users.get(admin.key)!, name: admin.name, role: 'admin' } });
  const templates = await loadDemoTemplates(db, { accountId: account.id, actor: { type: 'user', id: users.get(admin.key)!, name: admin.name, role: 'admin' } }, contacts);
  const prompts = await loadDemoPrompts(db, account.id);
  const surveys = await loadDemoSurveys(db, account.id, now);
  const { lapsedSegmentId } = await loadDemoSegments(db, scope, contacts, now, surveys.npsSurveyId);
  const journeys = await loadDemoJourneys(db, account.id, { ...templates, ...prompts, ...surveys, lapsedSegmentId, emailInboxId: inboxes.get('email')! });
  await loadDemoTouchpoints(db, account.id, [...contacts.values()], now, {
    onboardingJourney: journeys.onboarding,
    thankYouJourney: journeys.thankYou,
    winBackJourney: journeys.winBack,
    firstOrderPrompt: prompts.firstOrderPromptId,
    failedPaymentPrompt: prompts.failedPaymentPromptId,
    csatSurvey: surveys.csatSurveyId,
    npsSurvey: surveys.npsSurveyId,
  });
  await loadDemoDelight(db, { accountId: account.id, actor: { type: 'user', id: users.get(admin.key)!, name: admin.name, role: 'admin' } }, users, await loadDemoRewards(db, scope, contacts), now);
  await loadDemoGifts(db, account.id, contacts, now);
  await loadDemoGames(db, account.id, contacts, now);
  await loadDemoPuzzles(db, scope, contacts, 'Asia/Tokyo', now);

  await loadDemoLiveFeed(db, account.id);
  await loadDemoReferrals(db, scope, contacts, now);

  await createAccount(db, { name: OUTLET_ACCOUNT.name, purposeStatement: OUTLET_ACCOUNT.purpose, timeZone: 'Asia/Tokyo', adminUserId: users.get(admin.key)! });
  return { accountId: account.id, logins: DEMO_AGENTS.map((agent) => ({ email: agent.email, password: DEMO_PASSWORD, role: agent.role })) };
}

/** Two returns in the queue: one a customer just asked for in the portal, one approved that is on its way back. */
async function loadDemoReturns(db: Database, loader: AccountScope, contacts: Map<string, string>, now: Date) {
  const scope: AccountScope = { ...loader, actor: { type: 'system', id: null, name: 'Customer portal', role: 'agent' } };
  const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3600_000);
  const orderOf = async (contact: string, number: string) => (await listContactOrders(db, scope, contacts.get(contact)!)).find((o) => o.number === number)!;
  const mei = await orderOf('mei', 'SG-1044');
  await startReturn(db, scope, contacts.get('mei')!, { orderId: mei.id, lines: [{ lineId: 'L1', quantity: 1 }], reason: 'not_as_described', note: '颜色比照片暗很多。', resolution: 'exchange', source: 'portal', locale: 'zh' }, hoursAgo(3));
  const oliver = await orderOf('oliver', 'SG-1050');
  const ret = await startReturn(db, scope, contacts.get('oliver')!, { orderId: oliver.id, lines: [{ lineId: 'L1', quantity: 1 }], reason: 'changed_mind', resolution: 'refund', source: 'portal', locale: 'en' }, hoursAgo(50));
  await transitionReturn(db, { ...scope, actor: { type: 'system', id: null, name: 'Sam Carter', role: 'agent' } }, ret.id, 'approved', {}, hoursAgo(30));
}
