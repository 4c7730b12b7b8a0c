import { z } from 'zod';
import { ConditionSchema, type Condition } from '@touchpoint/core';

export const PROMPT_KINDS = ['banner', 'modal', 'tooltip'] as const;
export type PromptKind = (typeof PROMPT_KINDS)[number];
export const PROMPT_STATUSES = ['draft', 'live', 'paused'] as const;
export type PromptStatus = (typeof PROMPT_STATUSES)[number];
export const PROMPT_SURFACES = ['widget', 'portal', 'both'] as const;
export type PromptSurfaces = (typeof PROMPT_SURFACES)[number];
/** Where one socket shows prompts. */
export type PromptSurface = Exclude<PromptSurfaces, 'both'>;
export const PROMPT_FREQUENCIES = ['once', 'every_n_days', 'every_time'] as const;
export type PromptFrequency = (typeof PROMPT_FREQUENCIES)[number];
export const PROMPT_LOCALES = ['en', 'ja', 'zh'] as const;
export type PromptLocale = (typeof PROMPT_LOCALES)[number];

const httpUrl = z.string().trim().max(2000).refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), 'must be an http(s) URL');
/** Where a button leads: an http(s) URL, or a path on the page's own site (`/portal/sakura/orders`, `/sale`). */
const linkTarget = z.string().trim().max(2000).refine((value) => (/^https?:\/\//i.test(value) && URL.canParse(value)) || /^\/(?![/\\])\S*$/.test(value), 'must be an http(s) URL or a path starting with /');

export const PromptContentSchema = z.object({
  title: z.string().trim().min(1).max(120),
  body: z.string().trim().max(600).default(''),
  ctaLabel: z.string().trim().max(40).nullish(),
  imageUrl: httpUrl.nullish(),
});
export type PromptContent = z.infer<typeof PromptContentSchema>;

export const PromptActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('url'), url: linkTarget }),
  z.object({ kind: z.literal('open_chat') }),
  z.object({ kind: z.literal('dismiss') }),
]);
export type PromptAction = z.infer<typeof PromptActionSchema>;

const PromptFieldsSchema = z.object({
  name: z.string().trim().min(1).max(120),
  kind: z.enum(PROMPT_KINDS),
  placement: z.enum(['top', 'bottom']).default('top'),
  anchorSelector: z.string().trim().min(1).max(300).nullish(),
  /** At least one language; the customer's language is used when present, else English, else the first one. */
  content: z.partialRecord(z.enum(PROMPT_LOCALES), PromptContentSchema).refine((content) => Object.keys(content).length > 0, 'give the content in at least one language'),
  action: PromptActionSchema.default({ kind: 'dismiss' }),
  triggerEvent: z.string().trim().min(1).max(200).nullish(),
  triggerFirstOnly: z.boolean().default(false),
  condition: ConditionSchema.nullish(),
  segmentId: z.string().uuid().nullish(),
  surfaces: z.enum(PROMPT_SURFACES).default('both'),
  frequency: z.enum(PROMPT_FREQUENCIES).default('once'),
  frequencyDays: z.number().int().min(1).max(365).nullish(),
  startsAt: z.iso.datetime({ offset: true }).nullish(),
  endsAt: z.iso.datetime({ offset: true }).nullish(),
  priority: z.number().int().min(-100).max(100).default(0),
  pendingMinutes: z.number().int().min(1).max(30 * 24 * 60).default(1440),
});

/** A prompt as the console and the API write it (POST); PATCH takes any subset plus `status`. */
export const PromptInputSchema = PromptFieldsSchema.extend({ status: z.enum(PROMPT_STATUSES).default('draft') });
export type PromptInput = z.input<typeof PromptInputSchema>;
export const PromptPatchSchema = PromptFieldsSchema.partial().extend({ status: z.enum(PROMPT_STATUSES).optional() });
export type PromptPatch = z.input<typeof PromptPatchSchema>;

export interface Prompt {
  id: string;
  name: string;
  kind: PromptKind;
  placement: 'top' | 'bottom';
  anchorSelector: string | null;
  status: PromptStatus;
  content: Partial<Record<PromptLocale, PromptContent>>;
  action: PromptAction;
  triggerEvent: string | null;
  triggerFirstOnly: boolean;
  condition: Condition | null;
  segmentId: string | null;
  surfaces: PromptSurfaces;
  frequency: PromptFrequency;
  frequencyDays: number | null;
  startsAt: string | null;
  endsAt: string | null;
  priority: number;
  pendingMinutes: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * What a widget or portal receives and renders: the snapshot taken when the prompt was triggered, in every language
 * it has, with the customer's preferred one named (the client falls back to its own language, then English).
 */
export interface PromptPayload {
  deliveryId: string;
  promptId: string | null;
  kind: PromptKind;
  placement: 'top' | 'bottom';
  anchorSelector: string | null;
  content: Partial<Record<PromptLocale, PromptContent>>;
  locale: PromptLocale | null;
  action: PromptAction;
  priority: number;
  surfaces: PromptSurfaces;
  expiresAt: string;
}

export const showsOn = (surfaces: PromptSurfaces, surface: PromptSurface) => surfaces === 'both' || surfaces === surface;

/** The customer's language among the prompt languages (`ja-JP` → `ja`), or null. */
export function pickPromptLocale(locale: string | null | undefined): PromptLocale | null {
  const base = (locale ?? '').toLowerCase().split(/[-_]/)[0];
  return (PROMPT_LOCALES as readonly string[]).includes(base ?? '') ? (base as PromptLocale) : null;
}
