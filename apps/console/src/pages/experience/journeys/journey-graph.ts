import type { Condition, JourneyDefinition, JourneyStep, JourneyStepKind, StepPosition } from '../../../api/journey-endpoints.ts';

/**
 * The journey graph as the builder sees it: pure functions over `JourneyDefinition` (every edit returns a new
 * definition), shared by the canvas and the outline so both edit the same state.
 */

/** The entry is drawn as a node too; a colon can never appear in a step id, so this never clashes with one. */
export const ENTRY_NODE_ID = ':entry';

export const STEP_KINDS = [
  'wait_duration',
  'wait_until_time',
  'wait_for_event',
  'branch',
  'split',
  'send_message',
  'show_prompt',
  'send_survey',
  'update_attribute',
  'add_to_segment',
  'call_webhook',
  'create_conversation',
] as const satisfies readonly JourneyStepKind[];

/** Where a step goes next: `next`, `yes`/`no`, `timeout` (wait for event) or `path-<i>` (split). */
export type OutletHandle = 'next' | 'yes' | 'no' | 'timeout' | `path-${number}`;

export interface Outlet {
  handle: OutletHandle;
  target: string | null;
  /** The split path's label; the UI names the other handles itself. */
  label?: string;
}

export interface GraphEdge {
  id: string;
  source: string;
  handle: OutletHandle | 'start';
  target: string;
  label?: string;
}

export type ProblemCode = 'unreachable' | 'unknown_next' | 'split_total' | 'missing_field' | 'duplicate_id';

/** A problem the builder finds before publishing; the UI words it (same sentences as the server's 422). */
export interface GraphProblem {
  stepId: string | null;
  code: ProblemCode;
  /** `field` for missing_field, `target` for unknown_next, `total` for split_total. */
  detail?: string;
}

const STEP_ID_PREFIX: Record<JourneyStepKind, string> = {
  wait_duration: 'wait',
  wait_until_time: 'wait-until',
  wait_for_event: 'wait-event',
  branch: 'branch',
  split: 'split',
  send_message: 'message',
  show_prompt: 'prompt',
  send_survey: 'survey',
  update_attribute: 'attribute',
  add_to_segment: 'segment',
  call_webhook: 'webhook',
  create_conversation: 'conversation',
};

/** A fresh id for a new step of this kind, e.g. `message-3`, unique in the definition. */
export function createStepId(definition: JourneyDefinition, kind: JourneyStepKind): string {
  const taken = new Set(definition.steps.map((step) => step.id));
  const prefix = STEP_ID_PREFIX[kind];
  let counter = 1;
  while (taken.has(`${prefix}-${counter}`)) counter += 1;
  return `${prefix}-${counter}`;
}

/** A new step with its kind's defaults; pickers (template, segment…) start empty and validation asks for them. */
export function createStep(kind: JourneyStepKind, id: string): JourneyStep {
  switch (kind) {
    case 'wait_duration':
      return { id, kind, seconds: 86_400, next: null };
    case 'wait_until_time':
      return { id, kind, time: '09:00', next: null };
    case 'wait_for_event':
      return { id, kind, eventName: '', timeoutSeconds: 3 * 86_400, next: null, timeoutNext: null };
    case 'branch':
      return { id, kind, condition: { kind: 'all', conditions: [] }, yes: null, no: null };
    case 'split':
      return { id, kind, paths: [{ label: 'A', percent: 50, next: null }, { label: 'B', percent: 50, next: null }] };
    case 'send_message':
      return { id, kind, channel: 'email', templateId: '', next: null };
    case 'show_prompt':
      return { id, kind, promptId: '', next: null };
    case 'send_survey':
      return { id, kind, surveyId: '', channel: 'email', next: null };
    case 'update_attribute':
      return { id, kind, key: '', value: '', next: null };
    case 'add_to_segment':
      return { id, kind, segmentId: '', next: null };
    case 'call_webhook':
      return { id, kind, url: '', next: null };
    case 'create_conversation':
      return { id, kind, inboxId: '', subject: '', next: null };
  }
}

