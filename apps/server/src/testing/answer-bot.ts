import type { AccountScope, PublishedEvent } from '@touchpoint/core';
import { updateInboxBotSettings } from '@touchpoint/answer-bot';
import { createContact } from '@touchpoint/contacts';
import { createConversation, receiveCustomerMessage } from '@touchpoint/conversations';
import { listEventSinks } from '../background.ts';
import type { Services } from '../services.ts';
import { eventsSettled } from './events-settled.ts';
import { getTestDatabase } from './test-database.ts';

/**
 * A customer asks in a new conversation, and THIS app's answer-bot sink (with this app's configuration, e.g. an LLM)
 * handles the message. The bot is switched on for that call only: on the shared PostgreSQL of the integration tier,
 * other test files' outbox dispatchers drain the same outbox, and with other settings they would answer first.
 */
export async function askTheBotOf(services: Services, scope: AccountScope, inboxId: string, text: string): Promise<string> {
  const { db } = await getTestDatabase();
  const contact = await createContact(db, scope, { name: 'Reader', email: `reader-${Date.now()}-${Math.random().toString(36).slice(2)}@example.test` });
  const conversation = await createConversation(db, scope, { inboxId, contactId: contact.id, subject: text, messages: [] });
  await updateInboxBotSettings(db, scope, inboxId, { enabled: false });
  const message = await receiveCustomerMessage(db, scope, conversation.id, { body: text });
  await eventsSettled(scope.accountId);
  await updateInboxBotSettings(db, scope, inboxId, { enabled: true });
  const event: PublishedEvent = {
    id: -1,
    type: 'message.created',
    accountId: scope.accountId,
    occurredAt: new Date().toISOString(),
    audience: { kind: 'inbox', inboxId },
    payload: { conversationId: conversation.id, message: { id: message.id, direction: 'inbound', status: 'sent', body: text, automation: null, channelData: {} } },
  };
  const [answerBot] = listEventSinks(services);
  await db.transaction((tx) => answerBot!(tx, [event]));
  await updateInboxBotSettings(db, scope, inboxId, { enabled: false });
  return conversation.id;
}
