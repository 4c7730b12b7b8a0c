/* Tables of the events domain (issue 7). Re-exported by schema.ts. */
export {};