/** What a new journey starts as: entered on an event, one wait step. */
export function createEmptyDefinition(): JourneyDefinition {
  return {
    entry: { kind: 'event', eventName: 'signed_up' },
    start: 'wait-1',
    steps: [{ ...createStep('wait_duration', 'wait-1'), position: { x: 0, y: 170 } }],
    goal: null,
    exitOnEvent: null,
    reentry: 'never',
    priority: 50,
  };
}

export function listOutlets(step: JourneyStep): Outlet[] {
  switch (step.kind) {
    case 'branch':
      return [{ handle: 'yes', target: step.yes }, { handle: 'no', target: step.no }];
    case 'split':
      return step.paths.map((path, index) => ({ handle: `path-${index}` as const, target: path.next, label: path.label }));
    case 'wait_for_event':
      return [{ handle: 'next', target: step.next }, { handle: 'timeout', target: step.timeoutNext }];
    default:
      return [{ handle: 'next', target: step.next }];
  }
}

function withOutlet(step: JourneyStep, handle: OutletHandle, target: string | null): JourneyStep {
  if (step.kind === 'branch' && (handle === 'yes' || handle === 'no')) return { ...step, [handle]: target };
  if (step.kind === 'wait_for_event' && handle === 'timeout') return { ...step, timeoutNext: target };
  if (step.kind === 'split' && handle.startsWith('path-')) {
    const index = Number(handle.slice('path-'.length));
    return { ...step, paths: step.paths.map((path, position) => (position === index ? { ...path, next: target } : path)) };
  }
  if (handle === 'next' && 'next' in step) return { ...step, next: target };
  return step;
}

function replaceStep(definition: JourneyDefinition, stepId: string, change: (step: JourneyStep) => JourneyStep): JourneyDefinition {
  return { ...definition, steps: definition.steps.map((step) => (step.id === stepId ? change(step) : step)) };
}

/** Points one outlet (or the entry, as `ENTRY_NODE_ID`) at a step, or at nothing (`null` ends the journey there). */
export function connectSteps(definition: JourneyDefinition, source: string, handle: OutletHandle, target: string | null): JourneyDefinition {
  if (source === ENTRY_NODE_ID) return target ? { ...definition, start: target } : definition;
  if (source === target) return definition;
  return replaceStep(definition, source, (step) => withOutlet(step, handle, target));
}

export function updateStep(definition: JourneyDefinition, stepId: string, change: (step: JourneyStep) => JourneyStep): JourneyDefinition {
  return replaceStep(definition, stepId, (step) => ({ ...change(step), id: step.id }));
}

export function moveStep(definition: JourneyDefinition, stepId: string, position: StepPosition): JourneyDefinition {
  return replaceStep(definition, stepId, (step) => ({ ...step, position: { x: Math.round(position.x), y: Math.round(position.y) } }));
}

/**
 * Adds a step. After an outlet (`after`), the new step takes that outlet's old target as its own first outlet, so
 * the path stays connected; without `after` it is added on its own (the canvas palette), to be connected by hand.
 */
export function addStep(
  definition: JourneyDefinition,
  kind: JourneyStepKind,
  options: { after?: { stepId: string; handle: OutletHandle }; position?: StepPosition } = {},
): { definition: JourneyDefinition; stepId: string } {
  const id = createStepId(definition, kind);
  let step = createStep(kind, id);
  if (options.position) step = { ...step, position: options.position };
  const after = options.after;
  if (!after) return { definition: { ...definition, steps: [...definition.steps, step] }, stepId: id };

  const previousTarget =
    after.stepId === ENTRY_NODE_ID
      ? definition.start
      : (listOutlets(definition.steps.find((candidate) => candidate.id === after.stepId) ?? step).find((outlet) => outlet.handle === after.handle)?.target ?? null);
  const firstHandle = listOutlets(step)[0]?.handle ?? 'next';
  step = withOutlet(step, firstHandle, previousTarget);
  if (!step.position) {
    const anchor = definition.steps.find((candidate) => candidate.id === after.stepId)?.position;
    if (anchor) step = { ...step, position: { x: anchor.x, y: anchor.y + 170 } };
  }
  const added = { ...definition, steps: [...definition.steps, step] };
  return { definition: connectSteps(added, after.stepId, after.handle, id), stepId: id };
}

