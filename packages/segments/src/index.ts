export { createConditionEvaluator } from './condition-evaluator.ts';
export { compileCondition, traitExpression, TRAIT_KEYS, type TraitKey, type CompiledCondition } from './condition-sql.ts';
export { listConditionDependencies } from './dependencies.ts';
