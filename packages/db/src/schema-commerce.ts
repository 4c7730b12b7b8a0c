/* Tables of the commerce domain (issue 6). Re-exported by schema.ts. */
export {};
