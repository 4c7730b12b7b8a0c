import { z } from 'zod';

/**
 * Meta's webhook payloads for a Facebook Page (`object: page`) and an Instagram professional account
 * (`object: instagram`), as the Messenger Platform, the Instagram Messaging API and the Page/Instagram webhooks
 * document them. Schemas are lenient on purpose: Meta adds fields without notice, so unknown fields are dropped and
 * unknown kinds of events are reported as `ignored`, never refused; only a payload whose known parts are malformed is.
 */
export const MESSENGER_CHANNEL = 'messenger';
export const INSTAGRAM_CHANNEL = 'instagram';
export type MetaChannel = typeof MESSENGER_CHANNEL | typeof INSTAGRAM_CHANNEL;

/** The `object` each channel's webhook carries. */
export const META_OBJECT: Record<MetaChannel, string> = { messenger: 'page', instagram: 'instagram' };

/** Graph ids are strings, but a few (app_id) are sent as numbers. */
const IdSchema = z.union([z.string().trim().min(1).max(200), z.number().int().nonnegative()]).transform(String);
const TimeSchema = z.number().nonnegative();

const AttachmentSchema = z.object({
  type: z.string().max(50),
  title: z.string().max(2000).nullish(),
  url: z.string().max(4000).nullish(),
  payload: z.object({
    url: z.string().max(4000).nullish(),
    title: z.string().max(2000).nullish(),
    sticker_id: IdSchema.nullish(),
    coordinates: z.object({ lat: z.number(), long: z.number() }).nullish(),
  }).nullish(),
});

const MessageSchema = z.object({
  mid: z.string().min(1).max(500),
  text: z.string().max(20_000).nullish(),
  is_echo: z.boolean().nullish(),
  is_deleted: z.boolean().nullish(),
  is_unsupported: z.boolean().nullish(),
  app_id: IdSchema.nullish(),
  metadata: z.string().max(1000).nullish(),
  quick_reply: z.object({ payload: z.string().max(1000) }).nullish(),
  reply_to: z.object({
    mid: z.string().max(500).nullish(),
    story: z.object({ url: z.string().max(4000).nullish(), id: IdSchema.nullish() }).nullish(),
  }).nullish(),
  attachments: z.array(AttachmentSchema).max(20).nullish(),
});

const MessagingSchema = z.object({
  sender: z.object({ id: IdSchema }),
  recipient: z.object({ id: IdSchema }),
  timestamp: TimeSchema.optional(),
  message: MessageSchema.optional(),
  postback: z.object({ mid: z.string().max(500).nullish(), title: z.string().max(1000).nullish(), payload: z.string().max(1000).nullish() }).optional(),
  delivery: z.object({ mids: z.array(z.string().max(500)).max(1000).nullish(), watermark: TimeSchema.nullish() }).optional(),
  read: z.object({ watermark: TimeSchema.nullish(), mid: z.string().max(500).nullish() }).optional(),
});

const FromSchema = z.object({ id: IdSchema.nullish(), name: z.string().max(500).nullish(), username: z.string().max(500).nullish() });

/** Page `feed` change: posts, reactions, shares and comments on the Page's posts (ads' posts included). */
const FeedValueSchema = z.object({
  item: z.string().max(50).nullish(),
  verb: z.string().max(50).nullish(),
  comment_id: IdSchema.nullish(),
  post_id: IdSchema.nullish(),
  parent_id: IdSchema.nullish(),
  message: z.string().max(20_000).nullish(),
  created_time: z.union([z.number(), z.string().max(50)]).nullish(),
  from: FromSchema.nullish(),
  ad_id: IdSchema.nullish(),
  post: z.object({
    id: IdSchema.nullish(),
    permalink_url: z.string().max(4000).nullish(),
    promotion_status: z.string().max(50).nullish(),
    is_published: z.boolean().nullish(),
  }).nullish(),
});

/** Instagram `comments` / `live_comments` change. */
const InstagramCommentValueSchema = z.object({
  id: IdSchema,
  text: z.string().max(20_000).nullish(),
  parent_id: IdSchema.nullish(),
  from: FromSchema.nullish(),
  media: z.object({
    id: IdSchema.nullish(),
    media_product_type: z.string().max(50).nullish(),
    ad_id: IdSchema.nullish(),
    ad_title: z.string().max(500).nullish(),
    original_media_id: IdSchema.nullish(),
  }).nullish(),
});

const ChangeSchema = z.object({ field: z.string().max(100), value: z.unknown() });

const EntrySchema = z.object({
  id: IdSchema,
  time: TimeSchema.optional(),
  messaging: z.array(MessagingSchema).max(1000).optional(),
  /** Messages that arrived while another app (a bot) held the thread: the customer still wrote them. */
  standby: z.array(MessagingSchema).max(1000).optional(),
  changes: z.array(ChangeSchema).max(1000).optional(),
});

