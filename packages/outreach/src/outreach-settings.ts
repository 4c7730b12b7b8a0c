import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { OUTREACH_CHANNELS } from '@touchpoint/core';
import { type Database, type FrequencyCap, type QuietHours, schema } from '@touchpoint/db';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export const FrequencyCapSchema = z.strictObject({ limit: z.number().int().min(1).max(1000), periodDays: z.number().int().min(1).max(90) });
export const QuietHoursSchema = z.strictObject({
  start: z.string().regex(TIME, 'must be HH:MM (24-hour)'),
  end: z.string().regex(TIME, 'must be HH:MM (24-hour)'),
  mode: z.enum(['defer', 'suppress']),
}).refine((hours) => hours.start !== hours.end, { message: 'start and end must differ', path: ['end'] });
export const OutreachSettingsSchema = z.strictObject({
  globalCap: FrequencyCapSchema.nullable(),
  channelCaps: z.partialRecord(z.enum(OUTREACH_CHANNELS), FrequencyCapSchema),
  quietHours: QuietHoursSchema.nullable(),
  controlGroupPercent: z.number().int().min(0).max(50),
});

export interface OutreachSettings {
  globalCap: FrequencyCap | null;
  channelCaps: Partial<Record<(typeof OUTREACH_CHANNELS)[number], FrequencyCap>>;
  quietHours: QuietHours | null;
  controlGroupPercent: number;
}

/** An account that never saved settings: no caps, no quiet hours, no control group. */
export const DEFAULT_OUTREACH_SETTINGS: OutreachSettings = { globalCap: null, channelCaps: {}, quietHours: null, controlGroupPercent: 0 };

export async function getOutreachSettings(db: Database, accountId: string): Promise<OutreachSettings> {
  const [row] = await db.select().from(schema.outreachSettings).where(eq(schema.outreachSettings.accountId, accountId));
  if (!row) return DEFAULT_OUTREACH_SETTINGS;
  return { globalCap: row.globalCap ?? null, channelCaps: row.channelCaps, quietHours: row.quietHours ?? null, controlGroupPercent: row.controlGroupPercent };
}

export async function saveOutreachSettings(db: Database, accountId: string, settings: OutreachSettings): Promise<OutreachSettings> {
  const values = { globalCap: settings.globalCap, channelCaps: settings.channelCaps, quietHours: settings.quietHours, controlGroupPercent: settings.controlGroupPercent, updatedAt: new Date() };
  await db.insert(schema.outreachSettings).values({ accountId, ...values }).onConflictDoUpdate({ target: schema.outreachSettings.accountId, set: values });
  return getOutreachSettings(db, accountId);
}
