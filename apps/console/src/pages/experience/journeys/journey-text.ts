import type { JourneyEntry, JourneyStep, StepProblem, TraceItem } from '../../../api/journey-endpoints.ts';
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
      return summarizeCondition(step.condition, names);
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

const SYMBOLS: Record<string, string> = { eq: '=', neq: '≠', gt: '>', gte: '≥', lt: '<', lte: '≤' };
const symbolOf = (operator: string) => SYMBOLS[operator] ?? operator;

/** A branch's condition in a line a node can show: `order.placed ≥ 1`, `NPS ≤ 6`, `∈ VIP`; a group by its count. */
function summarizeCondition(condition: Extract<JourneyStep, { kind: 'branch' }>['condition'], names: OptionNames): string {
  switch (condition.kind) {
    case 'all':
    case 'any':
      return `${condition.kind} (${condition.conditions.length})`;
    case 'event':
      return `${condition.name} ${symbolOf(condition.operator)} ${condition.count}`;
    case 'attribute':
      return [condition.key, symbolOf(condition.operator), condition.value === undefined ? '' : String(condition.value)].filter(Boolean).join(' ');
    case 'survey':
      return [condition.survey.toUpperCase(), symbolOf(condition.operator), condition.score === undefined ? '' : String(condition.score)].filter(Boolean).join(' ');
    case 'segment':
      return `${condition.member ? '∈' : '∉'} ${names.segments.get(condition.segmentId) ?? condition.segmentId.slice(0, 8)}`;
  }
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

const KNOWN_REASONS = new Set([
  'no_consent', 'frequency_cap', 'channel_frequency_cap', 'quiet_hours', 'control_group', 'outside_whatsapp_window', 'outside_messenger_window',
  'template_error', 'no_address', 'channel_unavailable', 'survey_fatigue', 'lower_priority', 'test_mode',
]);

const EXIT_REASONS = new Set(['completed', 'goal', 'exit_event', 'step_limit']);

/** Why a message was not sent, in words (an unknown reason as it came). */
export function describeReason(t: Translate, reason: string): string {
  return KNOWN_REASONS.has(reason) ? t(`journeys.reason.${reason}` as MessageKey) : reason;
}

/** What a test-mode step's detail says worth reading: why not sent, which path, a skipped wait, why it ended. */
export function describeTraceDetail(t: Translate, item: Pick<TraceItem, 'outcome' | 'detail'>): string {
  const detail = item.detail ?? {};
  const text = (key: string) => (typeof detail[key] === 'string' ? (detail[key] as string) : null);
  if (item.outcome === 'suppressed' && text('reason')) return [describeReason(t, text('reason')!), text('error') ?? text('detail')].filter(Boolean).join(': ');
  if (item.outcome === 'deferred' && text('until')) return t('journeys.test.until', { at: text('until')! });
  if (item.outcome === 'branched' && text('path')) return t('journeys.test.path', { path: text('path')! });
  if (item.outcome === 'waited' && detail.fastForwarded) return detail.timedOut ? t('journeys.test.timedOut') : t('journeys.test.skippedWait');
  if (item.outcome === 'exited' && text('reason')) return EXIT_REASONS.has(text('reason')!) ? t(`journeys.exit.${text('reason')}` as MessageKey) : text('reason')!;
  if (item.outcome === 'failed') return text('reason') ?? text('error') ?? '';
  return '';
}