const WebhookSchema = z.object({ object: z.string().max(50), entry: z.array(EntrySchema).max(1000) });

export interface MetaAttachment {
  /** image, video, audio, file, location, fallback, share, story_mention, ig_reel, template … as Meta names them. */
  type: string;
  url: string | null;
  title: string | null;
  stickerId: string | null;
  coordinates: { latitude: number; longitude: number } | null;
}

export interface MetaComment {
  commentId: string;
  /** The Facebook post or Instagram media commented on. */
  postId: string | null;
  /** The comment this one answers, when it is a reply in a comment thread. */
  parentId: string | null;
  from: { id: string | null; name: string | null; username: string | null };
  text: string;
  at: Date;
  permalink: string | null;
  /** A comment on an ad or a boosted post; `paidBy` says which field of the payload showed it. */
  paid: boolean;
  paidBy: 'promotion_status' | 'unpublished_post' | 'ad_id' | null;
  ad: { id: string; title: string | null } | null;
  mediaProductType: string | null;
}

/** One thing that happened, in the order Meta listed it. `pageId` is the entry's id: the Page or the Instagram account. */
export type MetaEvent =
  | { kind: 'message'; pageId: string; senderId: string; mid: string; at: Date; text: string; attachments: MetaAttachment[]; quickReplyPayload: string | null; replyToMid: string | null; storyReply: { id: string | null; url: string | null } | null; unsupported: boolean }
  | { kind: 'postback'; pageId: string; senderId: string; mid: string | null; at: Date; title: string | null; payload: string | null }
  | { kind: 'echo'; pageId: string; recipientId: string; mid: string; at: Date; text: string; attachments: MetaAttachment[]; metadata: string | null; appId: string | null }
  | { kind: 'delivery'; pageId: string; senderId: string; mids: string[]; watermark: Date | null }
  | { kind: 'read'; pageId: string; senderId: string; watermark: Date | null; mid: string | null }
  | { kind: 'comment'; pageId: string; comment: MetaComment }
  | { kind: 'ignored'; reason: string };

/** Meta sends milliseconds in messaging events and seconds in changes; anything below 10^12 is taken as seconds. */
const toDate = (value: number | string | null | undefined, fallback: Date): Date => {
  if (value === null || value === undefined) return fallback;
  if (typeof value === 'string') {
    const numeric = Number(value);
    const parsed: Date = Number.isFinite(numeric) ? toDate(numeric, fallback) : new Date(value);
    return Number.isNaN(parsed.getTime()) ? fallback : parsed;
  }
  return new Date(value < 1e12 ? value * 1000 : value);
};

const toAttachment = (attachment: z.infer<typeof AttachmentSchema>): MetaAttachment => ({
  type: attachment.type,
  url: attachment.payload?.url ?? attachment.url ?? null,
  title: attachment.title ?? attachment.payload?.title ?? null,
  stickerId: attachment.payload?.sticker_id ?? null,
  coordinates: attachment.payload?.coordinates ? { latitude: attachment.payload.coordinates.lat, longitude: attachment.payload.coordinates.long } : null,
});

function toMessagingEvent(pageId: string, item: z.infer<typeof MessagingSchema>, entryTime: Date): MetaEvent {
  const at = toDate(item.timestamp, entryTime);
  const { message, postback, delivery, read } = item;
  if (message?.is_echo) {
    return { kind: 'echo', pageId, recipientId: item.recipient.id, mid: message.mid, at, text: message.text ?? '', attachments: (message.attachments ?? []).map(toAttachment), metadata: message.metadata ?? null, appId: message.app_id ?? null };
  }
  if (message?.is_deleted) return { kind: 'ignored', reason: 'a message the customer deleted' };
  if (message) {
    return {
      kind: 'message',
      pageId,
      senderId: item.sender.id,
      mid: message.mid,
      at,
      text: message.text ?? '',
      attachments: (message.attachments ?? []).map(toAttachment),
      quickReplyPayload: message.quick_reply?.payload ?? null,
      replyToMid: message.reply_to?.mid ?? null,
      storyReply: message.reply_to?.story ? { id: message.reply_to.story.id ?? null, url: message.reply_to.story.url ?? null } : null,
      unsupported: Boolean(message.is_unsupported),
    };
  }
  if (postback) return { kind: 'postback', pageId, senderId: item.sender.id, mid: postback.mid ?? null, at, title: postback.title ?? null, payload: postback.payload ?? null };
  if (delivery) return { kind: 'delivery', pageId, senderId: item.sender.id, mids: delivery.mids ?? [], watermark: delivery.watermark ? toDate(delivery.watermark, at) : null };
  if (read) return { kind: 'read', pageId, senderId: item.sender.id, watermark: read.watermark ? toDate(read.watermark, at) : null, mid: read.mid ?? null };
  return { kind: 'ignored', reason: 'a messaging event Touchpoint does not use (reaction, referral, opt-in, handover…)' };
}

