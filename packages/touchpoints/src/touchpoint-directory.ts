import type { TouchpointKind, TouchpointRef } from '@touchpoint/core';
import { type LifecycleStage, touchpointKey } from './lifecycle-stages.ts';

export interface TouchpointDescription {
  name: string;
  /** The stage the owning domain suggests (a win-back journey belongs to `stay`); an admin's override still wins. */
  stage?: LifecycleStage;
}

/**
 * Names of journeys, prompts and surveys, owned by their domains. The map asks once per request with every ref it
 * shows; a ref missing from the answer is shown as its kind and a short id. Keys are `touchpointKey(ref)`.
 */
export interface TouchpointDirectory {
  describe(accountId: string, refs: TouchpointRef[]): Promise<Map<string, TouchpointDescription>>;
}

/** Asks every directory and merges their answers (the first one to name a touchpoint wins). */
export function composeTouchpointDirectories(directories: TouchpointDirectory[]): TouchpointDirectory {
  return {
    async describe(accountId, refs) {
      const merged = new Map<string, TouchpointDescription>();
      if (refs.length === 0) return merged;
      for (const answer of await Promise.all(directories.map((directory) => directory.describe(accountId, refs)))) {
        for (const [key, description] of answer) if (!merged.has(key)) merged.set(key, description);
      }
      return merged;
    },
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A directory for one kind from its domain's lookup by ids (`describePrompts`, say). Only ids that are UUIDs are
 * asked for: an event sent through the API may name a touchpoint the account never created.
 */
export function directoryForKind(kind: TouchpointKind, lookUp: (accountId: string, ids: string[]) => Promise<Map<string, TouchpointDescription>>): TouchpointDirectory {
  return {
    async describe(accountId, refs) {
      const ids = [...new Set(refs.filter((ref) => ref.kind === kind && ref.id && UUID.test(ref.id)).map((ref) => ref.id!))];
      if (ids.length === 0) return new Map();
      const found = await lookUp(accountId, ids);
      return new Map([...found].map(([id, description]) => [touchpointKey({ kind, id }), description]));
    },
  };
}
