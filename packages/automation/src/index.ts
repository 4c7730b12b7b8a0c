export * from './definitions.ts';
export * from './assignment.ts';
export * from './conditions.ts';
export * from './actions.ts';
export * from './rules.ts';
export * from './engine.ts';
export * from './macros.ts';
export * from './references.ts';
