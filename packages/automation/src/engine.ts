import { and, asc, eq, inArray } from 'drizzle-orm';
import type { AccountScope, AutomationCause, PublishedEvent } from '@touchpoint/core';
import { recordAudit } from '@touchpoint/accounts';
import { updateConversation } from '@touchpoint/conversations';
import { type Database, schema } from '@touchpoint/db';
import { runActions } from './actions.ts';
import { pickNextAgent } from './assignment.ts';
import { matchesAll, loadRuleContext } from './conditions.ts';
import { RULE_EVENTS } from './definitions.ts';

/** A rule acting on an event that was itself caused `MAX_DEPTH` rule runs deep does nothing: chains end. */
export const MAX_AUTOMATION_DEPTH = 3;

const causeIn = (event: PublishedEvent) => event.payload.cause as AutomationCause | undefined;
const conversationIdOf = (event: PublishedEvent) => (typeof event.payload.conversationId === 'string' ? event.payload.conversationId : null);

/**
 * Auto-assignment: a conversation created open and unassigned, or changed to open and unassigned, in an inbox that
 * routes round-robin or by capacity, goes to the next available agent.
 */
async function autoAssign(tx: Database, event: PublishedEvent, now: Date) {
  if (event.type !== 'conversation.created' && event.type !== 'conversation.updated') return;
  const conversationId = conversationIdOf(event);
  if (!conversationId) return;
  const [row] = await tx
    .select({ status: schema.conversations.status, assigneeId: schema.conversations.assigneeId, inboxId: schema.conversations.inboxId, mode: schema.inboxes.autoAssignment })
    .from(schema.conversations)
    .innerJoin(schema.inboxes, eq(schema.inboxes.id, schema.conversations.inboxId))
    .where(eq(schema.conversations.id, conversationId));
  if (!row || row.status !== 'open' || row.assigneeId !== null || (row.mode !== 'round_robin' && row.mode !== 'capacity')) return;
  await tx.transaction(async (savepoint) => {
    const userId = await pickNextAgent(savepoint, event.accountId, row.inboxId, row.mode as 'round_robin', now);
    if (!userId) return;
    const scope: AccountScope = { accountId: event.accountId, actor: { type: 'system', id: null, name: 'Auto-assignment', role: 'admin' } };
    await updateConversation(savepoint, scope, conversationId, { assigneeId: userId }, now);
  });
}

async function runRules(tx: Database, event: PublishedEvent, now: Date) {
  if (!(RULE_EVENTS as readonly string[]).includes(event.type)) return;
  const conversationId = conversationIdOf(event);
  if (!conversationId) return;
  const cause = causeIn(event);
  if (cause && cause.depth >= MAX_AUTOMATION_DEPTH) return;
  const rules = await tx
    .select()
    .from(schema.automationRules)
    .where(and(eq(schema.automationRules.accountId, event.accountId), eq(schema.automationRules.event, event.type), eq(schema.automationRules.enabled, true)))
    .orderBy(asc(schema.automationRules.position), asc(schema.automationRules.createdAt));
  for (const rule of rules) {
    // A rule never fires on an event its own actions caused.
    if (cause?.ruleId === rule.id) continue;
    // Each rule sees the conversation as the rules before it left it.
    const context = await loadRuleContext(tx, conversationId, event.payload, now);
    if (!context || !matchesAll(rule.conditions, context)) continue;
    const scope: AccountScope = { accountId: event.accountId, actor: { type: 'system', id: null, name: `Automation: ${rule.name}`, role: 'admin', cause: { ruleId: rule.id, depth: (cause?.depth ?? 0) + 1 } } };
    let error: string | null = null;
    try {
      // A savepoint: a failing action undoes this rule's changes only, never the outbox claim or other rules.
      await tx.transaction((savepoint) => runActions(savepoint, scope, conversationId, rule.actions, { id: event.id, type: event.type, occurredAt: event.occurredAt, payload: event.payload }, now));
    } catch (caught) {
      error = caught instanceof Error ? caught.message : String(caught);
    }
    await recordAudit(tx, scope, {
      action: 'automation_rule.ran',
      targetType: 'automation_rule',
      targetId: rule.id,
      details: { eventId: event.id, eventType: event.type, conversationId, outcome: error ? 'failed' : 'succeeded', ...(error ? { error: error.slice(0, 500) } : {}) },
    });
  }
}

/**
 * The automation event sink (see listEventSinks): auto-assignment, then the account's enabled rules for the event in
 * position order. It runs inside the outbox claim transaction, exactly once per event; events its actions cause are
 * recorded in that transaction and come back through the outbox, carrying `cause` for loop protection.
 */
export function createAutomationSink(options: { now?: () => Date; onError?: (error: unknown, event: PublishedEvent) => void } = {}) {
  return async (tx: Database, events: PublishedEvent[]) => {
    const relevant = events.filter((event) => (RULE_EVENTS as readonly string[]).includes(event.type));
    if (relevant.length === 0) return;
    const accountIds = [...new Set(relevant.map((event) => event.accountId))];
    // Cheap early exit for accounts with neither rules nor routing.
    const [hasRules] = await tx.select({ id: schema.automationRules.id }).from(schema.automationRules).where(and(inArray(schema.automationRules.accountId, accountIds), eq(schema.automationRules.enabled, true))).limit(1);
    const [hasRouting] = await tx.select({ id: schema.inboxes.id }).from(schema.inboxes).where(and(inArray(schema.inboxes.accountId, accountIds), inArray(schema.inboxes.autoAssignment, ['round_robin', 'capacity']))).limit(1);
    if (!hasRules && !hasRouting) return;
    for (const event of relevant) {
      const now = options.now?.() ?? new Date();
      try {
        if (hasRouting) await autoAssign(tx, event, now);
      } catch {
        // No agent could take it (e.g. a race with a removed member): it stays unassigned, as without routing.
      }
      if (!hasRules) continue;
      try {
        // Action errors are recorded per rule inside runRules; this only guards the outbox against a poison event.
        await tx.transaction((savepoint) => runRules(savepoint, event, now));
      } catch (error) {
        options.onError?.(error, event);
      }
    }
  };
}
