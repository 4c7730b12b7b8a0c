export * from './business-time.ts';
export * from './business-hours.ts';
export * from './clock.ts';
export * from './policies.ts';
export * from './sync.ts';
