export * from './record-events.ts';
export * from './traits.ts';
export * from './domain-event-sink.ts';
export * from './ingest.ts';
