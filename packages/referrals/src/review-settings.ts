import { eq } from 'drizzle-orm';
import { validationFailed } from '@touchpoint/core';
import { type Database, type ReviewPlatform, schema } from '@touchpoint/db';
import type { Localized } from './referral-programs.ts';

const t = schema.reviewSettings;
type SettingsRow = typeof t.$inferSelect;

export interface ReviewSettingsInput {
  enabled: boolean;
  platforms: ReviewPlatform[];
  shareText: Localized;
  csatMin: number;
  npsMin: number;
  cooldownDays: number;
  channel: 'email' | 'in_app';
}

const DEFAULT_SETTINGS: ReviewSettingsInput = { enabled: false, platforms: [], shareText: {}, csatMin: 4, npsMin: 9, cooldownDays: 90, channel: 'email' };

export function presentReviewSettings(row: SettingsRow | null) {
  const value = row ?? { ...DEFAULT_SETTINGS, updatedAt: null };
  return { enabled: value.enabled, platforms: value.platforms, shareText: value.shareText, csatMin: value.csatMin, npsMin: value.npsMin, cooldownDays: value.cooldownDays, channel: value.channel, updatedAt: value.updatedAt?.toISOString() ?? null };
}
export type ReviewSettings = ReturnType<typeof presentReviewSettings>;

export async function getReviewSettings(db: Database, accountId: string): Promise<ReviewSettings> {
  const [row] = await db.select().from(t).where(eq(t.accountId, accountId));
  return presentReviewSettings(row ?? null);
}

/** Saves the settings; platform ids are unique, and an enabled ask needs at least one platform to send people to. */
export async function saveReviewSettings(db: Database, accountId: string, input: ReviewSettingsInput): Promise<ReviewSettings> {
  const ids = input.platforms.map((platform) => platform.id);
  if (new Set(ids).size !== ids.length) throw validationFailed([{ path: 'platforms', message: 'each platform needs its own id' }]);
  if (input.enabled && input.platforms.length === 0) throw validationFailed([{ path: 'platforms', message: 'add at least one review page before turning the ask on' }]);
  const values = { ...input, updatedAt: new Date() };
  const [row] = await db.insert(t).values({ accountId, ...values }).onConflictDoUpdate({ target: t.accountId, set: values }).returning();
  return presentReviewSettings(row!);
}

/** The pages shown to a customer in this language: those for the language, else those for every language. */
export function platformsFor(settings: Pick<ReviewSettings, 'platforms'>, locale: 'en' | 'ja' | 'zh') {
  const own = settings.platforms.filter((platform) => platform.locale === locale);
  const shared = settings.platforms.filter((platform) => platform.locale === null);
  return [...own, ...shared];
}
