/* Tables of the segments domain (issue 7). Re-exported by schema.ts. */
export {};
