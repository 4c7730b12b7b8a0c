import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { and, desc, eq, inArray, isNull, lte, ne, sql } from 'drizzle-orm';
import { type Database, schema } from '@touchpoint/db';
import { type FileStore, postAgentMessage, uploadAttachment } from '@touchpoint/conversations';
import type { ChannelInbox } from '../channel-adapter.ts';
import { applyDeliveryStatus } from '../delivery.ts';
import { type InboundSender, channelScope, externalIdOf, receiveChannelMessage } from '../inbound.ts';
import { callGraph, graphSettingsOf } from './graph-api.ts';
import { ECHO_METADATA_PREFIX } from './meta-adapter.ts';
import type { MetaAttachment, MetaChannel, MetaComment, MetaEvent } from './meta-payload.ts';
import type { StoredComment } from './meta-reply-plan.ts';

export interface MetaInboundDeps {
  db: Database;
  files: FileStore;
  /** The largest file kept from a message (the account's attachment limit). */
  maxBytes: number;
  fetch?: typeof fetch;
  /** For each Graph profile look-up and each file download. */
  timeoutMs?: number;
}

export interface MetaWebhookOutcome {
  stored: number;
  duplicates: number;
  echoes: number;
  statuses: number;
  ignored: number;
}

const m = schema.messages;
const LABEL: Record<MetaChannel, string> = { messenger: 'Messenger', instagram: 'Instagram' };
/** Files Meta hands over by URL and that are kept with the message. Story media is never stored (Meta's policy). */
const DOWNLOADED = new Set(['image', 'video', 'audio', 'file']);
/** Comment messages keep the provider id as `comment:<id>`, apart from message ids. */
export const commentExternalId = (commentId: string) => `comment:${commentId}`;

/**
 * Applies a Meta webhook's events to the inbox, in order: customers' messages, postbacks and comments become
 * inbound messages (once per Meta id), the page's own messages sent from Meta's tools (echoes) become replies, and
 * delivery and read receipts move replies forward. Safe to repeat: Meta retries until it gets a 200.
 */
export async function receiveMetaEvents(deps: MetaInboundDeps, inbox: ChannelInbox, events: MetaEvent[]): Promise<MetaWebhookOutcome> {
  const outcome: MetaWebhookOutcome = { stored: 0, duplicates: 0, echoes: 0, statuses: 0, ignored: 0 };
  for (const event of events) {
    switch (event.kind) {
      case 'message':
      case 'postback': {
        const result = await receiveDirectMessage(deps, inbox, event);
        outcome[result === 'stored' ? 'stored' : 'duplicates'] += 1;
        break;
      }
      case 'comment': {
        const result = await receiveComment(deps, inbox, event.pageId, event.comment);
        outcome[result === 'stored' ? 'stored' : result === 'echo' ? 'echoes' : result === 'ignored' ? 'ignored' : 'duplicates'] += 1;
        break;
      }
      case 'echo': {
        const result = await recordEcho(deps, inbox, event);
        outcome[result === 'echo' ? 'echoes' : result === 'ignored' ? 'ignored' : 'duplicates'] += 1;
        break;
      }
      case 'delivery': {
        for (const mid of event.mids) if (await applyDeliveryStatus(deps.db, inbox.accountId, inbox.channel, mid, 'delivered')) outcome.statuses += 1;
        if (event.watermark) outcome.statuses += await applyWatermark(deps.db, inbox, event.senderId, 'delivered', event.watermark);
        break;
      }
      case 'read': {
        const watermark = event.watermark ?? (event.mid ? await sentAtOf(deps.db, inbox, event.mid) : null);
        if (watermark) outcome.statuses += await applyWatermark(deps.db, inbox, event.senderId, 'read', watermark);
        break;
      }
      case 'ignored':
        outcome.ignored += 1;
        break;
    }
  }
  return outcome;
}

type DirectEvent = Extract<MetaEvent, { kind: 'message' | 'postback' }>;

