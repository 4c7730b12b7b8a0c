export * from './journey-definition.ts';
