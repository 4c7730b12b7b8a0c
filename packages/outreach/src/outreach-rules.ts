import { createHash } from 'node:crypto';
import type { OutreachChannel, SuppressionReason } from '@touchpoint/core';
import type { QuietHours } from '@touchpoint/db';

/**
 * Whether the customer is in the account's global control group: a stable hash of (account, contact) into 10,000
 * buckets, held out when below `percent` × 100. The same customer is in or out for every journey and message, and
 * stays so until the percent changes (raising it only adds customers).
 */
export function isInControlGroup(accountId: string, contactId: string, percent: number): boolean {
  if (percent <= 0) return false;
  const bucket = createHash('sha256').update(`${accountId}:${contactId}`).digest().readUInt32BE(0) % 10_000;
  return bucket < percent * 100;
}

/**
 * The consent rule per channel, on `contacts.communicationConsent[channel]` (granted true/false or never asked):
 * - an explicit no blocks every message on that channel, transactional ones included;
 * - email: marketing may go unless the customer said no (every marketing email carries List-Unsubscribe);
 * - sms, whatsapp, messenger: marketing needs an explicit yes; transactional messages go unless the customer said no;
 * - in_app: shown inside the product the customer is using; no per-channel consent.
 */
export function checkConsent(channel: OutreachChannel, consent: Record<string, { granted: boolean } | undefined>, transactional: boolean): { ok: true } | { ok: false; detail: string } {
  if (channel === 'in_app') return { ok: true };
  const answer = consent[channel];
  if (answer?.granted === false) return { ok: false, detail: `the customer said no to ${channel} messages` };
  if (!transactional && channel !== 'email' && answer?.granted !== true) return { ok: false, detail: `marketing on ${channel} needs the customer's explicit yes, and they were never asked` };
  return { ok: true };
}

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Wall-clock minutes since local midnight in `timeZone` at `now`. */
function localMinutes(now: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(now);
  const hour = Number(parts.find((part) => part.type === 'hour')?.value ?? 0);
  const minute = Number(parts.find((part) => part.type === 'minute')?.value ?? 0);
  return hour * 60 + minute;
}

/** A valid IANA zone, else UTC (a contact's zone is free text from imports). */
export function normalizeTimeZone(timeZone: string | null | undefined): string {
  if (!timeZone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

/**
 * When quiet hours end, if `now` is inside them in `timeZone` (start inclusive, end exclusive; a window may wrap
 * midnight, 21:00 → 08:00); null outside. The end is computed on the wall clock, to the minute: across a daylight
 * saving change it may be an hour off, and the worker checks again before sending.
 */
export function findQuietHoursEnd(now: Date, timeZone: string, quietHours: QuietHours): Date | null {
  const local = localMinutes(now, timeZone);
  const start = minutesOf(quietHours.start);
  const end = minutesOf(quietHours.end);
  const inside = start < end ? local >= start && local < end : local >= start || local < end;
  if (!inside) return null;
  const wait = (end - local + 1440) % 1440;
  const until = new Date(now.getTime() + wait * 60_000);
  until.setUTCSeconds(0, 0);
  return until;
}

export const WINDOW_MS = 24 * 3600_000;

/** The reason a channel's 24-hour window refuses a free-form message. */
export const WINDOW_REASON: Partial<Record<OutreachChannel, SuppressionReason>> = { whatsapp: 'outside_whatsapp_window', messenger: 'outside_messenger_window' };
