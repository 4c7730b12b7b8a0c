import type { TouchpointKind, TouchpointRef } from '@touchpoint/core';

/** The customer lifecycle the map is laid out on, in the order a customer lives it. */
export const LIFECYCLE_STAGES = ['discover', 'onboard', 'buy', 'get_help', 'stay'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

/** Where a touchpoint of each kind sits unless an admin (or its owner, through the directory) places it elsewhere. */
export const DEFAULT_STAGE_BY_KIND: Record<TouchpointKind, LifecycleStage> = {
  game: 'discover',
  journey: 'onboard',
  prompt: 'onboard',
  order: 'buy',
  channel: 'get_help',
  help_center: 'get_help',
  bot: 'get_help',
  return: 'get_help',
  survey: 'stay',
  portal: 'stay',
  gift: 'stay',
  delight: 'stay',
  puzzle: 'discover',
  referral: 'discover',
  review: 'stay',
};

/** Kinds whose touchpoints are one per id; every other kind is one account-wide touchpoint, whatever id an event carries. */
export const KINDS_WITH_IDS: readonly TouchpointKind[] = ['channel', 'journey', 'prompt', 'survey'];

/** The map's key of a touchpoint: `kind:id`, with an empty id for account-wide touchpoints; steps fold into their journey. */
export function touchpointKey(ref: Pick<TouchpointRef, 'kind' | 'id'>): string {
  return `${ref.kind}:${KINDS_WITH_IDS.includes(ref.kind) ? (ref.id ?? '') : ''}`;
}

/** The stage an override, else the directory, else the kind's default gives a touchpoint. */
export function resolveStage(kind: TouchpointKind, override: LifecycleStage | undefined, fromDirectory: LifecycleStage | undefined): LifecycleStage {
  return override ?? fromDirectory ?? DEFAULT_STAGE_BY_KIND[kind];
}
