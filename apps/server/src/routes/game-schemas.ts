import { z } from 'zod';
import { IsoDateSchema, NameSchema } from './schemas.ts';

const CountSchema = z.number().int('must be a whole number').min(1).max(1_000_000);
const MinorSchema = z.number().int('must be a whole number of minor units').min(0).max(2_000_000_000);
const DateTimeSchema = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' });

export const PrizeKindSchema = z.enum(['free_item', 'discount', 'points', 'try_again']);
export const EligibilitySchema = z.strictObject({
  ordersRequired: z.number().int().min(1).max(100).describe('unique orders needed for one play'),
  windowDays: z.number().int().min(1).max(3650).nullable().describe('the orders must fall within this many days; null = the whole campaign'),
  uniqueBy: z.enum(['order', 'day']).describe('what makes two orders count twice: distinct orders, or distinct days with an order (UTC)'),
  minOrderMinor: MinorSchema.nullable().describe('orders below this total do not count; null = any size'),
});
export const LimitsSchema = z.strictObject({
  perCustomer: CountSchema.nullable(),
  perDevice: CountSchema.nullable(),
  perPeriod: z.strictObject({ plays: CountSchema, days: z.number().int().min(1).max(365) }).nullable(),
});
export const PrizeInputSchema = z.strictObject({
  id: z.uuid().optional().describe('an existing line (required to keep a live campaign’s lines)'),
  label: z.string().trim().min(1, 'must not be empty').max(80),
  kind: PrizeKindSchema,
  poolId: z.uuid().nullable().optional(),
  points: z.number().int().min(1).max(10_000_000).nullable().optional(),
  weight: z.number().int().min(0).max(1_000_000),
  stock: z.number().int().min(0).max(10_000_000).nullable().optional(),
  valueMinor: MinorSchema.optional(),
});
export const CampaignInputSchema = z.strictObject({
  name: NameSchema,
  slug: z.string().trim().regex(/^[a-z0-9-]{1,40}$/, 'must be up to 40 lowercase letters, digits or dashes').optional(),
  kind: z.enum(['order_game', 'draw']),
  startsAt: DateTimeSchema.nullable().optional(),
  endsAt: DateTimeSchema.nullable().optional(),
  eligibility: EligibilitySchema.partial().optional(),
  limits: LimitsSchema.partial().optional(),
  cardCount: z.union([z.literal(3), z.literal(5)]).optional(),
  rulesText: z.string().max(10_000).optional(),
  alternativeEntry: z.string().max(2000).optional(),
  budgetMinor: MinorSchema.nullable().optional(),
  currency: z.string().regex(/^[A-Za-z]{3}$/, 'must be a three-letter ISO 4217 code').nullable().optional(),
  prizes: z.array(PrizeInputSchema).max(20),
});

export const PrizeSchema = z.object({
  id: z.string(), position: z.number(), label: z.string(), kind: PrizeKindSchema, poolId: z.string().nullable(), points: z.number().nullable(), weight: z.number(),
  odds: z.number().describe('weight / total weight'), stock: z.number().nullable(), awarded: z.number(), stockLeft: z.number().nullable(), valueMinor: z.number(),
});
export const CampaignSchema = z.object({
  id: z.string(), slug: z.string(), name: z.string(), kind: z.enum(['order_game', 'draw']), status: z.enum(['draft', 'live', 'ended']),
  startsAt: IsoDateSchema.nullable(), endsAt: IsoDateSchema.nullable(), eligibility: EligibilitySchema, limits: LimitsSchema, cardCount: z.number(),
  rulesText: z.string(), alternativeEntry: z.string(), budgetMinor: z.number().nullable(), spentMinor: z.number(), currency: z.string().nullable(),
  publishedAt: IsoDateSchema.nullable(), endedAt: IsoDateSchema.nullable(), createdAt: IsoDateSchema, updatedAt: IsoDateSchema, prizes: z.array(PrizeSchema),
});
export const CommitSchema = z.object({
  playId: z.string(), unlockId: z.string(), campaignId: z.string(), serverSeedHash: z.string().describe('SHA-256 of the server seed, published before the play'),
  nonce: z.number(), algorithm: z.string(), status: z.enum(['committed', 'played']), committedAt: IsoDateSchema,
});
export const ReceiptSchema = z.object({
  playId: z.string(), campaignId: z.string(), campaignSlug: z.string(), campaignName: z.string(), algorithm: z.string(), serverSeedHash: z.string(), serverSeed: z.string(),
  clientSeed: z.string(), nonce: z.number(), roll: z.number(), table: z.array(z.object({ id: z.string(), label: z.string(), kind: PrizeKindSchema, weight: z.number() })),
  drawnPrizeId: z.string().nullable(), prizeId: z.string().nullable(), outcome: z.enum(['won', 'lost']), fallback: z.boolean(),
  prize: z.object({ label: z.string(), kind: PrizeKindSchema }).nullable(), committedAt: IsoDateSchema, playedAt: IsoDateSchema,
});
export const PlayResultSchema = z.object({ receipt: ReceiptSchema, couponCode: z.string().nullable(), points: z.number().nullable(), replayed: z.boolean() });
export const CustomerGameSchema = z.object({
  id: z.string(), slug: z.string(), name: z.string(), kind: z.enum(['order_game', 'draw']), cardCount: z.number(), endsAt: IsoDateSchema.nullable(),
  progress: z.object({ counted: z.number(), required: z.number() }).nullable(),
  unlocked: z.array(z.object({ unlockId: z.string(), unlockedAt: IsoDateSchema, commit: CommitSchema.nullable() })),
  history: z.array(z.object({ receipt: ReceiptSchema, couponCode: z.string().nullable(), points: z.number().nullable() })),
});
export const UnlockSchema = z.object({ id: z.string(), campaignId: z.string(), contactId: z.string(), sequence: z.number(), source: z.string(), orderIds: z.array(z.string()), unlockedAt: IsoDateSchema });
export const StatsSchema = z.object({
  plays: z.number(), winners: z.number(), players: z.number(), unlocks: z.number(), spentMinor: z.number(), budgetMinor: z.number().nullable(), currency: z.string().nullable(),
  prizes: z.array(z.object({ id: z.string(), label: z.string(), kind: PrizeKindSchema, odds: z.number(), stock: z.number().nullable(), awarded: z.number(), stockLeft: z.number().nullable() })),
  daily: z.array(z.object({ day: z.string(), plays: z.number(), winners: z.number() })),
  slug: z.string(), rulesPath: z.string(), verifyPath: z.string(),
});
export const PlayBodySchema = z.strictObject({
  clientSeed: z.string().min(1, 'must not be empty').max(128).regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces'),
  nonce: z.number().int().min(1),
  idempotencyKey: z.string().min(8).max(100),
  deviceId: z.string().min(8).max(100).nullable().optional(),
});

export const toDate = (value: string | null | undefined) => (value ? new Date(value) : null);
