/* Tables of the help-center domain (issue 6). Re-exported by schema.ts. */
export {};
