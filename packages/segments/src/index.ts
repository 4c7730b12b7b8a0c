export { createConditionEvaluator } from './condition-evaluator.ts';
export { compileCondition, traitExpression, TRAIT_KEYS, CUSTOMER_ACTIVITY_EVENTS, type TraitKey, type CompiledCondition } from './condition-sql.ts';
export { listConditionDependencies } from './dependencies.ts';
export { evaluateSegmentMembers, type MembershipChanges } from './membership.ts';
export * from './segments.ts';
export { createSegmentSink } from './segment-sink.ts';
export { buildSegmentStep, buildAllSegments, recheckDueMembers, createSegmentWorker, BUILD_BATCH_SIZE } from './segment-worker.ts';
