/* Tables of the portal domain (issue 6). Re-exported by schema.ts. */
export {};
