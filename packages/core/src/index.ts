export * from './errors.ts';
export * from './events.ts';
export * from './actor.ts';
export * from './polling-worker.ts';
export * from './experience.ts';
export * from './local-time.ts';
