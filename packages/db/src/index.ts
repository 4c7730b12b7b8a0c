export * as schema from './schema.ts';
export * from './connection.ts';
export * from './migrate.ts';
export * from './backup.ts';
export { acquireDataDirLock, DataDirLockedError } from './lock-file.ts';
