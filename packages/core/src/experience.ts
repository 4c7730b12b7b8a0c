import { z } from 'zod';

/**
 * Contracts shared by the experience engine's domains (issue 7): customer events, segments, journeys, prompts,
 * surveys and outreach. Each domain owns its tables and logic; these are the shapes they hand each other.
 */

/** Which designed touchpoint a customer event, a message or a suppression belongs to (the touchpoint map groups by it). */
export const TOUCHPOINT_KINDS = ['channel', 'journey', 'prompt', 'survey', 'order', 'return', 'help_center', 'bot', 'portal', 'game', 'gift', 'delight', 'puzzle', 'referral', 'review'] as const;
export type TouchpointKind = (typeof TOUCHPOINT_KINDS)[number];
export interface TouchpointRef {
  kind: TouchpointKind;
  /** The journey, prompt or survey id; the channel type for `channel`; absent for account-wide touchpoints. */
  id?: string | null;
  /** A journey's step, when the touchpoint is one step of a journey. */
  stepId?: string | null;
}

/** Channels the experience engine can reach a customer on. `in_app` is the widget or portal over its open socket. */
export const OUTREACH_CHANNELS = ['email', 'in_app', 'whatsapp', 'sms', 'messenger'] as const;
/**
 * A conversation message outreach sent (SMS, WhatsApp, Messenger) carries `outreach:<send id>` as its client key.
 * Outreach records `message.sent` itself, so the timeline skips the conversation message's own copy.
 */
export const OUTREACH_CLIENT_KEY_PREFIX = 'outreach:';
export type OutreachChannel = (typeof OUTREACH_CHANNELS)[number];

/** Why a message was not sent. Every suppression is recorded with one of these, on the customer's timeline. */
export const SUPPRESSION_REASONS = [
  'no_consent',
  'frequency_cap',
  'channel_frequency_cap',
  'quiet_hours',
  'control_group',
  'outside_whatsapp_window',
  'outside_messenger_window',
  'template_error',
  'no_address',
  'channel_unavailable',
  'survey_fatigue',
  'lower_priority',
  'test_mode',
] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

/** Rendered content to send; templates are rendered by the caller (message-templates), never by outreach. */
export interface OutreachContent {
  subject?: string | null;
  text: string;
  html?: string | null;
  /** An in-app message's title and call to action (in_app only). */
  title?: string | null;
  cta?: { label: string; url: string } | null;
  /** A WhatsApp template to send outside the 24-hour window: its name, language and body parameters. */
  whatsAppTemplate?: { name: string; language: string; parameters: string[] } | null;
}

export interface OutreachRequest {
  accountId: string;
  contactId: string;
  channel: OutreachChannel;
  content: OutreachContent;
  touchpoint: TouchpointRef;
  /** Higher wins when two sends compete for the same cap (journey priority). */
  priority?: number;
  /** Idempotency: the same key is sent at most once (a journey run's step, a survey invitation). */
  dedupeKey: string;
  /** A transactional message (a receipt, a return update) ignores marketing caps and quiet hours, never consent. */
  transactional?: boolean;
  /** A journey's test mode: really sent to the customer, but marked test and left out of analytics and caps. */
  test?: boolean;
}

export type OutreachResult =
  | { status: 'sent'; messageId: string | null }
  | { status: 'suppressed'; reason: SuppressionReason; detail: string }
  /** Held by outreach (quiet hours, a channel window about to open) and sent by it at `until`; nothing more to do. */
  | { status: 'deferred'; until: string; reason: SuppressionReason }
  | { status: 'duplicate' };

/** The port a journey, a prompt or a survey uses to reach a customer (implemented by @touchpoint/outreach). */
export interface OutreachPort {
  send(request: OutreachRequest): Promise<OutreachResult>;
  /** Records a message that was never attempted (a template error, test mode) with its reason, on the timeline. */
  recordSuppression(request: Omit<OutreachRequest, 'content'> & { content?: OutreachContent }, reason: SuppressionReason, detail: string): Promise<void>;
}