/**
 * Removes a step and re-links: everything that pointed at it (the entry included) now points at its first outlet's
 * target. The last step cannot be removed (a journey has at least one).
 */
export function removeStep(definition: JourneyDefinition, stepId: string): JourneyDefinition {
  const removed = definition.steps.find((step) => step.id === stepId);
  if (!removed || definition.steps.length <= 1) return definition;
  const successor = listOutlets(removed).find((outlet) => outlet.target !== null && outlet.target !== stepId)?.target ?? null;
  const steps = definition.steps
    .filter((step) => step.id !== stepId)
    .map((step) => listOutlets(step).reduce((current, outlet) => (outlet.target === stepId ? withOutlet(current, outlet.handle, successor) : current), step));
  const fallbackStart = steps[0]?.id ?? definition.start;
  const start = definition.start === stepId ? (successor ?? fallbackStart) : definition.start;
  return { ...definition, start, steps };
}

/** Every edge of the graph: the entry to the first step, then each outlet that points at an existing step. */
export function listEdges(definition: JourneyDefinition): GraphEdge[] {
  const ids = new Set(definition.steps.map((step) => step.id));
  const edges: GraphEdge[] = [];
  if (ids.has(definition.start)) edges.push({ id: `${ENTRY_NODE_ID}->${definition.start}`, source: ENTRY_NODE_ID, handle: 'start', target: definition.start });
  for (const step of definition.steps) {
    for (const outlet of listOutlets(step)) {
      if (outlet.target === null || !ids.has(outlet.target)) continue;
      const edge: GraphEdge = { id: `${step.id}:${outlet.handle}->${outlet.target}`, source: step.id, handle: outlet.handle, target: outlet.target };
      if (outlet.label !== undefined) edge.label = outlet.label;
      edges.push(edge);
    }
  }
  return edges;
}

/** Steps a customer can reach from the entry, in breadth-first order. */
export function listReachableStepIds(definition: JourneyDefinition): string[] {
  const byId = new Map(definition.steps.map((step) => [step.id, step]));
  const order: string[] = [];
  const seen = new Set<string>();
  const queue = byId.has(definition.start) ? [definition.start] : [];
  while (queue.length > 0) {
    const id = queue.shift() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    order.push(id);
    const step = byId.get(id);
    if (!step) continue;
    for (const outlet of listOutlets(step)) if (outlet.target && byId.has(outlet.target) && !seen.has(outlet.target)) queue.push(outlet.target);
  }
  return order;
}

/** Steps in reading order for the outline: reachable ones from the entry first, then the rest as they are stored. */
export function listStepsInOrder(definition: JourneyDefinition): JourneyStep[] {
  const byId = new Map(definition.steps.map((step) => [step.id, step]));
  const reachable = listReachableStepIds(definition);
  const seen = new Set(reachable);
  return [...reachable.map((id) => byId.get(id) as JourneyStep), ...definition.steps.filter((step) => !seen.has(step.id))];
}

const REQUIRED_FIELDS: Partial<Record<JourneyStepKind, string[]>> = {
  wait_for_event: ['eventName'],
  send_message: ['templateId'],
  show_prompt: ['promptId'],
  send_survey: ['surveyId'],
  update_attribute: ['key'],
  add_to_segment: ['segmentId'],
  call_webhook: ['url'],
  create_conversation: ['inboxId', 'subject'],
};

/** Whether every row of a condition is filled in enough for the schema (a key, an event name, a segment). */
export function isConditionComplete(condition: Condition): boolean {
  switch (condition.kind) {
    case 'all':
    case 'any':
      return condition.conditions.every(isConditionComplete);
    case 'attribute':
      return condition.key.trim() !== '';
    case 'event':
      return condition.name.trim() !== '';
    case 'segment':
      return condition.segmentId !== '';
    case 'survey':
      return true;
  }
}

