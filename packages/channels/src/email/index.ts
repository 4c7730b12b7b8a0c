export * from './email-address.ts';
export * from './email-parse.ts';
export * from './email-classify.ts';
export * from './email-body.ts';
export * from './email-receive.ts';
export * from './email-adapter.ts';
export * from './email-providers.ts';
