import type { AttachmentView } from '@touchpoint/conversations';
import type { ChannelAdapter, ChannelField, OutboundMessage } from '../channel-adapter.ts';
import { PermanentDeliveryError } from '../channel-adapter.ts';
import { mediaLinkFor } from '../media-links.ts';
import { GRAPH_API_BASE_URL, GRAPH_API_VERSION, type GraphSettings, callGraph, graphSettingsOf, toDeliveryError } from './graph-api.ts';
import { INSTAGRAM_CHANNEL, MESSENGER_CHANNEL, type MetaChannel } from './meta-payload.ts';
import { type MetaReplyPlan, planMetaReply } from './meta-reply-plan.ts';

export interface MetaAdapterOptions {
  fetch?: typeof fetch;
  now?: () => Date;
  /** Touchpoint's public address: Meta fetches a reply's files from signed links under it. Without it, files are refused. */
  publicUrl?: URL | string | null;
}

/** Sent as the Send API's `metadata`; Messenger hands it back on the echo, so an echo of our own reply is recognised at once. */
export const ECHO_METADATA_PREFIX = 'touchpoint:';

const META_FIELDS: ChannelField[] = [
  { key: 'pageId', required: true },
  { key: 'apiBaseUrl', kind: 'url', defaultValue: GRAPH_API_BASE_URL },
  { key: 'apiVersion', defaultValue: GRAPH_API_VERSION },
  { key: 'pageAccessToken', secret: true, required: true },
  { key: 'appSecret', secret: true, required: true },
  { key: 'verifyToken', secret: true, required: true },
];

/** Messenger takes 2,000 characters of text per message; Instagram 1,000 bytes of UTF-8. */
const fitsIn: Record<MetaChannel, (text: string) => boolean> = {
  messenger: (text) => [...text].length <= 2000,
  instagram: (text) => Buffer.byteLength(text, 'utf8') <= 1000,
};