/**
 * Whether a Facebook comment is on paid content. Meta's `feed` webhook describes the post in `value.post`:
 * `promotion_status: "active"` is a boosted post, and an ad's post that was never published on the Page (a "dark
 * post") has `is_published: false` — an unpublished post can only be commented on through its ad. An `ad_id` in the
 * value, where Meta sends one, counts too.
 */
function facebookPaid(value: z.infer<typeof FeedValueSchema>): MetaComment['paidBy'] {
  if (value.ad_id) return 'ad_id';
  if (value.post?.promotion_status === 'active') return 'promotion_status';
  if (value.post?.is_published === false) return 'unpublished_post';
  return null;
}

function toChangeEvent(pageId: string, change: z.infer<typeof ChangeSchema>, entryTime: Date, path: (string | number)[]): MetaEvent {
  if (change.field === 'feed') {
    const value = parseAt(FeedValueSchema, change.value, [...path, 'value']);
    if (value.item !== 'comment') return { kind: 'ignored', reason: `a feed change of a ${value.item ?? 'post'}` };
    if (value.verb !== 'add') return { kind: 'ignored', reason: `a comment ${value.verb ?? 'change'} (only new comments open conversations)` };
    if (!value.comment_id) throw new z.ZodError([{ code: 'custom', path: [...path, 'value', 'comment_id'], message: 'is required for a comment', input: undefined }]);
    const paidBy = facebookPaid(value);
    // parent_id is the post for a comment on the post, the comment answered for a reply.
    const parentId = value.parent_id && value.parent_id !== value.post_id ? value.parent_id : null;
    return {
      kind: 'comment',
      pageId,
      comment: {
        commentId: value.comment_id,
        postId: value.post_id ?? value.post?.id ?? null,
        parentId,
        from: { id: value.from?.id ?? null, name: value.from?.name ?? null, username: value.from?.username ?? null },
        text: value.message ?? '',
        at: toDate(value.created_time, entryTime),
        permalink: value.post?.permalink_url ?? null,
        paid: paidBy !== null,
        paidBy,
        ad: value.ad_id ? { id: value.ad_id, title: null } : null,
        mediaProductType: null,
      },
    };
  }
  if (change.field === 'comments' || change.field === 'live_comments') {
    const value = parseAt(InstagramCommentValueSchema, change.value, [...path, 'value']);
    const adId = value.media?.ad_id ?? null;
    return {
      kind: 'comment',
      pageId,
      comment: {
        commentId: value.id,
        postId: value.media?.id ?? null,
        parentId: value.parent_id ?? null,
        from: { id: value.from?.id ?? null, name: value.from?.name ?? null, username: value.from?.username ?? null },
        text: value.text ?? '',
        at: entryTime,
        permalink: null,
        paid: adId !== null,
        paidBy: adId ? 'ad_id' : null,
        ad: adId ? { id: adId, title: value.media?.ad_title ?? null } : null,
        mediaProductType: value.media?.media_product_type ?? null,
      },
    };
  }
  return { kind: 'ignored', reason: `a ${change.field} change` };
}

/** Parses a nested value, reporting problems at their place in the whole payload. */
function parseAt<T extends z.ZodType>(schema: T, value: unknown, path: (string | number)[]): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new z.ZodError(result.error.issues.map((issue) => ({ ...issue, path: [...path, ...issue.path] })));
}

/**
 * Parses a webhook body into events. Throws a ZodError (answer 400, naming the field) when the payload is not the
 * object this channel receives or a known part is malformed.
 */
export function parseMetaWebhook(json: unknown, channel: MetaChannel, now = new Date()): MetaEvent[] {
  const body = WebhookSchema.parse(json);
  if (body.object !== META_OBJECT[channel]) {
    throw new z.ZodError([{ code: 'custom', path: ['object'], message: `must be "${META_OBJECT[channel]}" for the ${channel} channel`, input: body.object }]);
  }
  return body.entry.flatMap((entry, index) => {
    const entryTime = toDate(entry.time, now);
    return [
      ...[...(entry.messaging ?? []), ...(entry.standby ?? [])].map((item) => toMessagingEvent(entry.id, item, entryTime)),
      ...(entry.changes ?? []).map((change, changeIndex) => toChangeEvent(entry.id, change, entryTime, ['entry', index, 'changes', changeIndex])),
    ];
  });
}
