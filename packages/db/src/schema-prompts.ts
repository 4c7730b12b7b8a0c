/* Tables of the prompts domain (issue 7). Re-exported by schema.ts. */
export {};
