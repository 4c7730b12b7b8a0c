/* Tables of the outreach domain (issue 7). Re-exported by schema.ts. */
export {};
