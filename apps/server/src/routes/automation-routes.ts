import { z } from 'zod';
import { forbidden } from '@touchpoint/core';
import {
  ASSIGNMENT_MODES, AVAILABILITY_STATUSES, createMacro, createRule, deleteMacro, deleteRule, getAvailability, getRule, listMacros, listRuleRuns, listRules,
  reorderRules, runMacro, setAvailability, setInboxAssignmentMode, updateMacro, updateRule,
} from '@touchpoint/automation';
import { createWebhook, deleteWebhook, listWebhookDeliveries, listWebhooks, retryWebhookDelivery, rotateWebhookSecret, updateWebhook } from '@touchpoint/webhooks';
import { type AnyRouteSpec, defineRoute } from '../http/route.ts';
import { AccountParamsSchema, accountParamsWith, IsoDateSchema, UuidSchema } from './schemas.ts';

// Shapes are checked loosely here and exactly in the domain (definitions.ts), so a 400 names the unknown field,
// operator or action instead of a generic union error.
const ConditionSchema = z.strictObject({ field: z.string().max(64), operator: z.string().max(64), value: z.unknown().optional() });
const ActionSchema = z.strictObject({ type: z.string().max(64), params: z.record(z.string(), z.unknown()).optional() });
const RuleNameSchema = z.string().trim().min(1).max(120);
const RuleSchema = z.object({ id: z.string(), name: z.string(), event: z.string(), conditions: z.array(ConditionSchema), actions: z.array(ActionSchema), enabled: z.boolean(), position: z.number(), createdAt: IsoDateSchema });
const RuleRunSchema = z.object({ at: IsoDateSchema, eventId: z.number(), eventType: z.string(), conversationId: z.string(), outcome: z.enum(['succeeded', 'failed']), error: z.string().optional() });
const MacroSchema = z.object({ id: z.string(), name: z.string(), actions: z.array(ActionSchema), createdAt: IsoDateSchema });
const AvailabilitySchema = z.object({ userId: z.string(), status: z.enum(AVAILABILITY_STATUSES), maxOpenConversations: z.number().nullable(), lastAssignedAt: IsoDateSchema.nullable() });
const AvailabilityInputSchema = z.strictObject({ status: z.enum(AVAILABILITY_STATUSES).optional(), maxOpenConversations: z.number().int().min(1).max(1000).nullable().optional() });
const WebhookSchema = z.object({ id: z.string(), url: z.string(), events: z.array(z.string()), active: z.boolean(), failingSince: IsoDateSchema.nullable(), createdAt: IsoDateSchema });
const WebhookWithSecretSchema = WebhookSchema.extend({ secret: z.string().describe('shown once; signs every delivery') });
const WebhookInputSchema = z.strictObject({ url: z.string().max(2000), events: z.array(z.string().max(64)).min(1).max(100), active: z.boolean().optional() });
const DeliverySchema = z.object({
  id: z.string(), eventId: z.number(), eventType: z.string(), status: z.enum(['pending', 'delivered', 'failed']), attempts: z.number(), responseStatus: z.number().nullable(),
  error: z.string().nullable(), durationMs: z.number().nullable(), nextAttemptAt: IsoDateSchema.nullable(), deliveredAt: IsoDateSchema.nullable(), createdAt: IsoDateSchema,
});
const T = { rules: ['Automation'], macros: ['Macros'], routing: ['Routing'], webhooks: ['Webhooks'] };

