import type { Database } from '@touchpoint/db';

/**
 * The gifts domain's `sendGift`, as delight uses it (the issue-8 contract between the two): delight takes it as a
 * port so that it does not depend on the gifts package; the server wires the real one. Called inside delight's
 * transaction, so the gift commits or rolls back with the gesture.
 */
export interface SendGiftInput {
  sender: { kind: 'contact'; contactId: string } | { kind: 'agent'; userId: string; conversationId: string };
  recipient: { contactId?: string; email?: string; phone?: string; name?: string };
  item: { kind: 'voucher'; poolId: string } | { kind: 'product'; title: string; sku?: string; imageUrl?: string; valueMinor?: number; currency?: string } | { kind: 'card' };
  message: string;
  deliverAt?: Date | null;
  locale?: 'en' | 'ja' | 'zh';
  campaignId?: string;
  /** Idempotency: the same reference twice sends one gift. */
  reference: string;
}

export interface SendGiftResult {
  giftId: string;
  /** A path, e.g. `/gift/<token>`. */
  claimUrl: string;
  replayed: boolean;
}

export interface GiftSender {
  sendGift(tx: Database, accountId: string, input: SendGiftInput): Promise<SendGiftResult>;
}
