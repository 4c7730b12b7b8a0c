export * from './outbox.ts';
export * from './bus.ts';
export * from './dispatcher.ts';
