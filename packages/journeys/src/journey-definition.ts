import { z } from 'zod';
import { ConditionSchema, OUTREACH_CHANNELS } from '@touchpoint/core';

/**
 * A journey as JSON: what the console's canvas edits and what the API takes. Steps form a graph by id: every step
 * names the step after it (`next`, or one per branch/split path); `null` ends the journey there. `position` is where
 * the canvas draws the step and means nothing to the engine.
 */

const stepId = z.string().regex(/^[a-z0-9_-]{1,40}$/, 'a step id is 1–40 lowercase letters, digits, - or _');
const next = stepId.nullable();
const position = z.object({ x: z.number(), y: z.number() });
const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day is HH:MM');

export const JourneyEntrySchema = z.discriminatedUnion('kind', [
  /** A customer event with this name (from the API, the SDK or the product: `order.placed`, `portal.signed_in`…). */
  z.object({ kind: z.literal('event'), eventName: z.string().min(1).max(200), where: ConditionSchema.optional() }),
  /** Entering a segment. */
  z.object({ kind: z.literal('segment_entered'), segmentId: z.string().uuid() }),
  /** A date attribute (`attributes.birthday`, `createdAt`): `offsetDays` before (negative) or after it, at `atLocalTime` in the customer's zone. */
  z.object({ kind: z.literal('date_attribute'), attribute: z.string().min(1).max(120), offsetDays: z.number().int().min(-365).max(365), atLocalTime: localTime, everyYear: z.boolean().default(false) }),
]);

const base = { id: stepId, name: z.string().max(120).optional(), position: position.optional() };

export const JourneyStepSchema = z.discriminatedUnion('kind', [
  z.object({ ...base, kind: z.literal('wait_duration'), seconds: z.number().int().min(1).max(365 * 24 * 3600), next }),
  /** Until the next HH:MM in the customer's time zone (the account's when unknown), optionally only on some weekdays (0 = Sunday). */
  z.object({ ...base, kind: z.literal('wait_until_time'), time: localTime, weekdays: z.array(z.number().int().min(0).max(6)).max(7).optional(), next }),
  /** Until the customer does `eventName`, or `timeoutSeconds` pass: then `timeoutNext`. */
  z.object({ ...base, kind: z.literal('wait_for_event'), eventName: z.string().min(1).max(200), timeoutSeconds: z.number().int().min(60).max(365 * 24 * 3600), next, timeoutNext: next }),
  z.object({ ...base, kind: z.literal('branch'), condition: ConditionSchema, yes: next, no: next }),
  /** A/B: each customer takes one path at random, weighted by `percent` (the percents add up to 100). */
  z.object({ ...base, kind: z.literal('split'), paths: z.array(z.object({ label: z.string().min(1).max(40), percent: z.number().int().min(0).max(100), next })).min(2).max(5) }),
  /** A message from a template (message-templates) on a channel; suppressed with a reason when consent or caps say no. */
  z.object({ ...base, kind: z.literal('send_message'), channel: z.enum(OUTREACH_CHANNELS), templateId: z.string().uuid(), next }),
  z.object({ ...base, kind: z.literal('show_prompt'), promptId: z.string().uuid(), next }),
  z.object({ ...base, kind: z.literal('send_survey'), surveyId: z.string().uuid(), channel: z.enum(OUTREACH_CHANNELS), next }),
  z.object({ ...base, kind: z.literal('update_attribute'), key: z.string().min(1).max(120), value: z.union([z.string(), z.number(), z.boolean(), z.null()]), next }),
  z.object({ ...base, kind: z.literal('add_to_segment'), segmentId: z.string().uuid(), next }),
  z.object({ ...base, kind: z.literal('call_webhook'), url: z.string().url().max(2000), next }),
  z.object({ ...base, kind: z.literal('create_conversation'), inboxId: z.string().uuid(), subject: z.string().min(1).max(200), note: z.string().max(5000).optional(), next }),
]);

export const JourneyDefinitionSchema = z.object({
  entry: JourneyEntrySchema,
  /** The first step; must be one of `steps`. */
  start: stepId,
  steps: z.array(JourneyStepSchema).min(1).max(200),
  /** Reaching the goal counts a conversion; with `exitOnGoal` the customer leaves the journey there. */
  goal: z.object({ eventName: z.string().min(1).max(200), withinDays: z.number().int().min(1).max(365), exitOnGoal: z.boolean().default(true) }).nullable().default(null),
  /** Leaves the journey at once when this event arrives (an unsubscribe, a cancelled order). */
  exitOnEvent: z.string().min(1).max(200).nullable().default(null),
  /** `never`: once per customer; `after_exit`: again once the previous run ended; `always`: every entry event. */
  reentry: z.enum(['never', 'after_exit', 'always']).default('never'),
  /** Higher wins when two journeys' messages compete for a customer's frequency cap. */
  priority: z.number().int().min(0).max(100).default(50),
});

export type JourneyEntry = z.infer<typeof JourneyEntrySchema>;
export type JourneyStep = z.infer<typeof JourneyStepSchema>;
export type JourneyDefinition = z.infer<typeof JourneyDefinitionSchema>;

