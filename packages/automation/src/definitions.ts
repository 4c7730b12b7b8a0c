import { z } from 'zod';
import { validationFailed, type FieldError } from '@touchpoint/core';

/**
 * Events a rule can run on. `sla.breached` carries { conversationId, target, dueAt }; `conversation.merged` is about the
 * conversation that stays, with { sourceConversationId, sourceNumber }.
 */
export const RULE_EVENTS = ['conversation.created', 'conversation.updated', 'conversation.merged', 'message.created', 'sla.breached'] as const;
export type RuleEvent = (typeof RULE_EVENTS)[number];

const Id = z.uuid({ message: 'must be a UUID' });
const Text = z.string().min(1).max(500);
const OneOrMany = z.union([Text, z.array(Text).min(1).max(50)]);
const choice = (operators: [string, ...string[]], value: z.ZodType) => z.strictObject({ field: z.string(), operator: z.enum(operators), value });

/** Every condition field, with the operators it accepts. All conditions of a rule must hold. */
export const CONDITION_SCHEMAS: Record<string, z.ZodType> = {
  channel: choice(['equals', 'not_equals', 'in'], OneOrMany),
  inbox: choice(['equals', 'not_equals', 'in'], OneOrMany),
  status: choice(['equals', 'not_equals', 'in'], OneOrMany),
  priority: choice(['equals', 'not_equals', 'in'], OneOrMany),
  assignee: z.union([
    z.strictObject({ field: z.string(), operator: z.enum(['is_none', 'is_any']), value: z.undefined().optional() }),
    z.strictObject({ field: z.string(), operator: z.enum(['equals', 'not_equals']), value: Id }),
  ]),
  label: choice(['has', 'has_not'], Id),
  message_text: choice(['contains', 'not_contains'], Text),
  message_direction: choice(['equals'], z.enum(['inbound', 'outbound', 'note'])),
  contact_attribute: choice(['equals', 'contains'], z.strictObject({ key: z.string().min(1).max(64), value: z.union([z.string().max(500), z.number(), z.boolean()]) })),
  contact_language: choice(['equals', 'in'], OneOrMany),
  time: choice(['within', 'outside'], z.strictObject({ days: z.array(z.number().int().min(1).max(7)).min(1).max(7), fromHour: z.number().int().min(0).max(23), toHour: z.number().int().min(1).max(24) })),
  sla_target: choice(['equals'], z.enum(['first_response', 'next_response', 'resolution'])),
};

const none = z.strictObject({}).optional();
/** Every action type, with its params. */
export const ACTION_SCHEMAS: Record<string, z.ZodType> = {
  assign_agent: z.strictObject({ userId: Id }),
  assign_round_robin: none,
  unassign: none,
  assign_team: z.strictObject({ teamId: Id }),
  add_label: z.strictObject({ labelId: Id }),
  remove_label: z.strictObject({ labelId: Id }),
  set_priority: z.strictObject({ priority: z.enum(['low', 'normal', 'high', 'urgent']) }),
  set_status: z.strictObject({ status: z.enum(['open', 'pending', 'resolved', 'closed']) }),
  snooze: z.strictObject({ hours: z.number().min(0.25).max(24 * 90) }),
  resolve: none,
  send_canned_reply: z.strictObject({ cannedReplyId: Id }),
  add_note: z.strictObject({ body: z.string().min(1).max(10_000) }),
  call_webhook: z.strictObject({ webhookId: Id }),
};

export interface Condition {
  field: string;
  operator: string;
  value?: unknown;
}
export interface Action {
  type: string;
  params?: Record<string, unknown>;
}

function issuesOf(error: z.ZodError, prefix: string): FieldError[] {
  return error.issues.map((issue) => ({ path: [prefix, ...issue.path.map(String)].join('.'), message: issue.message }));
}

/** Checks conditions against the catalogue above: an unknown field, operator or value is a 400 naming it. */
export function checkConditions(conditions: Condition[], errors: FieldError[] = []): FieldError[] {
  conditions.forEach((condition, index) => {
    const schema = CONDITION_SCHEMAS[condition.field];
    if (!schema) {
      errors.push({ path: `conditions.${index}.field`, message: `unknown field "${condition.field}" (one of ${Object.keys(CONDITION_SCHEMAS).join(', ')})` });
      return;
    }
    const parsed = schema.safeParse(condition);
    if (!parsed.success) {
      const operatorIssue = parsed.error.issues.some((issue) => issue.path[0] === 'operator');
      if (operatorIssue) errors.push({ path: `conditions.${index}.operator`, message: `unknown operator "${condition.operator}" for field ${condition.field}` });
      else errors.push(...issuesOf(parsed.error, `conditions.${index}`));
    }
  });
  return errors;
}

export function checkActions(actions: Action[], errors: FieldError[] = []): FieldError[] {
  if (actions.length === 0) errors.push({ path: 'actions', message: 'must have at least one action' });
  actions.forEach((action, index) => {
    const schema = ACTION_SCHEMAS[action.type];
    if (!schema) {
      errors.push({ path: `actions.${index}.type`, message: `unknown action "${action.type}" (one of ${Object.keys(ACTION_SCHEMAS).join(', ')})` });
      return;
    }
    const parsed = schema.safeParse(action.params);
    if (!parsed.success) errors.push(...issuesOf(parsed.error, `actions.${index}.params`));
  });
  return errors;
}

export function assertRuleDefinition(input: { event?: string; conditions?: Condition[]; actions?: Action[] }) {
  const errors: FieldError[] = [];
  if (input.event !== undefined && !(RULE_EVENTS as readonly string[]).includes(input.event)) errors.push({ path: 'event', message: `unknown event "${input.event}" (one of ${RULE_EVENTS.join(', ')})` });
  if (input.conditions) checkConditions(input.conditions, errors);
  if (input.actions) checkActions(input.actions, errors);
  if (errors.length > 0) throw validationFailed(errors);
}
