/* Tables of the surveys domain (issue 7). Re-exported by schema.ts. */
export {};
