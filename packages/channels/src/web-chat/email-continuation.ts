import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { type Database, schema } from '@touchpoint/db';
import { replyAddressFor } from '../email/email-address.ts';

/**
 * Where a chat visitor's answer to an emailed reply should go: the reply-token address of the account's first
 * connected email inbox, which brings the answer back into the chat conversation (email-receive.ts accepts a token
 * its inbox signed for a conversation in another inbox of the same account). Null without a connected email inbox:
 * the email then only invites the visitor back to the chat.
 */
export async function chatReplyAddressFor(db: Database, accountId: string, conversationId: string): Promise<string | null> {
  const i = schema.inboxes;
  const [email] = await db
    .select({ id: i.id, channelKey: i.channelKey, config: i.channelConfig })
    .from(i)
    .where(and(eq(i.accountId, accountId), eq(i.channel, 'email'), isNotNull(i.channelConnectedAt)))
    .orderBy(asc(i.createdAt))
    .limit(1);
  return email?.config.address ? replyAddressFor(email.config.address, email.channelKey, email.id, conversationId) : null;
}
