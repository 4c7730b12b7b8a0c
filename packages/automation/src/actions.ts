import { eq } from 'drizzle-orm';
import type { AccountScope } from '@touchpoint/core';
import { automationClientKey, isAnsweringAutomaticMessage, listConversationLabels, postAgentMessage, renderCannedReply, setConversationLabels, updateConversation } from '@touchpoint/conversations';
import { type Database, schema } from '@touchpoint/db';
import { enqueueWebhookCall } from '@touchpoint/webhooks';
import { pickNextAgent } from './assignment.ts';
import type { Action } from './definitions.ts';

/** What triggered the actions: the event for a rule, or a macro run. Sent along by `call_webhook`. */
export interface ActionTrigger {
  /** Event id; negative ids are used for one-off webhook calls that have no event (macros). */
  id: number;
  type: string;
  occurredAt: string;
  payload: Record<string, unknown>;
}

const conversationForWebhook = async (tx: Database, conversationId: string) => {
  const [row] = await tx.select().from(schema.conversations).where(eq(schema.conversations.id, conversationId));
  if (!row) return null;
  return { id: row.id, number: row.number, inboxId: row.inboxId, contactId: row.contactId, subject: row.subject, status: row.status, priority: row.priority, assigneeId: row.assigneeId, teamId: row.teamId, createdAt: row.createdAt.toISOString() };
};

/**
 * Runs actions in order on one conversation, as `scope` (an automation's system actor or the agent running a macro),
 * through the same domain calls the API uses, so events, SLA clocks and notifications follow.
 */
export async function runActions(tx: Database, scope: AccountScope, conversationId: string, actions: Action[], trigger: ActionTrigger, now = new Date()) {
  const cause = scope.actor.type === 'system' ? scope.actor.cause : undefined;
  // A rule's messages name the rule (see automationClientKey); a macro's are the agent's own.
  const clientKeyFor = (index: number) => (cause ? automationClientKey(cause.ruleId, trigger.id, index) : null);
  for (const [index, action] of actions.entries()) {
    const raw = action.params ?? {};
    // Definitions were validated when saved (definitions.ts), so params have the declared shapes.
    const param = (key: string) => String(raw[key] ?? '');
    switch (action.type) {
      case 'assign_agent':
        await updateConversation(tx, scope, conversationId, { assigneeId: param('userId') }, now);
        break;
      case 'assign_round_robin': {
        const [conversation] = await tx.select({ inboxId: schema.conversations.inboxId }).from(schema.conversations).where(eq(schema.conversations.id, conversationId));
        const userId = conversation ? await pickNextAgent(tx, scope.accountId, conversation.inboxId, 'round_robin', now) : null;
        if (userId) await updateConversation(tx, scope, conversationId, { assigneeId: userId }, now);
        break;
      }
      case 'unassign':
        await updateConversation(tx, scope, conversationId, { assigneeId: null }, now);
        break;
      case 'assign_team':
        await updateConversation(tx, scope, conversationId, { teamId: param('teamId') }, now);
        break;
      case 'add_label':
      case 'remove_label': {
        const current = ((await listConversationLabels(tx, [conversationId])).get(conversationId) ?? []).map((label) => label.id);
        const has = current.includes(param('labelId'));
        if (action.type === 'add_label' && !has) await setConversationLabels(tx, scope, conversationId, [...current, param('labelId')], now);
        if (action.type === 'remove_label' && has) await setConversationLabels(tx, scope, conversationId, current.filter((id) => id !== param('labelId')), now);
        break;
      }
      case 'set_priority':
        await updateConversation(tx, scope, conversationId, { priority: param('priority') as 'low' }, now);
        break;
      case 'set_status':
        await updateConversation(tx, scope, conversationId, { status: param('status') as 'open' }, now);
        break;
      case 'snooze':
        await updateConversation(tx, scope, conversationId, { status: 'snoozed', snoozedUntil: new Date(now.getTime() + Number(raw.hours) * 3600_000).toISOString() }, now);
        break;
      case 'resolve':
        await updateConversation(tx, scope, conversationId, { status: 'resolved' }, now);
        break;
      case 'send_canned_reply': {
        // Never answer a machine (an out-of-office reply, a bulk mailing): two autoresponders would answer each
        // other for ever. The rule's other actions still run.
        if (await isAnsweringAutomaticMessage(tx, conversationId)) break;
        const { body } = await renderCannedReply(tx, scope, param('cannedReplyId'), conversationId);
        await postAgentMessage(tx, scope, conversationId, { kind: 'reply', body, clientKey: clientKeyFor(index) }, now);
        break;
      }
      case 'add_note':
        await postAgentMessage(tx, scope, conversationId, { kind: 'note', body: param('body'), clientKey: clientKeyFor(index) }, now);
        break;
      case 'call_webhook':
        await enqueueWebhookCall(tx, scope.accountId, param('webhookId'), {
          id: -Math.abs(trigger.id),
          type: trigger.type,
          accountId: scope.accountId,
          occurredAt: trigger.occurredAt,
          data: { ...trigger.payload, conversation: await conversationForWebhook(tx, conversationId) },
        }, now);
        break;
      default:
        throw new Error(`unknown action ${action.type}`);
    }
  }
}
