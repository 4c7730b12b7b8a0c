import { z } from 'zod';
import { handleOfAccount } from '@touchpoint/customers';
import {
  addBlockedPhrase, addFeedSource, approveAllPending, banPostAuthor, createFeed, createPoll, deleteFeed, getPollResults, importPost, listBlockedPhrases, listBuiltinPhrases, listFeeds, listFeedSources,
  listPolls, listPosts, type ModerationAction, moderatePost, readPostPhoto, removeBlockedPhrase, removeFeedSource, requireFeed, serializeFeed, setPollStatus, updateFeed,
} from '@touchpoint/live-feed';
import { setFileHeaders } from '../http/file-response.ts';
import type { AnyRouteSpec } from '../http/route.ts';
import { defineRoute } from '../http/route.ts';
import { liveFeedPublicRoutes } from './live-feed-public-routes.ts';
import { LiveFeedFields, LiveFeedSchema, LivePollSchema, LivePostSchema, LiveSourceSchema } from './live-feed-schemas.ts';
import { AccountParamsSchema, accountParamsWith, IsoDateSchema, UuidSchema } from './schemas.ts';

const TAGS = ['Live feed'];
const FeedParamsSchema = accountParamsWith('feedId');
const PostParamsSchema = FeedParamsSchema.extend({ postId: UuidSchema });
const PollParamsSchema = FeedParamsSchema.extend({ pollId: UuidSchema });
const SourceParamsSchema = FeedParamsSchema.extend({ sourceId: UuidSchema });
const PhraseParamsSchema = accountParamsWith('phraseId');
const StatusSchema = z.enum(['pending', 'approved', 'rejected', 'blocked']);
const CountsSchema = z.object({ pending: z.number(), approved: z.number(), rejected: z.number(), blocked: z.number() });
const actorOf = (scope: { actor: { type: string; id: string | null } }) => (scope.actor.type === 'user' ? scope.actor.id : null);

const MODERATION: { action: ModerationAction; summary: string }[] = [
  { action: 'approve', summary: 'Approve a post: it goes on every overlay and phone at once' },
  { action: 'reject', summary: 'Reject a post (an approved one is taken off the screens)' },
  { action: 'pin', summary: 'Pin a post on the screens (approving it if needed); the previous pin is released' },
  { action: 'unpin', summary: 'Release the pinned post' },
];

