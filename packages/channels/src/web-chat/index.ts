export * from './visitor-identity.ts';
export * from './visitor-presence.ts';
export * from './visitors.ts';
export * from './web-chat-adapter.ts';
export * from './widget-config.ts';
export * from './widget-settings.ts';
export * from './email-continuation.ts';