async function receiveDirectMessage(deps: MetaInboundDeps, inbox: ChannelInbox, event: DirectEvent): Promise<'stored' | 'duplicate'> {
  const providerId = event.kind === 'message' ? event.mid : event.mid ?? `postback:${event.senderId}:${event.at.getTime()}`;
  if (await isKnownMessage(deps.db, inbox, providerId)) return 'duplicate';
  const sender = await senderOf(deps, inbox, event.senderId);
  const channelData: Record<string, unknown> = { senderId: event.senderId };
  let body: string;
  let attachmentIds: string[] = [];
  if (event.kind === 'postback') {
    // A tapped button: its title is what the customer saw and chose; the payload is the developer's code for it.
    body = event.title?.trim() || event.payload?.trim() || 'Postback';
    channelData.postback = { title: event.title, payload: event.payload };
  } else {
    const files = await keepAttachments(deps, inbox, event.attachments);
    attachmentIds = files.attachmentIds;
    Object.assign(channelData, files.channelData);
    if (event.quickReplyPayload) channelData.quickReply = { payload: event.quickReplyPayload };
    if (event.replyToMid) channelData.replyTo = event.replyToMid;
    if (event.storyReply) channelData.storyReply = event.storyReply;
    const lines = [
      event.text.trim(),
      ...files.lines,
      event.storyReply ? `Replied to your story${event.storyReply.url ? `: ${event.storyReply.url}` : ''}` : '',
      event.unsupported ? `(a message ${LABEL[inbox.channel as MetaChannel]} does not show outside its own apps)` : '',
    ];
    body = lines.filter(Boolean).join('\n');
  }
  const { duplicate } = await receiveChannelMessage(deps.db, inbox, { externalId: providerId, sender, body, attachmentIds, channelData, at: event.at, threading: 'contact' });
  return duplicate ? 'duplicate' : 'stored';
}

async function receiveComment(deps: MetaInboundDeps, inbox: ChannelInbox, pageId: string, comment: MetaComment): Promise<'stored' | 'echo' | 'duplicate' | 'ignored'> {
  const providerId = commentExternalId(comment.commentId);
  if (await isKnownMessage(deps.db, inbox, providerId)) return 'duplicate';
  const fromPage = comment.from.id !== null && (comment.from.id === pageId || comment.from.id === inbox.config.pageId);
  if (fromPage) {
    // The page's own comment: a reply an agent wrote in Meta's tools (or ours, already stored). Kept on its thread.
    if (!comment.parentId) return 'ignored';
    const parentId = comment.parentId;
    return deps.db.transaction(async (tx) => {
      const conversationId = await conversationOfProviderIds(tx, inbox, [commentExternalId(parentId)]);
      if (!conversationId) return 'ignored';
      await lockSender(tx, inbox, `thread:${conversationId}`);
      if (await isKnownMessage(tx, inbox, providerId) || await hasReplyInFlight(tx, inbox, conversationId, comment.text, false)) return 'duplicate';
      await storePageMessage(tx, inbox, conversationId, { providerId, body: comment.text || '(comment)', at: comment.at, attachmentIds: [], channelData: { echo: true, publicReply: { commentId: comment.commentId, inReplyTo: parentId } } });
      return 'echo';
    });
  }
  const threadId = comment.parentId ? await threadOf(deps.db, inbox, comment.parentId) : comment.commentId;
  const stored: StoredComment = { commentId: comment.commentId, threadId, postId: comment.postId, parentId: comment.parentId, permalink: comment.permalink };
  const sender: InboundSender = comment.from.id
    ? { externalId: comment.from.id, name: comment.from.name ?? (comment.from.username ? `@${comment.from.username}` : null) }
    : { externalId: `comment-author:${comment.commentId}`, name: `${LABEL[inbox.channel as MetaChannel]} user` };
  const { duplicate } = await receiveChannelMessage(deps.db, inbox, {
    externalId: providerId,
    sender,
    body: comment.text || '(comment without text)',
    channelData: {
      comment: stored,
      ...(comment.paid ? { paid: true, paidBy: comment.paidBy } : {}),
      ...(comment.ad ? { ad: comment.ad } : {}),
      ...(comment.mediaProductType ? { mediaProductType: comment.mediaProductType } : {}),
    },
    at: comment.at,
    // One conversation per comment thread and commenter: a new comment opens one, the same person's replies in its
    // thread join it; someone else answering in the thread is another customer, with a conversation of their own.
    threading: 'explicit',
    conversationId: comment.from.id ? await conversationOfThread(deps.db, inbox, threadId, comment.from.id) : null,
  });
  return duplicate ? 'duplicate' : 'stored';
}

