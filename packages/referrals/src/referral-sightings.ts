import { and, desc, eq, gte } from 'drizzle-orm';
import { type Database, schema } from '@touchpoint/db';
import { recordCustomerEvents } from '@touchpoint/customer-events';
import { hashDevice, hashIp, isComparableIp } from './referral-identity.ts';
import type { ReferralCodeRow } from './referral-codes.ts';
import { findReferralProgram } from './referral-programs.ts';

const s = schema.referralSightings;
const CLICK_DEDUPE_MS = 30 * 60_000;
const REFERRER_DEDUPE_MS = 24 * 3600_000;

/** What a request tells about the device: the first-party device id cookie, the user agent and the IP (hashed at once). */
export interface RequestPrint { deviceId: string | null; userAgent: string; ip: string | null }

export function fingerprintOf(salt: string, print: RequestPrint) {
  return { deviceId: print.deviceId, deviceHash: print.deviceId ? hashDevice(print.deviceId, print.userAgent) : null, ipHash: print.ip && isComparableIp(print.ip) ? hashIp(salt, print.ip) : null };
}

/**
 * A click on a referral link: one sighting per device and code per half hour (a reload is the same click), and
 * `referral.clicked` on the referrer's timeline for a new one. Null when the program is not live.
 */
export async function recordReferralClick(db: Database, code: ReferralCodeRow, print: RequestPrint, now = new Date()) {
  const program = await findReferralProgram(db, code.accountId);
  if (!program || program.status !== 'live') return null;
  const print2 = fingerprintOf(program.ipSalt, print);
  return db.transaction(async (tx) => {
    if (print2.deviceHash) {
      const [recent] = await tx.select().from(s).where(and(eq(s.codeId, code.id), eq(s.kind, 'click'), eq(s.deviceHash, print2.deviceHash), gte(s.createdAt, new Date(now.getTime() - CLICK_DEDUPE_MS)))).orderBy(desc(s.createdAt)).limit(1);
      if (recent) return { program, clickId: recent.id, repeated: true };
    }
    const [click] = await tx.insert(s).values({ accountId: code.accountId, codeId: code.id, kind: 'click', ...print2, createdAt: now }).returning();
    await recordCustomerEvents(tx, code.accountId, [{
      contactId: code.contactId, kind: 'system', name: 'referral.clicked', source: 'system', occurredAt: now, touchpoint: { kind: 'referral', id: null },
      properties: { code: code.code, clickId: click!.id }, messageId: `referral-click:${click!.id}`,
    }]);
    return { program, clickId: click!.id, repeated: false };
  });
}

/** The referrer opened their own link or page: remembered (once a day per device and IP) so a claim from here is self-referral. */
export async function recordReferrerSighting(db: Database, code: ReferralCodeRow, print: RequestPrint, now = new Date()) {
  const program = await findReferralProgram(db, code.accountId);
  if (!program) return;
  const print2 = fingerprintOf(program.ipSalt, print);
  if (!print2.deviceHash && !print2.ipHash) return;
  const recent = await db.select({ deviceHash: s.deviceHash, ipHash: s.ipHash }).from(s)
    .where(and(eq(s.codeId, code.id), eq(s.kind, 'referrer'), gte(s.createdAt, new Date(now.getTime() - REFERRER_DEDUPE_MS)))).orderBy(desc(s.createdAt)).limit(20);
  if (recent.some((row) => row.deviceHash === print2.deviceHash && row.ipHash === print2.ipHash)) return;
  await db.insert(s).values({ accountId: code.accountId, codeId: code.id, kind: 'referrer', ...print2, createdAt: now });
}
