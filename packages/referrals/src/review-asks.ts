import { and, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { OutreachPort } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { recordCustomerEvents } from '@touchpoint/customer-events';
import { generateAskToken } from './referral-identity.ts';
import { getReviewSettings, platformsFor } from './review-settings.ts';
import { composeReviewAsk, type ReviewAskLinks } from './review-copy.ts';

const a = schema.reviewAsks;
const DAY_MS = 24 * 3600_000;

export interface HighAnswer { contactId: string; responseId: string; kind: string; score: number }
export type AskDecision = { status: 'created'; askId: string } | { status: 'skipped'; reason: 'disabled' | 'below_threshold' | 'cooldown' | 'duplicate' | 'not_rated' };

/**
 * Whether an answer earns a review ask, and the ask when it does: CSAT at or above `csatMin`, NPS at or above
 * `npsMin` (CES never), the ask on, and no ask to this customer within the cool-down. One ask per answer.
 */
export async function createReviewAskFromAnswer(tx: Database, accountId: string, answer: HighAnswer, now = new Date()): Promise<AskDecision> {
  const settings = await getReviewSettings(tx, accountId);
  if (!settings.enabled) return { status: 'skipped', reason: 'disabled' };
  const threshold = answer.kind === 'csat' ? settings.csatMin : answer.kind === 'nps' ? settings.npsMin : null;
  if (threshold === null) return { status: 'skipped', reason: 'not_rated' };
  if (answer.score < threshold) return { status: 'skipped', reason: 'below_threshold' };
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`review-ask:${accountId}:${answer.contactId}`}))`);
  const [recent] = await tx.select({ id: a.id }).from(a).where(and(eq(a.accountId, accountId), eq(a.contactId, answer.contactId),
    inArray(a.status, ['pending', 'sent', 'deferred']), gte(a.createdAt, new Date(now.getTime() - settings.cooldownDays * DAY_MS)))).limit(1);
  if (recent) return { status: 'skipped', reason: 'cooldown' };
  const [ask] = await tx.insert(a).values({
    accountId, contactId: answer.contactId, responseId: answer.responseId, surveyKind: answer.kind, score: answer.score, channel: settings.channel, token: generateAskToken(), createdAt: now,
  }).onConflictDoNothing().returning({ id: a.id });
  return ask ? { status: 'created', askId: ask.id } : { status: 'skipped', reason: 'duplicate' };
}

export interface ReviewDeliveryPorts {
  outreach: Pick<OutreachPort, 'send'>;
  /** The tracked redirect of one ask to one platform (`/review/<token>?to=<platform>`). */
  askUrl: (token: string, platformId: string) => string;
  /** The customer's own referral link, when a referral program is live (shared with the share text). */
  referralUrl: (accountId: string, contactId: string) => Promise<string | null>;
}

/**
 * Sends the pending asks through outreach (consent, caps and quiet hours apply). No transaction is held while
 * outreach sends: two nodes may pick the same ask, and outreach's dedupe key `review-ask:<id>` lets only one send
 * (the other gets `duplicate`); the status then moves from `pending` once, under a conditional update.
 * `review.requested` goes on the timeline when the ask went out (or was held for later). Returns how many were handled.
 */
export async function deliverDueReviewAsks(db: Database, ports: ReviewDeliveryPorts, limit = 50, askId?: string): Promise<number> {
  const due = await db.select().from(a).where(and(eq(a.status, 'pending'), askId ? eq(a.id, askId) : undefined)).orderBy(a.createdAt).limit(limit);
  let handled = 0;
  for (const ask of due) {
    const settings = await getReviewSettings(db, ask.accountId);
    const [contact] = await db.select({ locale: schema.contacts.locale, name: schema.contacts.name }).from(schema.contacts).where(eq(schema.contacts.id, ask.contactId));
    const locale = contact?.locale === 'ja' || contact?.locale === 'zh' ? contact.locale : 'en';
    const links: ReviewAskLinks = {
      platforms: platformsFor(settings, locale).map((platform) => ({ name: platform.name, url: ports.askUrl(ask.token, platform.id) })),
      shareText: settings.shareText[locale] ?? settings.shareText.en ?? '',
      referralUrl: await ports.referralUrl(ask.accountId, ask.contactId),
    };
    const result = await ports.outreach.send({
      accountId: ask.accountId, contactId: ask.contactId, channel: ask.channel, touchpoint: { kind: 'review', id: null },
      content: composeReviewAsk(locale, contact?.name ?? '', links, ask.channel), dedupeKey: `review-ask:${ask.id}`,
    });
    if (result.status === 'duplicate') continue;
    const status = result.status === 'sent' ? 'sent' : result.status === 'deferred' ? 'deferred' : 'suppressed';
    handled += await db.transaction(async (tx) => {
      const [moved] = await tx.update(a).set({ status, sentAt: status === 'sent' ? new Date() : null, suppressionReason: result.status === 'suppressed' ? result.reason : null })
        .where(and(eq(a.id, ask.id), eq(a.status, 'pending'))).returning({ id: a.id });
      if (!moved) return 0;
      if (status !== 'suppressed') {
        await recordCustomerEvents(tx, ask.accountId, [{
          contactId: ask.contactId, kind: 'system', name: 'review.requested', source: 'system', touchpoint: { kind: 'review', id: null },
          properties: { askId: ask.id, channel: ask.channel, surveyKind: ask.surveyKind, score: ask.score }, messageId: `review.requested:${ask.id}`,
        }]);
      }
      return 1;
    });
  }
  return handled;
}

/**
 * The tracked redirect: the platform's public review page for this ask, with `review.clicked` recorded once per ask
 * and platform. Null for an unknown token or platform (the page answers 404).
 */
export async function followReviewAsk(db: Database, token: string, platformId: string, now = new Date()): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{10,64}$/.test(token)) return null;
  const [ask] = await db.select().from(a).where(eq(a.token, token));
  if (!ask) return null;
  const settings = await getReviewSettings(db, ask.accountId);
  const platform = settings.platforms.find((p) => p.id === platformId);
  if (!platform) return null;
  await db.transaction(async (tx) => {
    await tx.update(a).set({ clickedAt: sql`coalesce(${a.clickedAt}, ${now})`, clickedPlatform: sql`coalesce(${a.clickedPlatform}, ${platform.id})` }).where(eq(a.id, ask.id));
    await recordCustomerEvents(tx, ask.accountId, [{
      contactId: ask.contactId, kind: 'system', name: 'review.clicked', source: 'system', occurredAt: now, touchpoint: { kind: 'review', id: null },
      properties: { askId: ask.id, platform: platform.id, platformName: platform.name }, messageId: `review.clicked:${ask.id}:${platform.id}`,
    }]);
  });
  return platform.url;
}

/** The latest asks, for the console. */
export async function listReviewAsks(db: Database, accountId: string, limit = 100) {
  const rows = await db.select({ ask: a, name: schema.contacts.name }).from(a).innerJoin(schema.contacts, eq(schema.contacts.id, a.contactId))
    .where(eq(a.accountId, accountId)).orderBy(desc(a.createdAt)).limit(limit);
  return rows.map(({ ask, name }) => ({
    id: ask.id, contactId: ask.contactId, contactName: name, surveyKind: ask.surveyKind, score: ask.score, channel: ask.channel, status: ask.status,
    suppressionReason: ask.suppressionReason, sentAt: ask.sentAt?.toISOString() ?? null, clickedAt: ask.clickedAt?.toISOString() ?? null, clickedPlatform: ask.clickedPlatform, createdAt: ask.createdAt.toISOString(),
  }));
}
