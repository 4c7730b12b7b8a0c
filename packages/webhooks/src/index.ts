export * from './signature.ts';
export * from './webhooks.ts';
export * from './deliveries.ts';
