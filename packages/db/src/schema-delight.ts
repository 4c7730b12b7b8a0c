/* Tables of the delight domain (issue 8). Re-exported by schema.ts. */
export {};
