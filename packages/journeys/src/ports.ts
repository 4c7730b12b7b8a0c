import type { ConditionPort, OutreachChannel, OutreachContent, OutreachPort, TouchpointRef } from '@touchpoint/core';
import type { RecordedCustomerEvent } from '@touchpoint/customer-events';

/**
 * What the engine needs from other domains, as interfaces apps/server wires: templates, outreach, prompts, surveys
 * and segments each live in their own package. Every port is called outside any transaction of the engine's.
 */
export interface TemplateRenderer {
  render(accountId: string, templateId: string, context: { contactId: string; event: RecordedCustomerEvent | null }): Promise<{ ok: true; content: OutreachContent } | { ok: false; error: string }>;
}

export interface PromptTrigger {
  trigger(input: { accountId: string; contactId: string; promptId: string; touchpoint: TouchpointRef; reason: string; test: boolean }): Promise<{ status: 'triggered' } | { status: 'suppressed'; reason: string }>;
}

export interface SurveyRequester {
  request(input: { accountId: string; contactId: string; surveyId: string; channel: OutreachChannel; about: TouchpointRef; touchpoint: TouchpointRef; test: boolean }): Promise<{ status: 'requested'; requestId: string } | { status: 'suppressed'; reason: string }>;
}

export interface SegmentMembership {
  add(accountId: string, segmentId: string, contactId: string): Promise<void>;
}

export interface JourneyPorts {
  outreach: OutreachPort;
  templates: TemplateRenderer;
  prompts: PromptTrigger;
  surveys: SurveyRequester;
  conditions: ConditionPort;
  segments: SegmentMembership;
  /** HTTP for call_webhook (the global fetch unless a test passes its own). */
  fetch?: typeof fetch;
  /** How long a webhook call may take. */
  webhookTimeoutMs?: number;
}
