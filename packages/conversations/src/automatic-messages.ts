import { and, desc, eq, sql } from 'drizzle-orm';
import { type Database, schema } from '@touchpoint/db';

/** `channelData` key of a customer message a machine sent (see `CustomerMessageInput.automatic`). */
export const AUTOMATIC_MESSAGE_FLAG = 'autoReply';

/**
 * Whether the customer's side of the conversation is, for now, a machine: its latest inbound message was sent
 * automatically (an out-of-office reply, a bulk mailing). Automations must not answer then, or two autoresponders
 * answer each other for ever.
 */
export async function isAnsweringAutomaticMessage(db: Database, conversationId: string): Promise<boolean> {
  const [latest] = await db
    .select({ channelData: schema.messages.channelData })
    .from(schema.messages)
    .where(and(eq(schema.messages.conversationId, conversationId), eq(schema.messages.direction, 'inbound')))
    .orderBy(desc(schema.messages.createdAt))
    .limit(1);
  return latest?.channelData[AUTOMATIC_MESSAGE_FLAG] === true;
}

/** Whether every customer message of the conversation was sent by a machine (and there is at least one). */
export async function hasOnlyAutomaticCustomerMessages(db: Database, conversationId: string): Promise<boolean> {
  const [counts] = await db
    .select({ all: sql<number>`count(*)::int`, automatic: sql<number>`count(*) filter (where (${schema.messages.channelData} ->> ${AUTOMATIC_MESSAGE_FLAG}) = 'true')::int` })
    .from(schema.messages)
    .where(and(eq(schema.messages.conversationId, conversationId), eq(schema.messages.direction, 'inbound')));
  return Boolean(counts && counts.all > 0 && counts.automatic === counts.all);
}
