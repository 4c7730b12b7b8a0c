import { and, eq, ne, sql } from 'drizzle-orm';
import { AppError, notFound, validationFailed } from '@touchpoint/core';
import { type Database, type GiftItem, schema } from '@touchpoint/db';
import { recordCustomerEvents } from '@touchpoint/customer-events';
import { createContact, findContactByEmails, findContactByPhone, isEmail, isPhone, normalizeEmail, normalizePhone, requireLiveContact } from '@touchpoint/contacts';
import { requireCouponPool } from '@touchpoint/rewards';
import { releaseCampaignUnit, requireGiftCampaign, reserveCampaignUnit } from './gift-campaigns.ts';
import { claimPathOf, DEFAULT_CLAIM_DAYS, type GiftLocale, type GiftRow, MAX_GIFT_MESSAGE_LENGTH, mintClaimToken } from './gift-model.ts';

const g = schema.gifts;
const MAX_SCHEDULE_AHEAD_MS = 366 * 24 * 3600_000;
/** A customer sends at most this many gifts a day (campaign limits apply on top): gifts reach strangers' inboxes. */
export const MAX_GIFTS_PER_CUSTOMER_PER_DAY = 20;

export type GiftSender = { kind: 'contact'; contactId: string } | { kind: 'agent'; userId: string; conversationId: string };

/** The contract other domains build to (delight sends from a conversation). No contact, email or phone: a link only. */
export interface SendGiftInput {
  sender: GiftSender;
  recipient: { contactId?: string; email?: string; phone?: string; name?: string; country?: string };
  /** Ignored when `campaignId` is set: a campaign sends its own item. */
  item: GiftItem;
  message: string;
  deliverAt?: Date | null;
  locale?: GiftLocale;
  campaignId?: string;
  /** Idempotency: the same reference sends one gift; a replay answers it with `replayed: true`. */
  reference: string;
  /** How to reach a recipient with both an email and a phone; by default email, else SMS. */
  channel?: 'email' | 'sms' | 'whatsapp';
  /** ISO 3166 alpha-2; by default the sender contact's `country` attribute. */
  senderCountry?: string;
}

export interface SendGiftResult {
  giftId: string;
  /** The claim page's path (`/gift/<token>`); '' on a replay once the gift has ended (its raw token is gone). */
  claimUrl: string;
  replayed: boolean;
}

const SYSTEM_SCOPE = (accountId: string) => ({ accountId, actor: { type: 'system' as const, id: null, name: 'Gifts', role: 'admin' as const } });
const countryOf = (value: unknown) => (typeof value === 'string' && /^[A-Za-z]{2}$/.test(value) ? value.toUpperCase() : null);

async function describeSender(tx: Database, accountId: string, sender: GiftSender) {
  if (sender.kind === 'contact') {
    const contact = await requireLiveContact(tx, accountId, sender.contactId);
    return { name: contact.name, country: countryOf(contact.attributes.country), key: `contact:${contact.id}` };
  }
  const [user] = await tx.select({ name: schema.users.name }).from(schema.users).innerJoin(schema.memberships, eq(schema.memberships.userId, schema.users.id))
    .where(and(eq(schema.memberships.accountId, accountId), eq(schema.users.id, sender.userId)));
  if (!user) throw notFound('member');
  const [conversation] = await tx.select({ id: schema.conversations.id }).from(schema.conversations)
    .where(and(eq(schema.conversations.accountId, accountId), eq(schema.conversations.id, sender.conversationId)));
  if (!conversation) throw notFound('conversation');
  return { name: user.name, country: null, key: `user:${sender.userId}` };
}

/**
 * The recipient's contact: the one given, else the live contact with that email or phone, else a new contact (a
 * gift to an address makes its owner someone the business can reach, through outreach, with consent). A link-only
 * gift has no contact until someone claims it.
 */
async function resolveRecipient(tx: Database, accountId: string, recipient: SendGiftInput['recipient']) {
  const email = recipient.email ? normalizeEmail(recipient.email) : null;
  const phone = recipient.phone ? normalizePhone(recipient.phone) : null;
  if (email && !isEmail(email)) throw validationFailed([{ path: 'recipient.email', message: 'is not an email address' }]);
  if (phone && !isPhone(phone)) throw validationFailed([{ path: 'recipient.phone', message: 'is not a phone number' }]);
  if (recipient.contactId) {
    const contact = await requireLiveContact(tx, accountId, recipient.contactId);
    return { contactId: contact.id, email: email ?? contact.email, phone: phone ?? contact.phone, name: recipient.name ?? contact.name };
  }
  if (!email && !phone) return { contactId: null, email: null, phone: null, name: recipient.name ?? null };
  const found = (email ? await findContactByEmails(tx, accountId, [email]) : null) ?? (phone ? await findContactByPhone(tx, accountId, phone) : null);
  if (found) return { contactId: found.id, email, phone, name: recipient.name ?? found.name };
  const name = recipient.name?.trim() || (email ? email.slice(0, email.indexOf('@')) : phone!);
  const created = await createContact(tx, SYSTEM_SCOPE(accountId), { name, email, phone });
  return { contactId: created.id, email, phone, name: recipient.name ?? null };
}

