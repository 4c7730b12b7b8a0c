import { and, eq } from 'drizzle-orm';
import { type Database, schema } from '@touchpoint/db';
import { generateReferralCode, REFERRAL_CODE_PATTERN } from './referral-identity.ts';

const c = schema.referralCodes;
export type ReferralCodeRow = typeof c.$inferSelect;

/**
 * The contact's code, created on first use and the same ever after (one per contact, unique index). A concurrent
 * first use or a code collision inserts nothing, and the stored row is read back.
 */
export async function ensureReferralCode(db: Database, accountId: string, contactId: string): Promise<ReferralCodeRow> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const [existing] = await db.select().from(c).where(and(eq(c.accountId, accountId), eq(c.contactId, contactId)));
    if (existing) return existing;
    const [created] = await db.insert(c).values({ accountId, contactId, code: generateReferralCode() }).onConflictDoNothing().returning();
    if (created) return created;
  }
  throw new Error('Could not create a referral code');
}

/** A code as typed in a link (any account: codes are unique across accounts); null for anything malformed or unknown. */
export async function findReferralCode(db: Database, code: string): Promise<ReferralCodeRow | null> {
  const value = code.trim().toLowerCase();
  if (!REFERRAL_CODE_PATTERN.test(value)) return null;
  const [row] = await db.select().from(c).where(eq(c.code, value));
  return row ?? null;
}

export async function findCodeOfAccount(db: Database, accountId: string, code: string): Promise<ReferralCodeRow | null> {
  const row = await findReferralCode(db, code);
  return row && row.accountId === accountId ? row : null;
}