type EchoEvent = Extract<MetaEvent, { kind: 'echo' }>;

/**
 * The page's own message, sent from Meta's tools or by Touchpoint. Touchpoint's replies are recognised by the
 * `metadata` they carry (Messenger), by their message ids once the send returned, and — for the moment between
 * Meta taking a reply and Touchpoint recording its id — by a reply of the same text still in flight in the
 * conversation. Anything else is stored as a reply the page sent, once per message id.
 */
async function recordEcho(deps: MetaInboundDeps, inbox: ChannelInbox, event: EchoEvent): Promise<'echo' | 'duplicate' | 'ignored'> {
  if (event.metadata?.startsWith(ECHO_METADATA_PREFIX)) return 'duplicate';
  if (await isKnownMessage(deps.db, inbox, event.mid) || await isPartOfOurSend(deps.db, inbox, event.mid)) return 'duplicate';
  const conversationId = await openConversationOf(deps.db, inbox, event.recipientId);
  if (!conversationId) return 'ignored';
  const files = await keepAttachments(deps, inbox, event.attachments);
  return deps.db.transaction(async (tx) => {
    await lockSender(tx, inbox, event.recipientId);
    if (await isKnownMessage(tx, inbox, event.mid) || await isPartOfOurSend(tx, inbox, event.mid)) return 'duplicate';
    if (await hasReplyInFlight(tx, inbox, conversationId, event.text, event.attachments.length > 0)) return 'duplicate';
    const body = [event.text.trim(), ...files.lines].filter(Boolean).join('\n');
    await storePageMessage(tx, inbox, conversationId, {
      providerId: event.mid,
      body: body || (files.attachmentIds.length > 0 ? '' : `(${event.attachments[0]?.type ?? 'message'})`),
      at: event.at,
      attachmentIds: files.attachmentIds,
      channelData: { echo: true, ...(event.appId ? { appId: event.appId } : {}), ...files.channelData },
    });
    return 'echo';
  });
}

/** Stores a message the page sent outside Touchpoint as a reply that went out (never queued for delivery again). */
async function storePageMessage(tx: Database, inbox: ChannelInbox, conversationId: string, input: { providerId: string; body: string; at: Date; attachmentIds: string[]; channelData: Record<string, unknown> }) {
  const externalId = externalIdOf(inbox.channel, input.providerId);
  const posted = await postAgentMessage(tx, channelScope(inbox), conversationId, { kind: 'reply', body: input.body, clientKey: externalId, attachmentIds: input.attachmentIds }, input.at);
  // In the same transaction as the message.created event, so the delivery queue sees a reply already sent.
  await tx.update(m).set({ externalId, deliveryStatus: 'sent', channelData: input.channelData }).where(and(eq(m.accountId, inbox.accountId), eq(m.id, posted.id)));
}

