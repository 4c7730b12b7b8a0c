/* Tables of the live-feed domain (issue 8). Re-exported by schema.ts. */
export {};
