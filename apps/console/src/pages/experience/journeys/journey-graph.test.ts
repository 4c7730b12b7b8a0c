import { describe, expect, it } from 'vitest';
import type { JourneyDefinition } from '../../../api/journey-endpoints.ts';
import {
  addStep,
  applyLayout,
  connectSteps,
  createEmptyDefinition,
  ENTRY_NODE_ID,
  layoutSteps,
  listEdges,
  listReachableStepIds,
  listStepsInOrder,
  moveStep,
  removeStep,
  validateDefinition,
} from './journey-graph.ts';

const TEMPLATE = '6f1d1f0e-8a3c-4c56-9d43-1b2a3c4d5e6f';

function buildWelcome(): JourneyDefinition {
  return {
    entry: { kind: 'event', eventName: 'signed_up' },
    start: 'wait-1',
    steps: [
      { id: 'wait-1', kind: 'wait_duration', seconds: 3600, next: 'branch-1' },
      { id: 'branch-1', kind: 'branch', condition: { kind: 'attribute', key: 'plan', operator: 'eq', value: 'pro' }, yes: 'message-1', no: null },
      { id: 'message-1', kind: 'send_message', channel: 'email', templateId: TEMPLATE, next: null },
    ],
    goal: null,
    exitOnEvent: null,
    reentry: 'never',
    priority: 50,
  };
}

describe('journey graph', () => {
  it('starts a new journey with an entry and one valid step', () => {
    const definition = createEmptyDefinition();
    expect(definition.steps).toHaveLength(1);
    expect(definition.start).toBe(definition.steps[0]?.id);
    expect(validateDefinition(definition)).toEqual([]);
  });

  it('draws an edge from the entry and one per connected outlet, with the handle it leaves from', () => {
    expect(listEdges(buildWelcome()).map((edge) => [edge.source, edge.handle, edge.target])).toEqual([
      [ENTRY_NODE_ID, 'start', 'wait-1'],
      ['wait-1', 'next', 'branch-1'],
      ['branch-1', 'yes', 'message-1'],
    ]);
  });

  it('labels split edges with their path label and draws the timeout of a wait for an event', () => {
    let definition = buildWelcome();
    const split = addStep(definition, 'split', { after: { stepId: 'branch-1', handle: 'no' } });
    definition = connectSteps(split.definition, split.stepId, 'path-1', 'message-1');
    const waited = addStep(definition, 'wait_for_event', { after: { stepId: split.stepId, handle: 'path-0' } });
    definition = connectSteps(waited.definition, waited.stepId, 'timeout', 'message-1');
    const edges = listEdges(definition);
    expect(edges.find((edge) => edge.source === split.stepId && edge.handle === 'path-1')?.label).toBe('B');
    expect(edges.find((edge) => edge.source === waited.stepId && edge.handle === 'timeout')?.target).toBe('message-1');
  });

  it('adding a step after an outlet inserts it on that path and keeps the path connected', () => {
    const { definition, stepId } = addStep(buildWelcome(), 'send_survey', { after: { stepId: 'wait-1', handle: 'next' } });
    expect(stepId).toBe('survey-1');
    expect(definition.steps.find((step) => step.id === 'wait-1')).toMatchObject({ next: 'survey-1' });
    expect(definition.steps.find((step) => step.id === 'survey-1')).toMatchObject({ next: 'branch-1' });
  });

  it('adding a step after the entry makes it the first step', () => {
    const { definition, stepId } = addStep(buildWelcome(), 'show_prompt', { after: { stepId: ENTRY_NODE_ID, handle: 'next' } });
    expect(definition.start).toBe(stepId);
    expect(definition.steps.find((step) => step.id === stepId)).toMatchObject({ next: 'wait-1' });
  });

  it('gives every new step an id unique in the journey', () => {
    let definition = buildWelcome();
    const ids: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      const added = addStep(definition, 'send_message');
      definition = added.definition;
      ids.push(added.stepId);
    }
    expect(ids).toEqual(['message-2', 'message-3', 'message-4']);
  });

  it('removing a step re-links what pointed at it to what came after it', () => {
    const definition = removeStep(buildWelcome(), 'branch-1');
    expect(definition.steps.map((step) => step.id)).toEqual(['wait-1', 'message-1']);
    expect(definition.steps[0]).toMatchObject({ next: 'message-1' });
  });

  it('removing the first step moves the start to its successor, and the last step cannot be removed', () => {
    const definition = removeStep(buildWelcome(), 'wait-1');
    expect(definition.start).toBe('branch-1');
    const single = createEmptyDefinition();
    expect(removeStep(single, single.start)).toBe(single);
  });

  it('connecting the entry changes the start; connecting a step to itself changes nothing', () => {
    const definition = buildWelcome();
    expect(connectSteps(definition, ENTRY_NODE_ID, 'next', 'message-1').start).toBe('message-1');
    expect(connectSteps(definition, 'wait-1', 'next', 'wait-1')).toBe(definition);
  });

  it('finds unreachable steps, dangling next ids, split percents that do not add up and empty pickers', () => {
    const definition = buildWelcome();
    definition.steps.push(
      { id: 'orphan', kind: 'call_webhook', url: 'https://example.test/hook', next: 'gone' },
      { id: 'split-1', kind: 'split', paths: [{ label: 'A', percent: 60, next: null }, { label: 'B', percent: 30, next: null }] },
    );
    definition.steps[1] = { ...definition.steps[1], no: 'split-1' } as JourneyDefinition['steps'][number];
    definition.steps[2] = { id: 'message-1', kind: 'send_message', channel: 'email', templateId: '', next: null };
    expect(validateDefinition(definition)).toEqual([
      { stepId: 'message-1', code: 'missing_field', detail: 'templateId' },
      { stepId: 'orphan', code: 'unreachable' },
      { stepId: 'orphan', code: 'unknown_next', detail: 'gone' },
      { stepId: 'split-1', code: 'split_total', detail: '90' },
    ]);
  });

  it('lists reachable steps breadth first and puts the unreachable ones last in the outline', () => {
    const definition = buildWelcome();
    definition.steps.unshift({ id: 'lonely', kind: 'wait_duration', seconds: 60, next: null });
    expect(listReachableStepIds(definition)).toEqual(['wait-1', 'branch-1', 'message-1']);
    expect(listStepsInOrder(definition).map((step) => step.id)).toEqual(['wait-1', 'branch-1', 'message-1', 'lonely']);
  });

  it('lays out steps without positions in rows by distance from the entry, keeping saved positions', () => {
    const definition = moveStep(buildWelcome(), 'message-1', { x: 500.4, y: 40.6 });
    definition.steps.push({ id: 'lonely', kind: 'wait_duration', seconds: 60, next: null });
    const positions = layoutSteps(definition);
    expect(positions.get('wait-1')).toEqual({ x: 0, y: 170 });
    expect(positions.get('branch-1')).toEqual({ x: 0, y: 340 });
    expect(positions.get('message-1')).toEqual({ x: 500, y: 41 });
    expect(positions.get('lonely')?.y).toBe(680);
  });

  it('tidying up replaces every saved position with the layout', () => {
    const definition = applyLayout(moveStep(buildWelcome(), 'message-1', { x: 999, y: 999 }));
    expect(definition.steps.map((step) => step.position)).toEqual([{ x: 0, y: 170 }, { x: 0, y: 340 }, { x: 0, y: 510 }]);
  });
});