/** Automation rules, macros, auto-assignment settings and outgoing webhooks. */
export const automationRoutes: AnyRouteSpec[] = [
  // Automation rules (admin).
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/automation-rules', auth: 'admin', summary: 'Automation rules, in run order', tags: T.rules,
    params: AccountParamsSchema, response: z.array(RuleSchema),
    handler: (_input, { services, scope }) => listRules(services.db, scope),
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/accounts/:accountId/automation-rules', auth: 'admin', summary: 'Create a rule (appended last)', tags: T.rules,
    params: AccountParamsSchema, body: z.strictObject({ name: RuleNameSchema, event: z.string().max(64), conditions: z.array(ConditionSchema).max(50).default([]), actions: z.array(ActionSchema).max(20), enabled: z.boolean().optional() }),
    response: RuleSchema, status: 201,
    handler: ({ body }, { services, scope }) => createRule(services.db, scope, { ...body, conditions: body.conditions as never, actions: body.actions }),
  }),
  defineRoute({
    method: 'PUT', url: '/api/v1/accounts/:accountId/automation-rules/order', auth: 'admin', summary: 'Set the run order (every rule id once)', tags: T.rules,
    params: AccountParamsSchema, body: z.strictObject({ ruleIds: z.array(UuidSchema).max(500) }), response: z.array(RuleSchema),
    handler: ({ body }, { services, scope }) => reorderRules(services.db, scope, body.ruleIds),
  }),
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/automation-rules/:ruleId', auth: 'admin', summary: 'One rule', tags: T.rules,
    params: accountParamsWith('ruleId'), response: RuleSchema,
    handler: ({ params }, { services, scope }) => getRule(services.db, scope, params.ruleId),
  }),
  defineRoute({
    method: 'PATCH', url: '/api/v1/accounts/:accountId/automation-rules/:ruleId', auth: 'admin', summary: 'Change, enable or disable a rule', tags: T.rules,
    params: accountParamsWith('ruleId'), body: z.strictObject({ name: RuleNameSchema.optional(), event: z.string().max(64).optional(), conditions: z.array(ConditionSchema).max(50).optional(), actions: z.array(ActionSchema).max(20).optional(), enabled: z.boolean().optional() }),
    response: RuleSchema,
    handler: ({ params, body }, { services, scope }) => updateRule(services.db, scope, params.ruleId, body as never),
  }),
  defineRoute({
    method: 'DELETE', url: '/api/v1/accounts/:accountId/automation-rules/:ruleId', auth: 'admin', summary: 'Delete a rule', tags: T.rules,
    params: accountParamsWith('ruleId'),
    handler: ({ params }, { services, scope }) => deleteRule(services.db, scope, params.ruleId),
  }),
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/automation-rules/:ruleId/runs', auth: 'admin', summary: 'Recent runs of a rule (event, conversation, outcome)', tags: T.rules,
    params: accountParamsWith('ruleId'), response: z.array(RuleRunSchema),
    handler: ({ params }, { services, scope }) => listRuleRuns(services.db, scope, params.ruleId),
  }),
  // Macros: admins write them, agents run them.
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/macros', auth: 'account', summary: 'Macros', tags: T.macros,
    params: AccountParamsSchema, response: z.array(MacroSchema),
    handler: (_input, { services, scope }) => listMacros(services.db, scope),
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/accounts/:accountId/macros', auth: 'admin', summary: 'Create a macro', tags: T.macros,
    params: AccountParamsSchema, body: z.strictObject({ name: RuleNameSchema, actions: z.array(ActionSchema).max(20) }), response: MacroSchema, status: 201,
    handler: ({ body }, { services, scope }) => createMacro(services.db, scope, body),
  }),
  defineRoute({
    method: 'PATCH', url: '/api/v1/accounts/:accountId/macros/:macroId', auth: 'admin', summary: 'Change a macro', tags: T.macros,
    params: accountParamsWith('macroId'), body: z.strictObject({ name: RuleNameSchema.optional(), actions: z.array(ActionSchema).max(20).optional() }), response: MacroSchema,
    handler: ({ params, body }, { services, scope }) => updateMacro(services.db, scope, params.macroId, body),
  }),
  defineRoute({
    method: 'DELETE', url: '/api/v1/accounts/:accountId/macros/:macroId', auth: 'admin', summary: 'Delete a macro', tags: T.macros,
    params: accountParamsWith('macroId'),
    handler: ({ params }, { services, scope }) => deleteMacro(services.db, scope, params.macroId),
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/accounts/:accountId/conversations/:conversationId/macros/:macroId/run', auth: 'account', summary: 'Run a macro on a conversation, as yourself (all actions or none)', tags: T.macros,
    params: z.strictObject({ accountId: UuidSchema, conversationId: UuidSchema, macroId: UuidSchema }),
    handler: ({ params }, { services, scope }) => runMacro(services.db, scope, params.conversationId, params.macroId),
  }),
  // Routing.
  defineRoute({
    method: 'PATCH', url: '/api/v1/accounts/:accountId/inboxes/:inboxId/assignment', auth: 'admin', summary: 'Auto-assignment of an inbox: none, round_robin or capacity', tags: T.routing,
    params: accountParamsWith('inboxId'), body: z.strictObject({ mode: z.enum(ASSIGNMENT_MODES) }), response: z.object({ inboxId: z.string(), mode: z.enum(ASSIGNMENT_MODES) }),
    handler: ({ params, body }, { services, scope }) => setInboxAssignmentMode(services.db, scope, params.inboxId, body.mode),
  }),
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/me/availability', auth: 'account', summary: 'My availability for auto-assignment', tags: T.routing,
    params: AccountParamsSchema, response: AvailabilitySchema,
    handler: (_input, { services, scope }) => {
      if (scope.actor.type !== 'user') throw forbidden('Only people have an availability.');
      return getAvailability(services.db, scope, scope.actor.id);
    },
  }),
  defineRoute({
    method: 'PUT', url: '/api/v1/accounts/:accountId/me/availability', auth: 'account', summary: 'Set my availability (online, busy, away) and capacity', tags: T.routing,
    params: AccountParamsSchema, body: AvailabilityInputSchema, response: AvailabilitySchema,
    handler: ({ body }, { services, scope }) => {
      if (scope.actor.type !== 'user') throw forbidden('Only people have an availability.');
      return setAvailability(services.db, scope, scope.actor.id, body);
    },
  }),
  defineRoute({
    method: 'PUT', url: '/api/v1/accounts/:accountId/members/:userId/availability', auth: 'admin', summary: 'Set an agent’s availability and capacity', tags: T.routing,
    params: accountParamsWith('userId'), body: AvailabilityInputSchema, response: AvailabilitySchema,
    handler: ({ params, body }, { services, scope }) => setAvailability(services.db, scope, params.userId, body),
  }),
  // Outgoing webhooks (admin).
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/webhooks', auth: 'admin', summary: 'Outgoing webhooks', tags: T.webhooks,
    params: AccountParamsSchema, response: z.array(WebhookSchema),
    handler: (_input, { services, scope }) => listWebhooks(services.db, scope),
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/accounts/:accountId/webhooks', auth: 'admin', summary: 'Subscribe a URL to events (https; http only to localhost); the secret is shown once', tags: T.webhooks,
    params: AccountParamsSchema, body: WebhookInputSchema, response: WebhookWithSecretSchema, status: 201,
    handler: ({ body }, { services, scope }) => createWebhook(services.db, scope, body),
  }),
  defineRoute({
    method: 'PATCH', url: '/api/v1/accounts/:accountId/webhooks/:webhookId', auth: 'admin', summary: 'Change a webhook’s URL, events or active flag', tags: T.webhooks,
    params: accountParamsWith('webhookId'), body: WebhookInputSchema.partial(), response: WebhookSchema,
    handler: ({ params, body }, { services, scope }) => updateWebhook(services.db, scope, params.webhookId, body),
  }),
  defineRoute({
    method: 'DELETE', url: '/api/v1/accounts/:accountId/webhooks/:webhookId', auth: 'admin', summary: 'Delete a webhook and its delivery log', tags: T.webhooks,
    params: accountParamsWith('webhookId'),
    handler: ({ params }, { services, scope }) => deleteWebhook(services.db, scope, params.webhookId),
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/accounts/:accountId/webhooks/:webhookId/rotate-secret', auth: 'admin', summary: 'Replace the signing secret (shown once)', tags: T.webhooks,
    params: accountParamsWith('webhookId'), response: WebhookWithSecretSchema,
    handler: ({ params }, { services, scope }) => rotateWebhookSecret(services.db, scope, params.webhookId),
  }),
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/webhooks/:webhookId/deliveries', auth: 'admin', summary: 'Delivery log, newest first', tags: T.webhooks,
    params: accountParamsWith('webhookId'), response: z.array(DeliverySchema),
    handler: ({ params }, { services, scope }) => listWebhookDeliveries(services.db, scope, params.webhookId),
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/accounts/:accountId/webhooks/:webhookId/deliveries/:deliveryId/retry', auth: 'admin', summary: 'Send a delivery again now (fresh attempts)', tags: T.webhooks,
    params: z.strictObject({ accountId: UuidSchema, webhookId: UuidSchema, deliveryId: UuidSchema }), response: DeliverySchema,
    handler: ({ params }, { services, scope }) => retryWebhookDelivery(services.db, scope, params.webhookId, params.deliveryId),
  }),
];
