/* Tables of the games domain (issue 8). Re-exported by schema.ts. */
export {};