function chooseChannel(recipient: { email: string | null; phone: string | null; contactId: string | null }, wanted: SendGiftInput['channel']) {
  if (!recipient.contactId) return 'link' as const;
  if (wanted === 'email') return recipient.email ? 'email' as const : 'link' as const;
  if (wanted === 'sms' || wanted === 'whatsapp') return recipient.phone ? wanted : 'link' as const;
  if (recipient.email) return 'email' as const;
  return recipient.phone ? 'sms' as const : 'link' as const;
}

async function findByReference(tx: Database, accountId: string, reference: string) {
  const [row] = await tx.select().from(g).where(and(eq(g.accountId, accountId), eq(g.reference, reference)));
  return row ?? null;
}

const replayOf = (row: GiftRow): SendGiftResult => ({ giftId: row.id, claimUrl: row.pendingToken ? claimPathOf(row.pendingToken) : '', replayed: true });

/** Refuses a campaign gift past the sender's per-person limit; serialised per sender and campaign by an advisory lock. */
async function assertUnderPersonLimit(tx: Database, accountId: string, campaignId: string, senderKey: string, limit: number) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`gift-campaign:${campaignId}:${senderKey}`}))`);
  const senderMatch = senderKey.startsWith('contact:') ? eq(g.senderContactId, senderKey.slice(8)) : eq(g.senderUserId, senderKey.slice(5));
  const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(g).where(and(eq(g.accountId, accountId), eq(g.campaignId, campaignId), senderMatch, ne(g.status, 'cancelled')));
  if ((row?.n ?? 0) >= limit) throw new AppError('conflict', 'Limit reached', `You have already sent ${limit === 1 ? 'the gift' : `${limit} gifts`} this campaign allows per person.`);
}

/** Refuses a customer's gift past the daily cap (429), serialised per sender by an advisory lock. */
async function assertUnderDailyCap(tx: Database, accountId: string, contactId: string, now: Date) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`gift-sender:${accountId}:${contactId}`}))`);
  const since = new Date(now.getTime() - 24 * 3600_000).toISOString();
  const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(g)
    .where(and(eq(g.accountId, accountId), eq(g.senderContactId, contactId), sql`${g.createdAt} > ${since}::timestamptz`));
  if ((row?.n ?? 0) >= MAX_GIFTS_PER_CUSTOMER_PER_DAY) {
    throw new AppError('rate_limited', 'Too many gifts', `You can send up to ${MAX_GIFTS_PER_CUSTOMER_PER_DAY} gifts a day; try again tomorrow.`, { retryAfterSeconds: 3600 });
  }
}

/**
 * Sends a gift, in the caller's transaction: checks the sender, the recipient and the item, takes a unit of the
 * campaign's stock (never oversold; per-person limit), and stores the gift with a fresh claim token. Delivery by
 * message happens after commit (`deliverDueGifts`, right away or at `deliverAt`); a link-only gift due now is
 * delivered at once. Records `gift.sent` on the giver's timeline.
 */
