/* Tables of the answer-bot domain (issue 6). Re-exported by schema.ts. */
export {};
