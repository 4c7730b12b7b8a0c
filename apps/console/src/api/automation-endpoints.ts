import { requestJson } from './client.ts';

/** Automation rules, macros and webhooks (packages/automation, packages/webhooks). */

export interface RuleCondition {
  field: string;
  operator: string;
  value?: unknown;
}

export interface RuleAction {
  type: string;
  params?: Record<string, unknown>;
}

export interface AutomationRule {
  id: string;
  name: string;
  event: string;
  conditions: RuleCondition[];
  actions: RuleAction[];
  enabled: boolean;
  position: number;
  createdAt: string;
}

export type AutomationRuleInput = Pick<AutomationRule, 'name' | 'event' | 'conditions' | 'actions' | 'enabled'>;

export interface Macro {
  id: string;
  name: string;
  actions: RuleAction[];
  createdAt: string;
}

export interface Webhook {
  id: string;
  url: string;
  events: string[];
  active: boolean;
  failingSince: string | null;
  createdAt: string;
}

export interface CreatedWebhook extends Webhook {
  /** Shown once; signs every delivery. */
  secret: string;
}

export interface WebhookDelivery {
  id: string;
  eventId: number;
  eventType: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  responseStatus: number | null;
  error: string | null;
  durationMs: number | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

const accountPath = (accountId: string, rest: string) => `/accounts/${encodeURIComponent(accountId)}${rest}`;
const segment = (id: string) => `/${encodeURIComponent(id)}`;

export function listAutomationRules(accountId: string, signal?: AbortSignal): Promise<AutomationRule[]> {
  return requestJson('GET', accountPath(accountId, '/automation-rules'), { signal });
}

export function createAutomationRule(accountId: string, rule: AutomationRuleInput): Promise<AutomationRule> {
  return requestJson('POST', accountPath(accountId, '/automation-rules'), { body: rule });
}

export function updateAutomationRule(accountId: string, ruleId: string, changes: Partial<AutomationRuleInput>): Promise<AutomationRule> {
  return requestJson('PATCH', accountPath(accountId, `/automation-rules${segment(ruleId)}`), { body: changes });
}

/** Sets the run order: `ruleIds` lists every rule once. */
export function reorderAutomationRules(accountId: string, ruleIds: string[]): Promise<AutomationRule[]> {
  return requestJson('PUT', accountPath(accountId, '/automation-rules/order'), { body: { ruleIds } });
}

export function deleteAutomationRule(accountId: string, ruleId: string): Promise<void> {
  return requestJson('DELETE', accountPath(accountId, `/automation-rules${segment(ruleId)}`));
}

export function listMacros(accountId: string, signal?: AbortSignal): Promise<Macro[]> {
  return requestJson('GET', accountPath(accountId, '/macros'), { signal });
}

export function createMacro(accountId: string, macro: { name: string; actions: RuleAction[] }): Promise<Macro> {
  return requestJson('POST', accountPath(accountId, '/macros'), { body: macro });
}

export function updateMacro(accountId: string, macroId: string, changes: { name?: string; actions?: RuleAction[] }): Promise<Macro> {
  return requestJson('PATCH', accountPath(accountId, `/macros${segment(macroId)}`), { body: changes });
}

export function deleteMacro(accountId: string, macroId: string): Promise<void> {
  return requestJson('DELETE', accountPath(accountId, `/macros${segment(macroId)}`));
}

export function listWebhooks(accountId: string, signal?: AbortSignal): Promise<Webhook[]> {
  return requestJson('GET', accountPath(accountId, '/webhooks'), { signal });
}

export function createWebhook(accountId: string, webhook: { url: string; events: string[]; active: boolean }): Promise<CreatedWebhook> {
  return requestJson('POST', accountPath(accountId, '/webhooks'), { body: webhook });
}

export function updateWebhook(accountId: string, webhookId: string, changes: { url?: string; events?: string[]; active?: boolean }): Promise<Webhook> {
  return requestJson('PATCH', accountPath(accountId, `/webhooks${segment(webhookId)}`), { body: changes });
}

export function deleteWebhook(accountId: string, webhookId: string): Promise<void> {
  return requestJson('DELETE', accountPath(accountId, `/webhooks${segment(webhookId)}`));
}

/** Replaces the signing secret; the answer is the only time the new secret is shown. */
export function rotateWebhookSecret(accountId: string, webhookId: string): Promise<CreatedWebhook> {
  return requestJson('POST', accountPath(accountId, `/webhooks${segment(webhookId)}/rotate-secret`));
}

export function listWebhookDeliveries(accountId: string, webhookId: string, signal?: AbortSignal): Promise<WebhookDelivery[]> {
  return requestJson('GET', accountPath(accountId, `/webhooks${segment(webhookId)}/deliveries`), { signal });
}

export function retryWebhookDelivery(accountId: string, webhookId: string, deliveryId: string): Promise<unknown> {
  return requestJson('POST', accountPath(accountId, `/webhooks${segment(webhookId)}/deliveries${segment(deliveryId)}/retry`));
}
