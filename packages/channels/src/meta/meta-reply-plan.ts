import type { OutboundMessage } from '../channel-adapter.ts';
import { PermanentDeliveryError } from '../channel-adapter.ts';
import type { MetaChannel } from './meta-payload.ts';

/** Meta's standard messaging window: a page may answer freely for 24 hours after the customer's last message. */
export const STANDARD_WINDOW_MS = 24 * 3600_000;
/** The HUMAN_AGENT tag lets a person answer up to 7 days after the customer's last message (Messenger and Instagram). */
export const HUMAN_AGENT_WINDOW_MS = 7 * 24 * 3600_000;
/** A private reply to a comment must go within 7 days of the comment, and only once per comment. */
export const PRIVATE_REPLY_WINDOW_MS = 7 * 24 * 3600_000;

/** What an inbound comment message keeps in `channelData.comment`. */
export interface StoredComment {
  commentId: string;
  /** The top comment of the thread: public replies go under it (Instagram nests one level only). */
  threadId: string;
  postId: string | null;
  parentId?: string | null;
  permalink?: string | null;
}

export type MetaReplyPlan =
  | { kind: 'message'; recipientId: string; messagingType: 'RESPONSE' | 'MESSAGE_TAG'; tag: 'HUMAN_AGENT' | null }
  | { kind: 'public'; commentId: string; threadId: string }
  | { kind: 'private'; commentId: string };

export type ReplyMode = 'public' | 'private';

const commentOf = (channelData: Record<string, unknown>) => {
  const comment = channelData.comment as Partial<StoredComment> | undefined;
  return comment && typeof comment.commentId === 'string' ? { ...comment, commentId: comment.commentId, threadId: typeof comment.threadId === 'string' ? comment.threadId : comment.commentId } : null;
};

const LABEL: Record<MetaChannel, string> = { messenger: 'Messenger', instagram: 'Instagram' };
const days = (ms: number) => Math.round(ms / (24 * 3600_000));

/**
 * How a reply leaves, decided from the conversation's channel history:
 * - `channelData.replyMode` (`public` | `private`, set through the message's `channelOptions`) answers the latest
 *   comment of the conversation in public (under its thread) or privately (a message to the commenter);
 * - without it, the reply answers where the customer last wrote: their latest comment, publicly, or their direct
 *   messages, within the 24-hour window, else with the HUMAN_AGENT tag up to 7 days, else not at all.
 * Throws PermanentDeliveryError, with the reason an agent can act on, when Meta would refuse the reply anyway.
 */
export function planMetaReply(channel: MetaChannel, outbound: Pick<OutboundMessage, 'message' | 'history' | 'recipients'>, now: Date): MetaReplyPlan {
  const mode = outbound.message.channelData.replyMode;
  if (mode !== undefined && mode !== 'public' && mode !== 'private') throw new PermanentDeliveryError('replyMode must be "public" or "private"');
  const inbound = outbound.history.filter((entry) => entry.direction === 'inbound');
  const comments = inbound.flatMap((entry) => {
    const comment = commentOf(entry.channelData);
    return comment ? [{ ...comment, at: entry.createdAt }] : [];
  });
  const last = inbound.at(-1);
  const answersComment = mode !== undefined || (last !== undefined && commentOf(last.channelData) !== null);
  if (answersComment) {
    const comment = comments.at(-1);
    if (!comment) throw new PermanentDeliveryError('there is no comment in this conversation to answer publicly or privately');
    if (mode !== 'private') return { kind: 'public', commentId: comment.commentId, threadId: comment.threadId };
    if (now.getTime() - comment.at.getTime() > PRIVATE_REPLY_WINDOW_MS) {
      throw new PermanentDeliveryError(`${LABEL[channel]} allows a private reply only within ${days(PRIVATE_REPLY_WINDOW_MS)} days of the comment; answer publicly instead`);
    }
    const answered = outbound.history.some((entry) => entry.direction === 'outbound' && entry.externalId && (entry.channelData.privateReply as { commentId?: string } | undefined)?.commentId === comment.commentId);
    if (answered) throw new PermanentDeliveryError(`${LABEL[channel]} allows one private reply per comment, and this comment already has one; answer publicly or wait for the customer to write`);
    return { kind: 'private', commentId: comment.commentId };
  }
  const lastMessage = inbound.filter((entry) => commentOf(entry.channelData) === null).at(-1);
  const recipientId = (typeof lastMessage?.channelData.senderId === 'string' ? lastMessage.channelData.senderId : null) ?? outbound.recipients.at(-1) ?? null;
  if (!lastMessage || !recipientId) throw new PermanentDeliveryError(`the customer has not written to the page on ${LABEL[channel]}, and Meta only lets a page answer`);
  const age = now.getTime() - lastMessage.createdAt.getTime();
  if (age <= STANDARD_WINDOW_MS) return { kind: 'message', recipientId, messagingType: 'RESPONSE', tag: null };
  if (age <= HUMAN_AGENT_WINDOW_MS) return { kind: 'message', recipientId, messagingType: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' };
  throw new PermanentDeliveryError(`${LABEL[channel]}'s ${days(HUMAN_AGENT_WINDOW_MS)}-day window for a person to answer has closed (the customer last wrote ${days(age)} days ago); Meta refuses messages until the customer writes again`);
}