/** What the builder checks before publishing: the server checks the same and answers 422 with the same kinds of problems. */
export function validateDefinition(definition: JourneyDefinition): GraphProblem[] {
  const problems: GraphProblem[] = [];
  const ids = new Set<string>();
  for (const step of definition.steps) {
    if (ids.has(step.id)) problems.push({ stepId: step.id, code: 'duplicate_id' });
    ids.add(step.id);
  }
  if (!ids.has(definition.start)) problems.push({ stepId: null, code: 'unknown_next', detail: definition.start });
  const entry = definition.entry;
  if (entry.kind === 'event' && entry.eventName.trim() === '') problems.push({ stepId: null, code: 'missing_field', detail: 'eventName' });
  if (entry.kind === 'event' && entry.where && !isConditionComplete(entry.where)) problems.push({ stepId: null, code: 'missing_field', detail: 'condition' });
  if (entry.kind === 'segment_entered' && entry.segmentId === '') problems.push({ stepId: null, code: 'missing_field', detail: 'segmentId' });
  if (entry.kind === 'date_attribute' && entry.attribute.trim() === '') problems.push({ stepId: null, code: 'missing_field', detail: 'attribute' });
  const reachable = new Set(listReachableStepIds(definition));
  for (const step of definition.steps) {
    if (!reachable.has(step.id)) problems.push({ stepId: step.id, code: 'unreachable' });
    for (const outlet of listOutlets(step)) {
      if (outlet.target !== null && !ids.has(outlet.target)) problems.push({ stepId: step.id, code: 'unknown_next', detail: outlet.target });
    }
    if (step.kind === 'split') {
      const total = step.paths.reduce((sum, path) => sum + path.percent, 0);
      if (total !== 100) problems.push({ stepId: step.id, code: 'split_total', detail: String(total) });
    }
    if (step.kind === 'branch' && !isConditionComplete(step.condition)) problems.push({ stepId: step.id, code: 'missing_field', detail: 'condition' });
    for (const field of REQUIRED_FIELDS[step.kind] ?? []) {
      const value = (step as unknown as Record<string, unknown>)[field];
      if (typeof value !== 'string' || value.trim() === '') problems.push({ stepId: step.id, code: 'missing_field', detail: field });
    }
  }
  return problems;
}

const LAYOUT_COLUMN = 260;
const LAYOUT_ROW = 170;

/**
 * Positions for steps that have none (journeys made through the API): rows by distance from the entry, columns
 * centred under it; steps nothing reaches go on a row of their own below. Steps with a saved position keep it.
 */
export function layoutSteps(definition: JourneyDefinition): Map<string, StepPosition> {
  const byId = new Map(definition.steps.map((step) => [step.id, step]));
  const depth = new Map<string, number>();
  const queue: string[] = byId.has(definition.start) ? [definition.start] : [];
  if (queue[0]) depth.set(queue[0], 1);
  while (queue.length > 0) {
    const id = queue.shift() as string;
    const step = byId.get(id);
    if (!step) continue;
    for (const outlet of listOutlets(step)) {
      if (outlet.target && byId.has(outlet.target) && !depth.has(outlet.target)) {
        depth.set(outlet.target, (depth.get(id) ?? 1) + 1);
        queue.push(outlet.target);
      }
    }
  }
  const deepest = Math.max(0, ...depth.values());
  const rows = new Map<number, string[]>();
  for (const step of definition.steps) {
    const row = depth.get(step.id) ?? deepest + 1;
    rows.set(row, [...(rows.get(row) ?? []), step.id]);
  }
  const positions = new Map<string, StepPosition>();
  for (const [row, stepIds] of rows) {
    stepIds.forEach((id, column) => {
      const saved = byId.get(id)?.position;
      positions.set(id, saved ?? { x: Math.round((column - (stepIds.length - 1) / 2) * LAYOUT_COLUMN), y: row * LAYOUT_ROW });
    });
  }
  return positions;
}

/** Writes the layout into every step, for the "tidy up" action. */
export function applyLayout(definition: JourneyDefinition): JourneyDefinition {
  const cleared = { ...definition, steps: definition.steps.map(({ position: _position, ...step }) => step as JourneyStep) };
  const positions = layoutSteps(cleared);
  return { ...definition, steps: cleared.steps.map((step) => ({ ...step, position: positions.get(step.id) ?? { x: 0, y: 0 } })) };
}