/** Same lock as `receiveChannelMessage` takes for a sender: one customer's messages and echoes are handled one at a time. */
const lockSender = (tx: Database, inbox: ChannelInbox, key: string) => tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`${inbox.id}:${key}`}))`);

async function isKnownMessage(db: Database, inbox: ChannelInbox, providerId: string) {
  const [row] = await db.select({ id: m.id }).from(m).where(and(eq(m.accountId, inbox.accountId), eq(m.externalId, externalIdOf(inbox.channel, providerId))));
  return Boolean(row);
}

/** A later part (a file after the text) of a reply Touchpoint sent: its id is in the reply's `metaMessageIds`. */
async function isPartOfOurSend(db: Database, inbox: ChannelInbox, mid: string) {
  const [row] = await db.select({ id: m.id }).from(m)
    .where(and(eq(m.accountId, inbox.accountId), eq(m.direction, 'outbound'), sql`${m.channelData} @> ${JSON.stringify({ metaMessageIds: [mid] })}::jsonb`))
    .limit(1);
  return Boolean(row);
}

/** A reply of the conversation Touchpoint is sending right now whose text (or file) this echo could be. */
async function hasReplyInFlight(db: Database, inbox: ChannelInbox, conversationId: string, text: string, hasFiles: boolean) {
  const trimmed = text.trim();
  const matches = trimmed ? sql`strpos(${m.body}, ${trimmed}) > 0` : hasFiles ? sql`exists (select 1 from attachments a where a.message_id = ${m.id})` : sql`${m.body} = ''`;
  const [row] = await db.select({ id: m.id }).from(m)
    .where(and(eq(m.accountId, inbox.accountId), eq(m.conversationId, conversationId), eq(m.direction, 'outbound'), eq(m.deliveryStatus, 'pending'), matches))
    .limit(1);
  return Boolean(row);
}

/** The conversation holding one of these provider ids in this inbox. */
async function conversationOfProviderIds(db: Database, inbox: ChannelInbox, providerIds: string[]) {
  const [row] = await db.select({ conversationId: m.conversationId }).from(m)
    .innerJoin(schema.conversations, eq(schema.conversations.id, m.conversationId))
    .where(and(eq(m.accountId, inbox.accountId), inArray(m.externalId, providerIds.map((id) => externalIdOf(inbox.channel, id))), eq(schema.conversations.inboxId, inbox.id)))
    .limit(1);
  return row?.conversationId ?? null;
}

/** The commenter's conversation about this comment thread, if they already have one. */
async function conversationOfThread(db: Database, inbox: ChannelInbox, threadId: string, customerId: string) {
  const c = schema.conversations;
  const ids = schema.contactIdentities;
  const [row] = await db.select({ id: c.id }).from(m)
    .innerJoin(c, eq(c.id, m.conversationId))
    .innerJoin(ids, and(eq(ids.accountId, c.accountId), eq(ids.contactId, c.contactId)))
    .where(and(
      eq(m.accountId, inbox.accountId),
      eq(c.inboxId, inbox.id),
      eq(m.direction, 'inbound'),
      sql`${m.channelData} @> ${JSON.stringify({ comment: { threadId } })}::jsonb`,
      eq(ids.channel, inbox.channel),
      eq(ids.externalId, customerId),
      isNull(c.mergedIntoId),
    ))
    .orderBy(desc(m.createdAt))
    .limit(1);
  return row?.id ?? null;
}

/** The top comment of the thread a reply belongs to: its parent's thread when Touchpoint has the parent, else the parent. */
async function threadOf(db: Database, inbox: ChannelInbox, parentId: string) {
  const [row] = await db.select({ channelData: m.channelData }).from(m).where(and(eq(m.accountId, inbox.accountId), eq(m.externalId, externalIdOf(inbox.channel, commentExternalId(parentId)))));
  const data = row?.channelData as { comment?: { threadId?: unknown }; publicReply?: { inReplyTo?: unknown } } | undefined;
  const thread = data?.comment?.threadId ?? data?.publicReply?.inReplyTo;
  return typeof thread === 'string' ? thread : parentId;
}

/** The customer's latest conversation in the inbox that is not closed, found by their id on the channel. */
async function openConversationOf(db: Database, inbox: ChannelInbox, customerId: string) {
  const c = schema.conversations;
  const ids = schema.contactIdentities;
  const [row] = await db.select({ id: c.id }).from(c)
    .innerJoin(ids, and(eq(ids.accountId, c.accountId), eq(ids.contactId, c.contactId)))
    .where(and(eq(c.accountId, inbox.accountId), eq(c.inboxId, inbox.id), eq(ids.channel, inbox.channel), eq(ids.externalId, customerId), ne(c.status, 'closed'), isNull(c.mergedIntoId)))
    .orderBy(desc(c.lastMessageAt))
    .limit(1);
  return row?.id ?? null;
}

/**
 * Who wrote: a known id needs no look-up. Someone new who answers a private reply is the commenter it went to (Meta
 * answered the reply with their Messenger id), so they join that contact. Otherwise their name comes from the Graph
 * API, with a plain fallback when Meta will not say.
 */
async function senderOf(deps: MetaInboundDeps, inbox: ChannelInbox, senderId: string): Promise<InboundSender> {
  const ids = schema.contactIdentities;
  const [known] = await deps.db.select({ contactId: ids.contactId }).from(ids).where(and(eq(ids.accountId, inbox.accountId), eq(ids.channel, inbox.channel), eq(ids.externalId, senderId)));
  if (known) return { externalId: senderId };
  const [answered] = await deps.db.select({ contactId: schema.conversations.contactId }).from(m)
    .innerJoin(schema.conversations, eq(schema.conversations.id, m.conversationId))
    .where(and(eq(m.accountId, inbox.accountId), eq(schema.conversations.inboxId, inbox.id), eq(m.direction, 'outbound'), sql`${m.channelData} @> ${JSON.stringify({ privateReply: { recipientId: senderId } })}::jsonb`))
    .orderBy(desc(m.createdAt))
    .limit(1);
  if (answered) {
    await deps.db.insert(ids).values({ accountId: inbox.accountId, channel: inbox.channel, externalId: senderId, contactId: answered.contactId }).onConflictDoNothing();
    return { externalId: senderId };
  }
  return { externalId: senderId, name: await profileNameOf(deps, inbox, senderId) };
}

async function profileNameOf(deps: MetaInboundDeps, inbox: ChannelInbox, senderId: string): Promise<string> {
  const label = LABEL[inbox.channel as MetaChannel];
  const fallback = `${label} user ${senderId.slice(-4)}`;
  const settings = graphSettingsOf(inbox);
  if (!settings.accessToken) return fallback;
  try {
    const fields = inbox.channel === 'instagram' ? 'name,username' : 'name';
    const profile = await callGraph<{ name?: unknown; username?: unknown }>(deps.fetch ?? fetch, settings, 'GET', encodeURIComponent(senderId), { query: { fields }, timeoutMs: deps.timeoutMs ?? 5000 });
    const name = typeof profile.name === 'string' ? profile.name.trim() : '';
    const username = typeof profile.username === 'string' ? profile.username.trim() : '';
    return name || (username ? `@${username}` : fallback);
  } catch {
    return fallback;
  }
}

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp', 'video/mp4': 'mp4', 'audio/mpeg': 'mp3', 'audio/mp4': 'm4a', 'audio/aac': 'aac', 'application/pdf': 'pdf' };

function fileNameOf(url: URL, type: string, contentType: string, index: number) {
  const last = decodeURIComponent(url.pathname.split('/').pop() ?? '');
  if (/^[^.]+\.[a-z0-9]{2,5}$/i.test(last) && last.length <= 120) return last;
  return `${type}-${index + 1}.${EXTENSIONS[contentType] ?? 'bin'}`;
}

/** Downloads one file Meta links to and stores it as an unsent upload; null when that fails (the message is kept). */
async function download(deps: MetaInboundDeps, inbox: ChannelInbox, attachment: MetaAttachment, index: number): Promise<string | null> {
  if (!attachment.url || !URL.canParse(attachment.url)) return null;
  const url = new URL(attachment.url);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  try {
    const response = await (deps.fetch ?? fetch)(url, { redirect: 'follow', signal: AbortSignal.timeout(deps.timeoutMs ?? 15_000) });
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      return null;
    }
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > deps.maxBytes) {
      await response.body.cancel();
      return null;
    }
    const contentType = (response.headers.get('content-type') ?? 'application/octet-stream').split(';')[0]!.trim().toLowerCase();
    const stored = await uploadAttachment(deps.db, deps.files, channelScope(inbox), {
      fileName: fileNameOf(url, attachment.type, contentType, index),
      contentType,
      content: Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
    }, deps.maxBytes);
    return stored.id;
  } catch {
    return null;
  }
}

/**
 * What a message's attachments become: files downloaded and stored (a failed download leaves the link in the text,
 * so the message is never lost), locations and shared links as text and `channelData`, story mentions as links only.
 */
async function keepAttachments(deps: MetaInboundDeps, inbox: ChannelInbox, attachments: MetaAttachment[]) {
  const attachmentIds: string[] = [];
  const lines: string[] = [];
  const channelData: Record<string, unknown> = {};
  const push = (key: string, value: unknown) => {
    channelData[key] = [...((channelData[key] as unknown[] | undefined) ?? []), value];
  };
  for (const [index, attachment] of attachments.entries()) {
    if (DOWNLOADED.has(attachment.type)) {
      const id = await download(deps, inbox, attachment, index);
      if (id) attachmentIds.push(id);
      else lines.push(`[${attachment.type}${attachment.url ? `: ${attachment.url}` : ''}]`);
      push('files', { type: attachment.type, stored: Boolean(id), ...(attachment.stickerId ? { stickerId: attachment.stickerId } : {}) });
    } else if (attachment.type === 'location' && attachment.coordinates) {
      const { latitude, longitude } = attachment.coordinates;
      channelData.location = { latitude, longitude, title: attachment.title };
      lines.push(`${attachment.title ?? 'Location'}: ${latitude}, ${longitude}`);
    } else if (attachment.type === 'story_mention') {
      // Meta's rule for story mentions: keep the link, never the media.
      channelData.storyMention = { url: attachment.url };
      lines.push(`Mentioned you in their story${attachment.url ? `: ${attachment.url}` : ''}`);
    } else {
      // fallback (a shared link), share, ig_reel, reel, ig_post, template…: what it is and where it points.
      push('links', { type: attachment.type, title: attachment.title, url: attachment.url });
      lines.push([attachment.title, attachment.url].filter(Boolean).join(' ') || `[${attachment.type}]`);
    }
  }
  return { attachmentIds, lines, channelData };
}

/** When a reply with this Meta id was written: Instagram's read receipt names the last message read, not a time. */
async function sentAtOf(db: Database, inbox: ChannelInbox, mid: string) {
  const [row] = await db.select({ createdAt: m.createdAt, direction: m.direction }).from(m).where(and(eq(m.accountId, inbox.accountId), eq(m.externalId, externalIdOf(inbox.channel, mid))));
  return row?.direction === 'outbound' ? row.createdAt : null;
}

/**
 * Messenger's receipts say "everything before this time": every direct reply to this customer in the inbox written
 * up to the watermark moves to delivered (or read), forward only. Comment replies have no receipts.
 */
async function applyWatermark(db: Database, inbox: ChannelInbox, customerId: string, status: 'delivered' | 'read', watermark: Date): Promise<number> {
  const c = schema.conversations;
  const ids = schema.contactIdentities;
  const rows = await db.select({ externalId: m.externalId }).from(m)
    .innerJoin(c, eq(c.id, m.conversationId))
    .innerJoin(ids, and(eq(ids.accountId, c.accountId), eq(ids.contactId, c.contactId)))
    .where(and(
      eq(m.accountId, inbox.accountId),
      eq(c.inboxId, inbox.id),
      eq(ids.channel, inbox.channel),
      eq(ids.externalId, customerId),
      eq(m.direction, 'outbound'),
      inArray(m.deliveryStatus, status === 'read' ? ['sent', 'delivered'] : ['sent']),
      lte(m.createdAt, watermark),
      sql`${m.externalId} like ${`${inbox.channel}:%`}`,
      sql`${m.externalId} not like ${`${inbox.channel}:comment:%`}`,
    ))
    .orderBy(m.createdAt)
    .limit(500);
  let changed = 0;
  for (const row of rows) {
    if (await applyDeliveryStatus(db, inbox.accountId, inbox.channel, row.externalId!.slice(inbox.channel.length + 1), status)) changed += 1;
  }
  return changed;
}
