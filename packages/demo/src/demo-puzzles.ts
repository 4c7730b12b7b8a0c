import type { AccountScope } from '@touchpoint/core';
import type { Database } from '@touchpoint/db';
import { addDays, type BuiltinImage, findSolvingMoves, localDayOf, savePuzzleDay, startPuzzleSession, submitPuzzleSolution } from '@touchpoint/puzzles';
import { createCouponPool, generateCoupons } from '@touchpoint/rewards';

const DAY_MS = 24 * 60 * 60 * 1000;
const PICTURES: BuiltinImage[] = ['blossom', 'sunrise', 'waves', 'gift', 'city'];

/**
 * The daily puzzle in the demo: a coupon pool for its deals, puzzles from three days ago to a week ahead (built-in
 * pictures, a coupon most days and points on some), and solves of the past days played through the real verifier.
 */
export async function loadDemoPuzzles(db: Database, scope: AccountScope, contacts: Map<string, string>, timeZone: string, now: Date) {
  const pool = await createCouponPool(db, scope.accountId, { name: 'Daily puzzle: 15% off', kind: 'percent', value: 15, prefix: 'PZL-', codeLength: 8, expiresAt: new Date(now.getTime() + 60 * DAY_MS) });
  await generateCoupons(db, scope.accountId, pool.id, 200);
  const today = localDayOf(now, timeZone);
  for (let offset = -3; offset <= 7; offset++) {
    const day = addDays(today, offset);
    const points = offset % 3 === 2;
    await savePuzzleDay(db, scope, day, {
      image: { kind: 'builtin', key: PICTURES[(offset + 3) % PICTURES.length]! },
      gridSize: offset === 0 ? 3 : 3 + ((offset + 3) % 3),
      deal: points ? { kind: 'points', points: 200 } : { kind: 'coupon', poolId: pool.id },
      dealText: points
        ? { en: '200 bonus points for solving today’s puzzle', ja: 'パズル完成で200ボーナスポイント', zh: '完成拼图即得 200 奖励积分' }
        : { en: '15% off your next order', ja: '次回のご注文が15%オフ', zh: '下次订单享 85 折' },
    }, new Date(now.getTime() + offset * DAY_MS));
  }
  // Past days: a few customers each, solving in a minute or three (times recorded by the server's clock).
  const players = [...contacts.values()].slice(0, 6);
  for (let offset = -3; offset <= -1; offset++) {
    for (const [index, contactId] of players.entries()) {
      if ((index + offset) % 4 === 0) continue;
      const startedAt = new Date(now.getTime() + offset * DAY_MS - index * 37 * 60 * 1000);
      const { session } = await startPuzzleSession(db, scope.accountId, contactId, startedAt);
      if (index === 5) continue; // started, never finished
      const solvedAt = new Date(startedAt.getTime() + (50 + index * 35 + (offset + 3) * 20) * 1000);
      await submitPuzzleSolution(db, scope.accountId, contactId, { sessionId: session.id, moves: findSolvingMoves(session.arrangement) }, 'en', solvedAt);
    }
  }
}