export async function sendGift(tx: Database, accountId: string, input: SendGiftInput): Promise<SendGiftResult> {
  const reference = input.reference.trim();
  if (!reference || reference.length > 200) throw validationFailed([{ path: 'reference', message: 'must be 1–200 characters' }]);
  if (input.message.length > MAX_GIFT_MESSAGE_LENGTH) throw validationFailed([{ path: 'message', message: `must be at most ${MAX_GIFT_MESSAGE_LENGTH} characters` }]);
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`gift-ref:${accountId}:${reference}`}))`);
  const existing = await findByReference(tx, accountId, reference);
  if (existing) return replayOf(existing);

  const now = new Date();
  const deliverAt = input.deliverAt && input.deliverAt > now ? input.deliverAt : now;
  if (deliverAt.getTime() - now.getTime() > MAX_SCHEDULE_AHEAD_MS) throw validationFailed([{ path: 'deliverAt', message: 'must be within a year' }]);
  const sender = await describeSender(tx, accountId, input.sender);
  if (input.sender.kind === 'contact') await assertUnderDailyCap(tx, accountId, input.sender.contactId, now);
  const recipient = await resolveRecipient(tx, accountId, input.recipient);
  if (input.sender.kind === 'contact' && recipient.contactId === input.sender.contactId) throw validationFailed([{ path: 'recipient', message: 'a gift goes to someone else' }]);
  const senderCountry = countryOf(input.senderCountry) ?? sender.country;
  const recipientCountry = countryOf(input.recipient.country);

  let item = input.item;
  let claimDays = DEFAULT_CLAIM_DAYS;
  if (input.campaignId) {
    const campaign = await requireGiftCampaign(tx, accountId, input.campaignId);
    if (campaign.requireOtherCountry && senderCountry && recipientCountry === senderCountry) {
      throw validationFailed([{ path: 'recipient.country', message: 'this campaign’s gifts go to someone in another country' }]);
    }
    await assertUnderPersonLimit(tx, accountId, campaign.id, sender.key, campaign.perPersonLimit);
    await reserveCampaignUnit(tx, accountId, campaign.id, now);
    item = campaign.item;
    claimDays = campaign.claimDays;
  } else if (item.kind === 'voucher') {
    await requireCouponPool(tx, accountId, item.poolId);
  }

  const channel = chooseChannel(recipient, input.channel);
  const linkDueNow = channel === 'link' && deliverAt <= now;
  const { token, tokenHash } = mintClaimToken();
  const [gift] = await tx.insert(g).values({
    accountId, campaignId: input.campaignId ?? null, reference, senderKind: input.sender.kind,
    senderContactId: input.sender.kind === 'contact' ? input.sender.contactId : null,
    senderUserId: input.sender.kind === 'agent' ? input.sender.userId : null,
    conversationId: input.sender.kind === 'agent' ? input.sender.conversationId : null,
    senderName: sender.name, senderCountry, recipientContactId: recipient.contactId, recipientEmail: recipient.email, recipientPhone: recipient.phone,
    recipientName: recipient.name, recipientCountry, channel, item, message: input.message.trim(), locale: input.locale ?? 'en',
    status: linkDueNow ? 'delivered' : 'scheduled', tokenHash, pendingToken: token, deliverAt, deliveredAt: linkDueNow ? now : null,
    expiresAt: new Date(deliverAt.getTime() + claimDays * 24 * 3600_000),
  }).returning();
  const touchpoint = { kind: 'gift' as const, id: gift!.id };
  const properties = { giftId: gift!.id, campaignId: gift!.campaignId, item: item.kind, channel };
  const events = [];
  if (input.sender.kind === 'contact') events.push({ contactId: input.sender.contactId, kind: 'system' as const, name: 'gift.sent', source: 'system' as const, occurredAt: now, touchpoint, properties: { ...properties, recipientContactId: recipient.contactId } });
  if (linkDueNow && recipient.contactId) events.push({ contactId: recipient.contactId, kind: 'system' as const, name: 'gift.received', source: 'system' as const, occurredAt: now, touchpoint, properties: { ...properties, senderName: sender.name } });
  if (events.length) await recordCustomerEvents(tx, accountId, events);
  return { giftId: gift!.id, claimUrl: claimPathOf(token), replayed: false };
}

/**
 * Cancels a gift nobody has claimed yet (the giver from the portal, or a member): its campaign unit goes back.
 * `senderContactId` limits it to that giver's gifts (404 otherwise). 409 once claimed or ended.
 */
export async function cancelGift(db: Database, accountId: string, giftId: string, senderContactId?: string) {
  return db.transaction(async (tx) => {
    const [row] = await tx.update(g).set({ status: 'cancelled', endedAt: new Date(), pendingToken: null }).where(and(
      eq(g.accountId, accountId), eq(g.id, giftId), senderContactId ? eq(g.senderContactId, senderContactId) : undefined,
      sql`${g.status} IN ('scheduled', 'delivered', 'opened')`,
    )).returning();
    if (!row) {
      const [other] = await tx.select({ id: g.id }).from(g).where(and(eq(g.accountId, accountId), eq(g.id, giftId), senderContactId ? eq(g.senderContactId, senderContactId) : undefined));
      if (!other) throw notFound('gift');
      throw new AppError('conflict', 'Conflict', 'This gift was already claimed or has ended; it can no longer be cancelled.');
    }
    if (row.campaignId) await releaseCampaignUnit(tx, accountId, row.campaignId);
    return row;
  });
}