/**
 * A condition over one customer, used by segments, journey branches, prompt and survey targeting. Groups nest.
 * - `attribute`: a profile field or custom attribute (`email`, `locale`, `timeZone`, `attributes.plan`, or a computed
 *   trait `traits.orderCount`, `traits.lifetimeValue`, `traits.lastSeenAt`);
 * - `event`: how many times the customer did `name` (optionally within `withinDays`, optionally with property filters),
 *   or how many distinct values of `distinctProperty` (e.g. "3 unique orders in 30 days");
 * - `survey`: the customer's latest (or any) answer to a survey kind;
 * - `segment`: member (or not) of another segment.
 */
export const ATTRIBUTE_OPERATORS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'contains', 'exists', 'not_exists', 'before_days_ago', 'within_days'] as const;
export const COUNT_OPERATORS = ['gte', 'lte', 'eq'] as const;

const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const AttributeConditionSchema = z.object({
  kind: z.literal('attribute'),
  key: z.string().min(1).max(120),
  operator: z.enum(ATTRIBUTE_OPERATORS),
  value: scalar.optional(),
});

export const EventConditionSchema = z.object({
  kind: z.literal('event'),
  name: z.string().min(1).max(200),
  operator: z.enum(COUNT_OPERATORS),
  count: z.number().int().min(0),
  withinDays: z.number().int().min(1).max(3650).optional(),
  distinctProperty: z.string().min(1).max(120).optional(),
  where: z.array(z.object({ property: z.string().min(1).max(120), operator: z.enum(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'contains']), value: scalar })).max(10).optional(),
});

export const SURVEY_KINDS = ['csat', 'nps', 'ces'] as const;
export type SurveyKind = (typeof SURVEY_KINDS)[number];

export const SurveyConditionSchema = z.object({
  kind: z.literal('survey'),
  survey: z.enum(SURVEY_KINDS),
  /** `latest`: the most recent answer; `any`: at least one answer in the window matches. */
  match: z.enum(['latest', 'any']).default('latest'),
  operator: z.enum(['eq', 'gte', 'lte', 'answered', 'not_answered']),
  score: z.number().int().min(0).max(10).optional(),
  withinDays: z.number().int().min(1).max(3650).optional(),
});

export const SegmentMembershipConditionSchema = z.object({
  kind: z.literal('segment'),
  segmentId: z.string().uuid(),
  member: z.boolean(),
});

export type AttributeCondition = z.infer<typeof AttributeConditionSchema>;
export type EventCondition = z.infer<typeof EventConditionSchema>;
export type SurveyCondition = z.infer<typeof SurveyConditionSchema>;
export type SegmentMembershipCondition = z.infer<typeof SegmentMembershipConditionSchema>;
export type ConditionGroup = { kind: 'all' | 'any'; conditions: Condition[] };
export type Condition = AttributeCondition | EventCondition | SurveyCondition | SegmentMembershipCondition | ConditionGroup;

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    AttributeConditionSchema,
    EventConditionSchema,
    SurveyConditionSchema,
    SegmentMembershipConditionSchema,
    z.object({ kind: z.enum(['all', 'any']), conditions: z.array(ConditionSchema).max(50) }),
  ]),
) as z.ZodType<Condition>;

/** The port journeys, prompts and surveys use to test a condition on one customer (implemented by @touchpoint/segments). */
export interface ConditionPort {
  matches(accountId: string, contactId: string, condition: Condition, now: Date): Promise<boolean>;
}

/** The properties of a `survey.answered` customer event: segments, reports and the touchpoint map read these. */
export interface SurveyAnsweredProperties {
  surveyId: string;
  kind: SurveyKind;
  /** CSAT 1–5, NPS 0–10, CES 1–7. */
  score: number;
  comment?: string | null;
  /** The touchpoint the survey asked about (a conversation's channel, an order, a return, a journey step). */
  about: TouchpointRef | null;
}
