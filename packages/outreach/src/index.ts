export * from './outreach-settings.ts';
export * from './outreach-rules.ts';
export * from './outreach.ts';
export * from './deferred-sends.ts';
