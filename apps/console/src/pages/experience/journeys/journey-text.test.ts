import { describe, expect, it } from 'vitest';
import type { Translate } from '../../../i18n/i18n-context.tsx';
import { MESSAGES } from '../../../i18n/messages.ts';
import { describeProblem, describeTraceDetail, summarizeStep, type OptionNames } from './journey-text.ts';

const t: Translate = (key, values = {}) => MESSAGES.en[key].replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
const names: OptionNames = { templates: new Map([['tpl', 'Welcome email']]), segments: new Map(), prompts: new Map(), surveys: new Map(), inboxes: new Map() };

describe('journey text', () => {
  it('names the missing field in the reader’s words, not the JSON key', () => {
    expect(describeProblem(t, { stepId: 'message-1', code: 'missing_field', detail: 'templateId' })).toBe('Fill in “Template”.');
    expect(describeProblem(t, { stepId: 'split-1', code: 'split_total', detail: '90' })).toBe('The split’s paths add up to 90%, not 100%.');
  });

  it('shows a server problem as the server wrote it', () => {
    expect(describeProblem(t, { stepId: 'webhook-1', message: 'The webhook host is not allowed.' })).toBe('The webhook host is not allowed.');
  });

  it('summarizes a step with the names its pickers point at', () => {
    expect(summarizeStep(t, { id: 'message-1', kind: 'send_message', channel: 'email', templateId: 'tpl', next: null }, names)).toBe('Email · Welcome email');
    expect(summarizeStep(t, { id: 'split-1', kind: 'split', paths: [{ label: 'A', percent: 70, next: null }, { label: 'B', percent: 30, next: null }] }, names)).toBe('A 70% · B 30%');
    expect(summarizeStep(t, { id: 'wait-1', kind: 'wait_duration', seconds: 172_800, next: null }, names)).toBe('2 days');
    expect(summarizeStep(t, { id: 'branch-1', kind: 'branch', condition: { kind: 'event', name: 'order.placed', operator: 'gte', count: 1 }, yes: null, no: null }, names)).toBe('order.placed ≥ 1');
    expect(summarizeStep(t, { id: 'branch-2', kind: 'branch', condition: { kind: 'survey', survey: 'nps', operator: 'lte', score: 6 }, yes: null, no: null }, names)).toBe('NPS ≤ 6');
  });

  it('reads a test step’s detail in words: why not sent, which path, a skipped wait, why it ended; nothing for a plain send', () => {
    expect(describeTraceDetail(t, { outcome: 'suppressed', detail: { reason: 'quiet_hours' } })).toBe('Quiet hours');
    expect(describeTraceDetail(t, { outcome: 'suppressed', detail: { reason: 'template_error', error: 'undefined variable: order' } })).toBe('Template error: undefined variable: order');
    expect(describeTraceDetail(t, { outcome: 'branched', detail: { path: 'yes' } })).toBe('Path: yes');
    expect(describeTraceDetail(t, { outcome: 'waited', detail: { fastForwarded: true } })).toBe('Wait skipped in test mode');
    expect(describeTraceDetail(t, { outcome: 'exited', detail: { reason: 'completed' } })).toBe('Reached the end');
    expect(describeTraceDetail(t, { outcome: 'sent', detail: { messageId: 'm-1' } })).toBe('');
  });
});
