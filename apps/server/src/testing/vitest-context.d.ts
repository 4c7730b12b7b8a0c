declare module 'vitest' {
  export interface ProvidedContext {
    /** Empty for the embedded database; a postgres:// URL in the integration tier. */
    databaseUrl: string;
    /** Empty for the in-process bus; a redis:// URL in the integration tier. */
    redisUrl: string;
  }
}
export {};
