/* Tables of the referrals domain (issue 8). Re-exported by schema.ts. */
export {};
