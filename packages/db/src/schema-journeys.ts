/* Tables of the journeys domain (issue 7). Re-exported by schema.ts. */
export {};
