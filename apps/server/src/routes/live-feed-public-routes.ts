import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { findAccountByHandle } from '@touchpoint/customers';
import {
  castVote, findCurrentPoll, findFeedBySlug, findViewerVote, listApprovedPosts, listLiveFeeds, MAX_PHOTO_BYTES, publicPost, readPhoto, requireViewer, signInViewer, submitViewerPost,
} from '@touchpoint/live-feed';
import type { Database } from '@touchpoint/db';
import { createFixedWindowLimiter } from '../http/fixed-window-limiter.ts';
import { defineRoute } from '../http/route.ts';
import { LivePollSchema, PublicLivePostSchema } from './live-feed-schemas.ts';
import { UuidSchema } from './schemas.ts';

const TAGS = ['Live feed (viewers)'];
/** The header a phone sends its viewer token in (kept by the page in localStorage, never in a cookie: no CSRF). */
export const VIEWER_HEADER = 'x-live-viewer';
const PublicParamsSchema = z.strictObject({ handle: z.string().max(63), slug: z.string().max(63) });
/** Per address, per node: enough to stop one script, generous for a venue sharing one Wi-Fi address. */
const limit = createFixedWindowLimiter({ 'live sign-in': 60, 'live post': 240, 'live vote': 240 });

export async function resolvePublicFeed(db: Database, handle: string, slug: string) {
  const account = await findAccountByHandle(db, handle);
  return findFeedBySlug(db, account.id, slug);
}

const viewerTokenOf = (request: FastifyRequest) => {
  const value = request.headers[VIEWER_HEADER];
  return typeof value === 'string' ? value : undefined;
};

const PublicFeedSchema = z.object({ name: z.string(), slug: z.string(), status: z.string(), allowedKinds: z.array(z.string()), locale: z.string(), postsPerMinute: z.number() });

/** The routes a viewer's phone and the overlay call, under `/api/live/<handle>/<feed>` (docs/live-feed.md). */
export const liveFeedPublicRoutes = [
  defineRoute({
    method: 'GET', url: '/api/live/:handle', auth: 'public', tags: TAGS,
    summary: 'The business’s feeds on air now (up to 5), with their phone page paths',
    params: z.strictObject({ handle: z.string().max(63) }),
    response: z.object({ feeds: z.array(z.object({ name: z.string(), slug: z.string(), path: z.string() })) }),
    handler: async ({ params }, { services }) => {
      const account = await findAccountByHandle(services.db, params.handle);
      return { feeds: (await listLiveFeeds(services.db, account.id)).map((feed) => ({ ...feed, path: `/live/${account.handle}/${feed.slug}` })) };
    },
  }),
  defineRoute({
    method: 'GET', url: '/api/live/:handle/:slug', auth: 'public', tags: TAGS,
    summary: 'A feed as a screen shows it on arrival: its status, the latest approved posts, the pin, the current poll (and, with a viewer token, that viewer’s vote)',
    params: PublicParamsSchema,
    response: z.object({ feed: PublicFeedSchema, posts: z.array(PublicLivePostSchema), pinned: PublicLivePostSchema.nullable(), poll: LivePollSchema.nullable(), viewer: z.object({ displayName: z.string(), votedOptionId: z.string().nullable() }).nullable() }),
    handler: async ({ params }, { services, request }) => {
      const feed = await resolvePublicFeed(services.db, params.handle, params.slug);
      const { posts, pinned } = await listApprovedPosts(services.db, feed);
      const poll = await findCurrentPoll(services.db, feed);
      const token = viewerTokenOf(request);
      const viewer = token ? await requireViewer(services.db, feed, token).catch(() => null) : null;
      return {
        feed: { name: feed.name, slug: feed.slug, status: feed.status, allowedKinds: feed.allowedKinds, locale: feed.locale, postsPerMinute: feed.postsPerMinute },
        posts, pinned, poll,
        viewer: viewer ? { displayName: viewer.displayName, votedOptionId: poll ? await findViewerVote(services.db, poll.id, viewer.id) : null } : null,
      };
    },
  }),
  defineRoute({
    method: 'POST', url: '/api/live/:handle/:slug/viewers', auth: 'public', tags: TAGS, status: 201,
    summary: 'The light sign-in: a display name (and optionally an email) gives a viewer token for this feed; the name passes the blocklist',
    params: PublicParamsSchema,
    body: z.strictObject({ displayName: z.string().trim().min(1, 'must not be empty').max(40), email: z.email({ message: 'must be an email address' }).max(254).nullable().optional() }),
    response: z.object({ token: z.string(), viewer: z.object({ id: z.string(), displayName: z.string() }) }),
    handler: async ({ params, body }, { services, request }) => {
      const feed = await resolvePublicFeed(services.db, params.handle, params.slug);
      limit('live sign-in', request.ip, feed.id);
      const { token, viewer } = await signInViewer(services.db, feed, { ...body, ip: request.ip });
      return { token, viewer: { id: viewer.id, displayName: viewer.displayName } };
    },
  }),
  defineRoute({
    method: 'POST', url: '/api/live/:handle/:slug/posts', auth: 'public', tags: TAGS, status: 201,
    summary: 'Post text, emoji and/or a photo (base64, JPEG/PNG/GIF/WebP up to 2 MB) with a viewer token: 422 post_blocked for a blocked phrase, HTML or a link; 429 past the feed’s posts per minute',
    params: PublicParamsSchema,
    bodyLimit: Math.ceil(MAX_PHOTO_BYTES / 3) * 4 + 16 * 1024,
    body: z.strictObject({ text: z.string().max(2000).optional(), emoji: z.string().max(100).nullable().optional(), photo: z.string().nullable().optional().describe('base64 (or a data: URL)') }),
    response: z.object({ post: PublicLivePostSchema, status: z.enum(['pending', 'approved', 'rejected', 'blocked']) }),
    handler: async ({ params, body }, { services, request }) => {
      const feed = await resolvePublicFeed(services.db, params.handle, params.slug);
      const viewer = await requireViewer(services.db, feed, viewerTokenOf(request));
      limit('live post', request.ip, feed.id);
      const photo = body.photo ? readPhoto(body.photo) : null;
      const post = await submitViewerPost(services.db, feed, viewer, { text: body.text, emoji: body.emoji ?? null, photo });
      return { post: publicPost(post), status: post.status };
    },
  }),
  defineRoute({
    method: 'POST', url: '/api/live/:handle/:slug/polls/:pollId/votes', auth: 'public', tags: TAGS, status: 201,
    summary: 'Vote in the open poll with a viewer token; one vote per viewer (409 for a second one)',
    params: PublicParamsSchema.extend({ pollId: UuidSchema }),
    body: z.strictObject({ optionId: z.string().max(4) }),
    response: LivePollSchema,
    handler: async ({ params, body }, { services, request }) => {
      const feed = await resolvePublicFeed(services.db, params.handle, params.slug);
      const viewer = await requireViewer(services.db, feed, viewerTokenOf(request));
      limit('live vote', request.ip, feed.id);
      return castVote(services.db, feed, viewer, params.pollId, body.optionId);
    },
  }),
];
