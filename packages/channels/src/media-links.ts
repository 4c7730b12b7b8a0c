import { createHmac, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { type Database, schema } from '@touchpoint/db';
import type { AttachmentView, FileStore } from '@touchpoint/conversations';
import type { ChannelInbox } from './channel-adapter.ts';

/** How long a provider may take to fetch a file it was given a link to. */
export const MEDIA_LINK_TTL_MS = 24 * 3600_000;

const signatureOf = (mediaKey: string, attachmentId: string, expires: number) => createHmac('sha256', mediaKey).update(`${attachmentId}.${expires}`).digest('base64url');

/**
 * A public, expiring link to one attachment of a reply, for providers that fetch media themselves (Twilio's
 * MediaUrl, Messenger's attachment URL). Signed with the inbox's media key, a secret that never leaves the server (the
 * channel key is no secret: a web chat snippet shows it to every visitor).
 */
export function mediaLinkFor(baseUrl: URL | string, inbox: Pick<ChannelInbox, 'mediaKey'>, attachment: Pick<AttachmentView, 'id' | 'fileName'>, now = new Date()) {
  const expires = Math.floor((now.getTime() + MEDIA_LINK_TTL_MS) / 1000);
  const link = new URL(`/channels/media/${attachment.id}/${encodeURIComponent(attachment.fileName)}`, baseUrl);
  link.searchParams.set('expires', String(expires));
  link.searchParams.set('signature', signatureOf(inbox.mediaKey, attachment.id, expires));
  return link.toString();
}

/**
 * The file behind a media link, when the link is genuine and not expired; null otherwise (answer 404, whatever the
 * reason, so links cannot be probed). Only attachments of messages in a connected channel inbox are served.
 */
export async function openMediaLink(db: Database, files: FileStore, attachmentId: string, expires: number, signature: string, now = new Date()) {
  if (!Number.isInteger(expires) || expires * 1000 < now.getTime()) return null;
  const [row] = await db
    .select({ attachment: schema.attachments, mediaKey: schema.inboxes.mediaKey })
    .from(schema.attachments)
    .innerJoin(schema.messages, eq(schema.messages.id, schema.attachments.messageId))
    .innerJoin(schema.conversations, eq(schema.conversations.id, schema.messages.conversationId))
    .innerJoin(schema.inboxes, eq(schema.inboxes.id, schema.conversations.inboxId))
    .where(eq(schema.attachments.id, attachmentId));
  if (!row) return null;
  const expected = Buffer.from(signatureOf(row.mediaKey, attachmentId, expires));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return { fileName: row.attachment.fileName, contentType: row.attachment.contentType, byteSize: row.attachment.byteSize, content: await files.read(row.attachment.storageKey) };
}
