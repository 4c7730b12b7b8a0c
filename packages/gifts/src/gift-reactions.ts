import { randomBytes, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { and, eq, isNotNull } from 'drizzle-orm';
import { AppError, notFound, validationFailed } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { recordCustomerEvents } from '@touchpoint/customer-events';
import { describeGiftForRecipient, findGiftByToken } from './gift-claim.ts';
import { serializeReaction } from './gift-model.ts';
import { detectReactionMediaType, isVideoType } from './media-type.ts';

const r = schema.giftReactions;
const g = schema.gifts;

export const MAX_REACTION_PHOTO_BYTES = 5 * 1024 * 1024;
export const MAX_REACTION_VIDEO_BYTES = 8 * 1024 * 1024;
export const MAX_REACTION_VIDEO_MS = 15_000;
export const MAX_REACTION_TEXT_LENGTH = 500;

/** Where reaction bytes live (the server passes a disk store of its own; structurally a subset of FileStore). */
export interface ReactionMediaStore {
  save(storageKey: string, content: AsyncIterable<Buffer> | Iterable<Buffer>, maxBytes: number): Promise<number>;
  read(storageKey: string): Promise<Readable>;
  remove(storageKey: string): Promise<void>;
}

export type ReactionInput =
  | { kind: 'text'; text: string }
  /** `bytes` as uploaded (at most MAX_REACTION_VIDEO_BYTES + 1 read); `durationMs` as the recorder measured it. */
  | { kind: 'media'; bytes: Buffer; truncated: boolean; durationMs?: number | null; text?: string };

const tooLarge = (limit: number, what: string) => new AppError('payload_too_large', 'File too large', `A ${what} reaction may be at most ${Math.round(limit / 1024 / 1024)} MB.`);

/** Checks a media upload from its bytes: type (jpeg/png/webp, webm/mp4) and size per kind; 415/413 otherwise. */
export function checkReactionMedia(input: { bytes: Buffer; truncated: boolean; durationMs?: number | null }) {
  const type = detectReactionMediaType(input.bytes);
  if (!type) throw new AppError('unsupported_media_type', 'Unsupported media type', 'A reaction must be a JPEG, PNG or WebP photo, or a WebM or MP4 video.');
  const video = isVideoType(type);
  const limit = video ? MAX_REACTION_VIDEO_BYTES : MAX_REACTION_PHOTO_BYTES;
  if (input.truncated || input.bytes.length > limit) throw tooLarge(limit, video ? 'video' : 'photo');
  if (video && input.durationMs != null && input.durationMs > MAX_REACTION_VIDEO_MS + 500) throw validationFailed([{ path: 'durationMs', message: `a video reaction may be at most ${MAX_REACTION_VIDEO_MS / 1000} seconds` }]);
  return { contentType: type, kind: video ? 'video' as const : 'photo' as const };
}

/**
 * The recipient's reaction, once per claimed gift (409 before the claim or for a second one; nothing is kept from
 * a refused upload). Records `gift.reacted` on the recipient's timeline and `gift.reaction_received` on the giver's.
 */
export async function addGiftReaction(db: Database, store: ReactionMediaStore, token: string, input: ReactionInput, now = new Date()) {
  const gift = await findGiftByToken(db, token);
  const text = (input.text ?? '').trim();
  if (text.length > MAX_REACTION_TEXT_LENGTH) throw validationFailed([{ path: 'text', message: `must be at most ${MAX_REACTION_TEXT_LENGTH} characters` }]);
  if (input.kind === 'text' && !text) throw validationFailed([{ path: 'text', message: 'must not be empty' }]);
  const media = input.kind === 'media' ? checkReactionMedia(input) : null;
  if (gift.status === 'reacted') throw new AppError('conflict', 'Already sent', 'A reaction to this gift was already sent.');
  if (gift.status !== 'claimed' && gift.status !== 'swapped') throw new AppError('conflict', 'Not claimed', 'Accept the gift first, then send your reaction.');

  const reactionId = randomUUID();
  const storageKey = media ? `${gift.accountId}/${reactionId}` : null;
  if (storageKey && input.kind === 'media') await store.save(storageKey, [input.bytes], MAX_REACTION_VIDEO_BYTES);
  try {
    await db.transaction(async (tx) => {
      const [moved] = await tx.update(g).set({ status: 'reacted', reactedAt: now }).where(and(eq(g.id, gift.id), eq(g.status, gift.status))).returning();
      if (!moved) throw new AppError('conflict', 'Already sent', 'A reaction to this gift was already sent.');
      await tx.insert(r).values({
        id: reactionId, accountId: gift.accountId, giftId: gift.id, kind: media?.kind ?? 'text', text, contentType: media?.contentType ?? null,
        byteSize: input.kind === 'media' ? input.bytes.length : null, durationMs: input.kind === 'media' && media?.kind === 'video' ? (input.durationMs ?? null) : null, storageKey,
      });
      const touchpoint = { kind: 'gift' as const, id: gift.id };
      const properties = { giftId: gift.id, reactionId, kind: media?.kind ?? 'text' };
      const events = [];
      if (gift.recipientContactId) events.push({ contactId: gift.recipientContactId, kind: 'system' as const, name: 'gift.reacted', source: 'system' as const, occurredAt: now, touchpoint, properties });
      if (gift.senderContactId) events.push({ contactId: gift.senderContactId, kind: 'system' as const, name: 'gift.reaction_received', source: 'system' as const, occurredAt: now, touchpoint, properties: { ...properties, text: text.slice(0, 200) } });
      if (events.length) await recordCustomerEvents(tx, gift.accountId, events);
    });
  } catch (error) {
    if (storageKey) await store.remove(storageKey);
    throw error;
  }
  const [fresh] = await db.select().from(g).where(eq(g.id, gift.id));
  return describeGiftForRecipient(db, fresh!, now);
}

/** A reaction's photo or video: for the giver (their own gift), a member (the account's), or the public share page. */
export async function openReactionMedia(db: Database, store: ReactionMediaStore, where: { accountId: string; giftId: string; senderContactId?: string } | { shareSlug: string }) {
  const filter = 'shareSlug' in where
    ? and(eq(r.shareSlug, where.shareSlug), isNotNull(r.shareSlug))
    : and(eq(r.accountId, where.accountId), eq(r.giftId, where.giftId), where.senderContactId ? eq(g.senderContactId, where.senderContactId) : undefined);
  const [row] = await db.select({ reaction: r }).from(r).innerJoin(g, eq(g.id, r.giftId)).where(filter);
  if (!row?.reaction.storageKey || !row.reaction.contentType) throw notFound('reaction');
  return { contentType: row.reaction.contentType, byteSize: row.reaction.byteSize ?? 0, content: await store.read(row.reaction.storageKey) };
}

/** The giver publishes (or withdraws) their gift's reaction at `/gift/reaction/<slug>`; a new slug each time it is shared. */
export async function shareGiftReaction(db: Database, accountId: string, senderContactId: string, giftId: string, shared: boolean) {
  const [row] = await db.select({ reaction: r }).from(r).innerJoin(g, eq(g.id, r.giftId))
    .where(and(eq(r.accountId, accountId), eq(r.giftId, giftId), eq(g.senderContactId, senderContactId)));
  if (!row) throw notFound('reaction');
  if (shared && row.reaction.shareSlug) return serializeReaction(row.reaction);
  const [updated] = await db.update(r).set(shared ? { shareSlug: randomBytes(12).toString('base64url'), sharedAt: new Date() } : { shareSlug: null, sharedAt: null })
    .where(eq(r.id, row.reaction.id)).returning();
  return serializeReaction(updated!);
}

/** A shared reaction for its public page: the giver's first name, the gift, the reaction; 404 once withdrawn. */
export async function findSharedReaction(db: Database, shareSlug: string) {
  if (!/^[A-Za-z0-9_-]{16}$/.test(shareSlug)) throw notFound('reaction');
  const [row] = await db.select({ reaction: r, gift: g, businessName: schema.accounts.name }).from(r).innerJoin(g, eq(g.id, r.giftId))
    .innerJoin(schema.accounts, eq(schema.accounts.id, r.accountId)).where(eq(r.shareSlug, shareSlug));
  if (!row) throw notFound('reaction');
  return { reaction: serializeReaction(row.reaction), senderName: row.gift.senderName.split(/\s+/)[0] ?? '', businessName: row.businessName, item: row.gift.claimedItem ?? row.gift.item, locale: row.gift.locale };
}
