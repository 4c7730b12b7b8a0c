/* Tables of the templates domain (issue 7). Re-exported by schema.ts. */
export {};
