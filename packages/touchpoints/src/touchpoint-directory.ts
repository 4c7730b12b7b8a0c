import type { TouchpointRef } from '@touchpoint/core';
import type { LifecycleStage } from './lifecycle-stages.ts';

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
