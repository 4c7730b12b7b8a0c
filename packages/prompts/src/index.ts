export * from './prompt-definition.ts';
export * from './prompt-store.ts';
export * from './prompt-delivery.ts';
export * from './prompt-trigger-sink.ts';
