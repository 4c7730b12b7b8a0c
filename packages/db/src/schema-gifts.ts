/* Tables of the gifts domain (issue 8). Re-exported by schema.ts. */
export {};
