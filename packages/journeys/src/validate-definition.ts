import type { FieldError } from '@touchpoint/core';
import { checkWebhookUrl } from '@touchpoint/webhooks';
import { type JourneyDefinition, JourneyDefinitionSchema, type JourneyStep } from './journey-definition.ts';

export interface StepError {
  stepId: string | null;
  message: string;
}

/** The steps a step can lead to, in order. */
export function nextStepsOf(step: JourneyStep): (string | null)[] {
  switch (step.kind) {
    case 'branch':
      return [step.yes, step.no];
    case 'split':
      return step.paths.map((path) => path.next);
    case 'wait_for_event':
      return [step.next, step.timeoutNext];
    default:
      return [step.next];
  }
}

/**
 * What publishing checks beyond the JSON shape: step ids are unique, every `start`/`next` names a step, every step
 * is reachable from `start`, a split's percents add up to 100, a webhook URL is https (http only to localhost). Each
 * error names its step (null for the journey).
 */
export function checkDefinition(input: unknown): { definition: JourneyDefinition; errors: [] } | { definition: null; errors: StepError[] } {
  const parsed = JourneyDefinitionSchema.safeParse(input);
  if (!parsed.success) {
    const steps = (input as { steps?: { id?: unknown }[] } | null)?.steps;
    return {
      definition: null,
      errors: parsed.error.issues.map((issue) => {
        const index = issue.path[0] === 'steps' && typeof issue.path[1] === 'number' ? issue.path[1] : null;
        const stepId = index !== null && Array.isArray(steps) && typeof steps[index]?.id === 'string' ? (steps[index].id as string) : null;
        return { stepId, message: `${issue.path.join('.') || 'definition'}: ${issue.message}` };
      }),
    };
  }
  const definition = parsed.data;
  const errors: StepError[] = [];
  const byId = new Map<string, JourneyStep>();
  for (const step of definition.steps) {
    if (byId.has(step.id)) errors.push({ stepId: step.id, message: 'another step has the same id' });
    byId.set(step.id, step);
  }
  if (!byId.has(definition.start)) errors.push({ stepId: null, message: `start names an unknown step “${definition.start}”` });
  for (const step of definition.steps) {
    for (const next of nextStepsOf(step)) if (next !== null && !byId.has(next)) errors.push({ stepId: step.id, message: `leads to an unknown step “${next}”` });
    if (step.kind === 'call_webhook') {
      const problem = checkWebhookUrl(step.url);
      if (problem) errors.push({ stepId: step.id, message: `the webhook URL ${problem}` });
    }
    if (step.kind === 'split') {
      const total = step.paths.reduce((sum, path) => sum + path.percent, 0);
      if (total !== 100) errors.push({ stepId: step.id, message: `the split’s percents add up to ${total}, not 100` });
    }
  }
  const reached = new Set<string>();
  const queue = byId.has(definition.start) ? [definition.start] : [];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (reached.has(id)) continue;
    reached.add(id);
    for (const next of nextStepsOf(byId.get(id)!)) if (next !== null && byId.has(next)) queue.push(next);
  }
  for (const step of definition.steps) if (!reached.has(step.id)) errors.push({ stepId: step.id, message: 'no path from the start reaches this step' });
  return errors.length > 0 ? { definition: null, errors } : { definition, errors: [] };
}

export const toFieldErrors = (errors: StepError[]): FieldError[] =>
  errors.map((error) => ({ path: error.stepId ? `steps.${error.stepId}` : 'definition', message: error.message, ...(error.stepId ? { stepId: error.stepId } : {}) }));
