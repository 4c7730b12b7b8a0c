import type { JourneyEntry, JourneyStep, StepProblem } from '../../../api/journey-endpoints.ts';
import type { Translate } from '../../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../../i18n/messages.ts';
import { splitDuration } from './journey-dates.ts';
import type { GraphProblem, OutletHandle } from './journey-graph.ts';

/** Names the pickers resolve ids to, so nodes can say "Email: Welcome" rather than a uuid. */
export interface OptionNames {
  templates: Map<string, string>;
  segments: Map<string, string>;
  prompts: Map<string, string>;
  surveys: Map<string, string>;
  inboxes: Map<string, string>;
}

export const kindLabel = (t: Translate, kind: JourneyStep['kind']) => t(`journeys.kind.${kind}` as MessageKey);

/** The step's own name, else its kind. */
export function nameStep(t: Translate, step: JourneyStep): string {
  return step.name?.trim() || kindLabel(t, step.kind);
}

export function nameHandle(t: Translate, handle: OutletHandle | 'start', label?: string): string {
  if (handle.startsWith('path-')) return t('journeys.handle.path', { label: label ?? handle.slice('path-'.length) });
  return t(`journeys.handle.${handle}` as MessageKey);
}

const INTL_UNITS = { minutes: 'minute', hours: 'hour', days: 'day' } as const;

/** "2 days", "1 hour", "3日", "2天": the browser's own plural rules for the reader's language. */
function formatSeconds(t: Translate, seconds: number): string {
  const { amount, unit } = splitDuration(seconds);
  const lang = typeof document === 'undefined' ? 'en' : document.documentElement.lang || 'en';
  try {
    return new Intl.NumberFormat(lang, { style: 'unit', unit: INTL_UNITS[unit], unitDisplay: 'long' }).format(amount);
  } catch {
    return `${amount} ${t(`journeys.unit.${unit}` as MessageKey)}`;
  }
}

const pick = (names: Map<string, string>, id: string) => (id ? (names.get(id) ?? id.slice(0, 8)) : '—');

/** One line under the node's title: what the step does with its current settings. */
export function summarizeStep(t: Translate, step: JourneyStep, names: OptionNames): string {
  switch (step.kind) {
    case 'wait_duration':
      return formatSeconds(t, step.seconds);
    case 'wait_until_time':
      return step.weekdays?.length ? `${step.time} · ${step.weekdays.map((day) => t(`journeys.weekday.${day}` as MessageKey)).join(' ')}` : step.time;
    case 'wait_for_event':
      return `${step.eventName || '—'} · ${formatSeconds(t, step.timeoutSeconds)}`;
    case 'branch':
      return summarizeConditionCount(step.condition);
    case 'split':
      return step.paths.map((path) => `${path.label} ${path.percent}%`).join(' · ');
    case 'send_message':
      return `${t(`journeys.channel.${step.channel}` as MessageKey)} · ${pick(names.templates, step.templateId)}`;
    case 'show_prompt':
      return pick(names.prompts, step.promptId);
    case 'send_survey':
      return `${t(`journeys.channel.${step.channel}` as MessageKey)} · ${pick(names.surveys, step.surveyId)}`;
    case 'update_attribute':
      return step.key ? `${step.key} = ${step.value === null ? '∅' : String(step.value)}` : '—';
    case 'add_to_segment':
      return pick(names.segments, step.segmentId);
    case 'call_webhook':
      return step.url ? safeHost(step.url) : '—';
    case 'create_conversation':
      return `${pick(names.inboxes, step.inboxId)} · ${step.subject || '—'}`;
  }
}

function summarizeConditionCount(condition: Extract<JourneyStep, { kind: 'branch' }>['condition']): string {
  if (condition.kind === 'all' || condition.kind === 'any') return `${condition.kind} (${condition.conditions.length})`;
  return condition.kind;
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url.slice(0, 40);
  }
}

export function summarizeEntry(t: Translate, entry: JourneyEntry, names: OptionNames): string {
  switch (entry.kind) {
    case 'event':
      return entry.eventName || '—';
    case 'segment_entered':
      return pick(names.segments, entry.segmentId);
    case 'date_attribute':
      return `${entry.attribute || '—'} ${entry.offsetDays >= 0 ? '+' : ''}${entry.offsetDays} · ${entry.atLocalTime}`;
  }
}

const FIELD_LABELS: Record<string, MessageKey> = {
  eventName: 'journeys.field.eventName',
  templateId: 'journeys.field.template',
  promptId: 'journeys.field.prompt',
  surveyId: 'journeys.field.survey',
  key: 'journeys.field.attributeKey',
  segmentId: 'journeys.field.segment',
  url: 'journeys.field.url',
  inboxId: 'journeys.field.inbox',
  subject: 'journeys.field.subject',
  condition: 'journeys.field.condition',
  attribute: 'journeys.entry.attribute',
};

/** A problem found in the browser, in the same words a 422 from publish uses for the same thing. */
export function describeProblem(t: Translate, problem: GraphProblem | StepProblem): string {
  if ('message' in problem) return problem.message;
  const label = problem.code === 'missing_field' && problem.detail ? FIELD_LABELS[problem.detail] : undefined;
  const detail = label ? t(label) : (problem.detail ?? '');
  return t(`journeys.problem.${problem.code}` as MessageKey, { detail });
}
