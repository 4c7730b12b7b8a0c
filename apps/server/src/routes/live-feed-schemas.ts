import { z } from 'zod';
import { IsoDateSchema, NameSchema } from './schemas.ts';

/** Shapes shared by the console and public live-feed routes (docs/live-feed.md). */
export const LiveSlugSchema = z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lower-case letters, digits and dashes (up to 63)');
export const LivePostKindSchema = z.enum(['text', 'emoji', 'photo']);
export const LiveLocaleSchema = z.enum(['en', 'ja', 'zh']);

export const LiveFeedSchema = z.object({
  id: z.string(), name: z.string(), slug: z.string(), status: z.enum(['scheduled', 'live', 'ended']), moderation: z.enum(['automatic', 'manual']), postsPerMinute: z.number(),
  allowedKinds: z.array(LivePostKindSchema), locale: LiveLocaleSchema, builtinBlocklist: z.boolean(), blockLinks: z.boolean(), createdAt: IsoDateSchema, updatedAt: IsoDateSchema,
});

export const LiveFeedFields = {
  name: NameSchema,
  slug: LiveSlugSchema,
  moderation: z.enum(['automatic', 'manual']),
  postsPerMinute: z.number().int().min(1).max(60).describe('each viewer’s limit'),
  allowedKinds: z.array(LivePostKindSchema).min(1).max(3),
  locale: LiveLocaleSchema,
  builtinBlocklist: z.boolean(),
  blockLinks: z.boolean(),
};

export const LivePostSchema = z.object({
  id: z.string(), feedId: z.string(), source: z.enum(['viewer', 'instagram', 'facebook', 'hashtag']), authorName: z.string(), text: z.string(), emoji: z.string().nullable(), photo: z.boolean(),
  status: z.enum(['pending', 'approved', 'rejected', 'blocked']), blockReason: z.string().nullable(), pinned: z.boolean(), moderatedAt: IsoDateSchema.nullable(), createdAt: IsoDateSchema,
});

export const PublicLivePostSchema = z.object({
  id: z.string(), source: z.string(), authorName: z.string(), text: z.string(), emoji: z.string().nullable(), photo: z.boolean(), pinned: z.boolean(), createdAt: IsoDateSchema,
});

export const LivePollSchema = z.object({
  id: z.string(), feedId: z.string(), question: z.string(), status: z.enum(['draft', 'open', 'closed']), options: z.array(z.object({ id: z.string(), label: z.string(), votes: z.number() })),
  total: z.number(), openedAt: IsoDateSchema.nullable(), closedAt: IsoDateSchema.nullable(), createdAt: IsoDateSchema,
});

export const LiveSourceSchema = z.object({ id: z.string(), kind: z.enum(['instagram', 'facebook', 'hashtag']), inboxId: z.string().nullable(), postId: z.string().nullable(), hashtag: z.string().nullable() });
