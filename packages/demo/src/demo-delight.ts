import { and, eq } from 'drizzle-orm';
import type { AccountScope } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { sendDelightGesture, setDelightBudget } from '@touchpoint/delight';

/**
 * Delight budgets ($50 a month for every agent, $100 for Sam, who handles damaged orders) and a few gestures already
 * sent from demo conversations, so the report and the conversation panels show something real.
 */
export async function loadDemoDelight(db: Database, admin: AccountScope, users: Map<string, string>, pools: { sorryPoolId: string }, now: Date) {
  const { accountId } = admin;
  await setDelightBudget(db, admin, null, { period: 'month', amountMinor: 5000, currency: 'USD', pointValueMinor: 1 });
  await setDelightBudget(db, admin, users.get('sam')!, { period: 'month', amountMinor: 10000, currency: 'USD', pointValueMinor: 1 });
  const conversationOf = async (subject: string) => {
    const [row] = await db.select({ id: schema.conversations.id }).from(schema.conversations).where(and(eq(schema.conversations.accountId, accountId), eq(schema.conversations.subject, subject)));
    return row!.id;
  };
  const as = (key: string, name: string): AccountScope => ({ accountId, actor: { type: 'user', id: users.get(key)!, name, role: 'agent' } });
  const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);
  const none = { gifts: null };
  await sendDelightGesture(db, as('sam', 'Sam Carter'), {
    conversationId: await conversationOf('Order arrived damaged'), kind: 'voucher', poolId: pools.sorryPoolId, clientKey: 'demo-sofia-voucher', cardStyle: 'sorry',
    message: 'Sofia, I’m so sorry your bowl arrived broken. A new one is on its way, and this is for your next order.', reason: 'Damaged in transit',
  }, none, hoursAgo(20));
  await sendDelightGesture(db, as('sam', 'Sam Carter'), {
    conversationId: await conversationOf('Thank you!'), kind: 'card', clientKey: 'demo-grace-card', cardStyle: 'thanks',
    message: 'Grace, your note made our whole team smile. Thank you for being with us since the very first season.',
  }, none, hoursAgo(70));
  await sendDelightGesture(db, as('li', 'Li Wei'), {
    conversationId: await conversationOf('發票抬頭更改'), kind: 'points', points: 800, clientKey: 'demo-lin-points', cardStyle: 'thanks',
    message: '小雨，谢谢您的耐心等待，这是一点心意。', reason: '发票修改耽误了时间',
  }, none, hoursAgo(30));
}
