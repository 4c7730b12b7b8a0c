/* Tables of the puzzles domain (issue 8). Re-exported by schema.ts. */
export {};