/** Console routes of the live feed (docs/live-feed.md); the public viewer routes are in live-feed-public-routes.ts. */
const consoleRoutes = [
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/live-feeds', auth: 'account', tags: TAGS,
    summary: 'The account’s live feeds, newest first', params: AccountParamsSchema,
    response: z.object({ feeds: z.array(LiveFeedSchema), handle: z.string().describe('the account’s handle: pages are at /live/<handle>/<slug>') }),
    handler: async ({ params }, { services }) => ({ feeds: await listFeeds(services.db, params.accountId), handle: await handleOfAccount(services.db, params.accountId) }),
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/accounts/:accountId/live-feeds', auth: 'admin', tags: TAGS, status: 201,
    summary: 'Create a feed for a show or event (scheduled until it goes live); 409 when the slug is taken', params: AccountParamsSchema,
    body: z.strictObject({ ...LiveFeedFields, moderation: LiveFeedFields.moderation.default('manual'), postsPerMinute: LiveFeedFields.postsPerMinute.default(3), locale: LiveFeedFields.locale.default('en'),
      allowedKinds: LiveFeedFields.allowedKinds.optional(), builtinBlocklist: LiveFeedFields.builtinBlocklist.optional(), blockLinks: LiveFeedFields.blockLinks.optional() }),
    response: LiveFeedSchema,
    handler: ({ params, body }, { services }) => createFeed(services.db, params.accountId, body),
  }),
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/live-feeds/:feedId', auth: 'account', tags: TAGS,
    summary: 'One feed, with the account’s handle for its page addresses', params: FeedParamsSchema, response: LiveFeedSchema.extend({ handle: z.string() }),
    handler: async ({ params }, { services }) => ({ ...serializeFeed(await requireFeed(services.db, params.accountId, params.feedId)), handle: await handleOfAccount(services.db, params.accountId) }),
  }),
  defineRoute({
    method: 'PATCH', url: '/api/v1/accounts/:accountId/live-feeds/:feedId', auth: 'account', tags: TAGS,
    summary: 'Change a feed: settings, going live or ending (`status`), switching between automatic and manual moderation', params: FeedParamsSchema,
    body: z.strictObject({ ...LiveFeedFields, status: z.enum(['scheduled', 'live', 'ended']) }).partial(),
    response: LiveFeedSchema,
    handler: ({ params, body }, { services }) => updateFeed(services.db, params.accountId, params.feedId, body),
  }),
  defineRoute({
    method: 'DELETE', url: '/api/v1/accounts/:accountId/live-feeds/:feedId', auth: 'admin', tags: TAGS,
    summary: 'Delete a feed with its posts, viewers and polls', params: FeedParamsSchema,
    handler: ({ params }, { services }) => deleteFeed(services.db, params.accountId, params.feedId),
  }),
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/live-feeds/:feedId/posts', auth: 'account', tags: TAGS,
    summary: 'The moderation queue (pending, oldest first) or the posts of other statuses (newest first), with counts per status', params: FeedParamsSchema,
    query: z.strictObject({ status: StatusSchema.default('pending') }),
    response: z.object({ posts: z.array(LivePostSchema), counts: CountsSchema }),
    handler: ({ params, query }, { services }) => listPosts(services.db, params.accountId, params.feedId, [query.status]),
  }),
  ...MODERATION.map(({ action, summary }) => defineRoute({
    method: 'POST', url: `/api/v1/accounts/:accountId/live-feeds/:feedId/posts/:postId/${action}`, auth: 'account', tags: TAGS, summary, params: PostParamsSchema,
    response: LivePostSchema,
    handler: ({ params }, { services, scope }) => moderatePost(services.db, params.accountId, params.feedId, params.postId, action, actorOf(scope)),
  })),
  defineRoute({
    method: 'POST', url: '/api/v1/accounts/:accountId/live-feeds/:feedId/posts/approve-pending', auth: 'account', tags: TAGS,
    summary: 'Approve every post waiting in the queue at once (oldest first on the screens)', params: FeedParamsSchema,
    response: z.object({ approved: z.number() }),
    handler: ({ params }, { services, scope }) => approveAllPending(services.db, params.accountId, params.feedId, actorOf(scope)),
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/accounts/:accountId/live-feeds/:feedId/posts/:postId/ban', auth: 'account', tags: TAGS,
    summary: 'Ban the viewer who wrote this post from the feed: no more posts or votes, and their waiting and on-screen posts are rejected', params: PostParamsSchema,
    response: z.object({ rejected: z.number() }),
    handler: ({ params }, { services, scope }) => banPostAuthor(services.db, params.accountId, params.feedId, params.postId, actorOf(scope)),
  }),
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/live-feeds/:feedId/posts/:postId/photo', auth: 'account', tags: TAGS,
    summary: 'A post’s photo, whatever its status (for moderators)', params: PostParamsSchema,
    response: z.string().describe('the image bytes'),
    handler: async ({ params }, { services, reply }) => {
      const photo = await readPostPhoto(services.db, await requireFeed(services.db, params.accountId, params.feedId), params.postId, { moderator: true });
      setFileHeaders(reply, { fileName: `post-${params.postId}`, contentType: photo.contentType, byteSize: photo.bytes.length }, { cacheControl: 'private, max-age=3600' });
      // A Buffer is sent as it is; the declared type only feeds OpenAPI.
      return photo.bytes as unknown as string;
    },
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/accounts/:accountId/live-feeds/:feedId/posts/import', auth: 'account', tags: TAGS,
    summary: 'Import social posts (a hashtag search, comments from elsewhere) with a server API key: each passes the blocklist and moderation; an item already imported (same source and externalId) is skipped',
    params: FeedParamsSchema,
    body: z.strictObject({ items: z.array(z.strictObject({
      source: z.enum(['hashtag', 'instagram', 'facebook']).default('hashtag'), externalId: z.string().trim().min(1).max(200), authorName: z.string().trim().min(1).max(80), text: z.string().trim().min(1).max(2000),
    })).min(1).max(100) }),
    response: z.object({ imported: z.number(), replayed: z.number(), posts: z.array(LivePostSchema) }),
    handler: async ({ params, body }, { services }) => {
      const feed = await requireFeed(services.db, params.accountId, params.feedId);
      const results = [];
      for (const item of body.items) results.push(await importPost(services.db, feed, item));
      return { imported: results.filter((r) => !r.replayed).length, replayed: results.filter((r) => r.replayed).length, posts: results.map((r) => r.post) };
    },
  }),
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/live-feeds/:feedId/sources', auth: 'account', tags: TAGS,
    summary: 'The social sources connected to a feed', params: FeedParamsSchema,
    response: z.object({ sources: z.array(LiveSourceSchema) }),
    handler: async ({ params }, { services }) => ({ sources: await listFeedSources(services.db, params.accountId, params.feedId) }),
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/accounts/:accountId/live-feeds/:feedId/sources', auth: 'admin', tags: TAGS, status: 201,
    summary: 'Connect comments from an Instagram or Facebook inbox (optionally one post, optionally one hashtag), or a hashtag for the import API', params: FeedParamsSchema,
    body: z.strictObject({ kind: z.enum(['instagram', 'facebook', 'hashtag']), inboxId: UuidSchema.nullable().optional(), postId: z.string().trim().max(200).nullable().optional(), hashtag: z.string().trim().max(100).nullable().optional() }),
    response: LiveSourceSchema,
    handler: ({ params, body }, { services }) => addFeedSource(services.db, params.accountId, params.feedId, body),
  }),
  defineRoute({
    method: 'DELETE', url: '/api/v1/accounts/:accountId/live-feeds/:feedId/sources/:sourceId', auth: 'admin', tags: TAGS,
    summary: 'Disconnect a social source', params: SourceParamsSchema,
    handler: ({ params }, { services }) => removeFeedSource(services.db, params.accountId, params.feedId, params.sourceId),
  }),
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/live-blocklist', auth: 'account', tags: TAGS,
    summary: 'The account’s blocked phrases, and the built-in lists (en, ja, zh) feeds use unless switched off', params: AccountParamsSchema,
    response: z.object({ phrases: z.array(z.object({ id: z.string(), phrase: z.string(), normalized: z.string(), createdAt: IsoDateSchema })), builtin: z.record(z.string(), z.array(z.string())) }),
    handler: async ({ params }, { services }) => ({ phrases: await listBlockedPhrases(services.db, params.accountId), builtin: listBuiltinPhrases() }),
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/accounts/:accountId/live-blocklist', auth: 'admin', tags: TAGS, status: 201,
    summary: 'Block a phrase in every feed of the account (matched however it is spaced, cased or written in full-width); 409 when already listed', params: AccountParamsSchema,
    body: z.strictObject({ phrase: z.string().trim().min(1, 'must not be empty').max(100) }),
    response: z.object({ id: z.string(), phrase: z.string(), normalized: z.string(), createdAt: IsoDateSchema }),
    handler: ({ params, body }, { services }) => addBlockedPhrase(services.db, params.accountId, body.phrase),
  }),
  defineRoute({
    method: 'DELETE', url: '/api/v1/accounts/:accountId/live-blocklist/:phraseId', auth: 'admin', tags: TAGS,
    summary: 'Unblock a phrase', params: PhraseParamsSchema,
    handler: ({ params }, { services }) => removeBlockedPhrase(services.db, params.accountId, params.phraseId),
  }),
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/live-feeds/:feedId/polls', auth: 'account', tags: TAGS,
    summary: 'The feed’s polls with their results, newest first', params: FeedParamsSchema,
    response: z.object({ polls: z.array(LivePollSchema) }),
    handler: async ({ params }, { services }) => ({ polls: await listPolls(services.db, params.accountId, params.feedId) }),
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/accounts/:accountId/live-feeds/:feedId/polls', auth: 'account', tags: TAGS, status: 201,
    summary: 'Prepare a poll (2–6 options); it shows once opened', params: FeedParamsSchema,
    body: z.strictObject({ question: z.string().trim().min(1, 'must not be empty').max(200), options: z.array(z.string().trim().min(1, 'must not be empty').max(60)).min(2, 'needs at least 2 options').max(6, 'takes at most 6 options') }),
    response: LivePollSchema,
    handler: ({ params, body }, { services }) => createPoll(services.db, params.accountId, params.feedId, body),
  }),
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/live-feeds/:feedId/polls/:pollId', auth: 'account', tags: TAGS,
    summary: 'A poll’s results', params: PollParamsSchema, response: LivePollSchema,
    handler: ({ params }, { services }) => getPollResults(services.db, params.accountId, params.feedId, params.pollId),
  }),
  ...(['open', 'close'] as const).map((verb) => defineRoute({
    method: 'POST', url: `/api/v1/accounts/:accountId/live-feeds/:feedId/polls/:pollId/${verb}`, auth: 'account', tags: TAGS,
    summary: verb === 'open' ? 'Open a poll for votes (the poll open before it closes)' : 'Close a poll: its final results stay on the screens', params: PollParamsSchema,
    response: LivePollSchema,
    handler: ({ params }, { services }) => setPollStatus(services.db, params.accountId, params.feedId, params.pollId, verb === 'open' ? 'open' : 'closed'),
  })),
];

export const liveFeedRoutes: AnyRouteSpec[] = [...consoleRoutes, ...liveFeedPublicRoutes];