/** Splits a long reply into parts the channel takes, at a line break or space when there is one in the second half. */
export function splitMetaText(text: string, fits: (text: string) => boolean): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest && !fits(rest)) {
    const chars = [...rest];
    let end = chars.length;
    while (end > 1 && !fits(chars.slice(0, end).join(''))) end = Math.max(1, Math.floor(end * 0.9));
    while (end < chars.length && fits(chars.slice(0, end + 1).join(''))) end += 1;
    const head = chars.slice(0, end).join('');
    const breakAt = Math.max(head.lastIndexOf('\n'), head.lastIndexOf(' '));
    const cut = breakAt > head.length / 2 ? breakAt : head.length;
    parts.push(head.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}

const attachmentType = (contentType: string) => (contentType.startsWith('image/') ? 'image' : contentType.startsWith('video/') ? 'video' : contentType.startsWith('audio/') ? 'audio' : 'file');

interface SendAnswer { recipient_id?: string; message_id?: string }

function createMetaAdapter(channel: MetaChannel, options: MetaAdapterOptions): ChannelAdapter {
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? (() => new Date());

  const linkFor = (outbound: OutboundMessage, attachment: AttachmentView) => {
    if (!options.publicUrl) throw new PermanentDeliveryError('files cannot be sent: Meta fetches them from Touchpoint, and PUBLIC_URL is not set');
    return mediaLinkFor(options.publicUrl, outbound.inbox, attachment, now());
  };

  async function sendMessages(settings: GraphSettings, outbound: OutboundMessage, plan: Extract<MetaReplyPlan, { kind: 'message' }>) {
    const { attachments } = outbound.message;
    if (channel === INSTAGRAM_CHANNEL) {
      const unsupported = attachments.find((attachment) => attachmentType(attachment.contentType) === 'file');
      if (unsupported) throw new PermanentDeliveryError(`Instagram takes images, video and audio only; ${unsupported.fileName} is ${unsupported.contentType}`);
    }
    const contents: Record<string, unknown>[] = [
      ...splitMetaText(outbound.message.body, fitsIn[channel]).map((text) => ({ text })),
      ...attachments.map((attachment) => ({ attachment: { type: attachmentType(attachment.contentType), payload: { url: linkFor(outbound, attachment), is_reusable: false } } })),
    ];
    if (contents.length === 0) throw new PermanentDeliveryError('the reply has neither text nor files');
    const mids: string[] = [];
    for (const content of contents) {
      const answer = await callGraph<SendAnswer>(doFetch, settings, 'POST', 'me/messages', {
        body: {
          recipient: { id: plan.recipientId },
          messaging_type: plan.messagingType,
          ...(plan.tag ? { tag: plan.tag } : {}),
          // Instagram documents no `metadata`: its echoes are matched by message id instead.
          message: channel === MESSENGER_CHANNEL ? { ...content, metadata: `${ECHO_METADATA_PREFIX}${outbound.message.id}` } : content,
        },
      });
      if (answer.message_id) mids.push(answer.message_id);
    }
    return {
      externalId: mids[0] ?? null,
      channelData: { metaMessageIds: mids, messagingType: plan.messagingType, ...(plan.tag ? { tag: plan.tag } : {}) },
    };
  }

  async function replyInPublic(settings: GraphSettings, outbound: OutboundMessage, plan: Extract<MetaReplyPlan, { kind: 'public' }>) {
    const { body, attachments } = outbound.message;
    // Facebook comments may carry one picture (`attachment_url`); Instagram comments are text only.
    if (attachments.length > (channel === MESSENGER_CHANNEL ? 1 : 0)) {
      throw new PermanentDeliveryError(channel === MESSENGER_CHANNEL ? 'a Facebook comment carries at most one picture' : 'an Instagram comment reply carries text only');
    }
    const picture = attachments[0];
    if (picture && attachmentType(picture.contentType) !== 'image') throw new PermanentDeliveryError('a Facebook comment can carry a picture, not other files');
    if (!body.trim() && !picture) throw new PermanentDeliveryError('a comment reply needs text');
    const path = channel === MESSENGER_CHANNEL ? `${plan.threadId}/comments` : `${plan.threadId}/replies`;
    const answer = await callGraph<{ id?: string }>(doFetch, settings, 'POST', path, {
      body: { message: body, ...(picture ? { attachment_url: linkFor(outbound, picture) } : {}) },
    });
    return {
      externalId: answer.id ? `comment:${answer.id}` : null,
      channelData: { publicReply: { commentId: answer.id ?? null, inReplyTo: plan.threadId } },
    };
  }

  async function replyPrivately(settings: GraphSettings, outbound: OutboundMessage, plan: Extract<MetaReplyPlan, { kind: 'private' }>) {
    if (outbound.message.attachments.length > 0) throw new PermanentDeliveryError('a private reply to a comment carries text only');
    const [text, ...more] = splitMetaText(outbound.message.body, fitsIn[channel]);
    if (!text) throw new PermanentDeliveryError('a private reply needs text');
    if (more.length > 0) throw new PermanentDeliveryError('a private reply is a single message; shorten it');
    const pageId = outbound.inbox.config.pageId;
    if (!pageId) throw new PermanentDeliveryError('the page id is not set');
    const answer = await callGraph<SendAnswer>(doFetch, settings, 'POST', `${encodeURIComponent(pageId)}/messages`, {
      body: { recipient: { comment_id: plan.commentId }, message: channel === MESSENGER_CHANNEL ? { text, metadata: `${ECHO_METADATA_PREFIX}${outbound.message.id}` } : { text } },
    });
    return {
      externalId: answer.message_id ?? null,
      channelData: { metaMessageIds: answer.message_id ? [answer.message_id] : [], privateReply: { commentId: plan.commentId, recipientId: answer.recipient_id ?? null } },
    };
  }

  return {
    channel,
    fields: META_FIELDS,
    async send(outbound) {
      const settings = graphSettingsOf(outbound.inbox);
      if (!settings.accessToken) throw new PermanentDeliveryError('the page access token is not set');
      const plan = planMetaReply(channel, outbound, now());
      try {
        if (plan.kind === 'message') return await sendMessages(settings, outbound, plan);
        if (plan.kind === 'public') return await replyInPublic(settings, outbound, plan);
        return await replyPrivately(settings, outbound, plan);
      } catch (error) {
        throw toDeliveryError(error);
      }
    },
  };
}

/**
 * Facebook Messenger: replies through the Graph Send API (`POST /me/messages` as the Page), comments on the Page's
 * posts answered in public (`POST /<comment>/comments`) or privately (`POST /<page>/messages` to the comment).
 */
export const createMessengerAdapter = (options: MetaAdapterOptions = {}) => createMetaAdapter(MESSENGER_CHANNEL, options);

/**
 * Instagram direct messages through the Messenger Platform (the Page linked to the Instagram account and its token),
 * comments answered in public (`POST /<comment>/replies`) or privately.
 */
export const createInstagramAdapter = (options: MetaAdapterOptions = {}) => createMetaAdapter(INSTAGRAM_CHANNEL, options);
