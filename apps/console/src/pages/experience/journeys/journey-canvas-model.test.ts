import { describe, expect, it } from 'vitest';
import type { JourneyDefinition } from '../../../api/journey-endpoints.ts';
import { groupProblems, placeEdges, placeNodes, readTracePath } from './journey-canvas-model.ts';
import { ENTRY_NODE_ID } from './journey-graph.ts';

const definition: JourneyDefinition = {
  entry: { kind: 'event', eventName: 'order.placed' },
  start: 'wait-1',
  steps: [
    { id: 'wait-1', kind: 'wait_duration', seconds: 60, next: 'branch-1' },
    { id: 'branch-1', kind: 'branch', condition: { kind: 'all', conditions: [] }, yes: 'webhook-1', no: 'attribute-1' },
    { id: 'webhook-1', kind: 'call_webhook', url: 'https://example.test/', next: null },
    { id: 'attribute-1', kind: 'update_attribute', key: 'vip', value: true, next: null },
  ],
  goal: null,
  exitOnEvent: null,
  reentry: 'never',
  priority: 50,
};

describe('journey canvas model', () => {
  it('places the entry just above the first step', () => {
    const nodes = placeNodes(definition);
    expect(nodes[0]).toEqual({ id: ENTRY_NODE_ID, stepId: null, position: { x: 0, y: 20 } });
    expect(nodes.find((node) => node.id === 'wait-1')?.position).toEqual({ x: 0, y: 170 });
  });

  it('reads a test trace into the path of steps, each once', () => {
    const trace = ['wait-1', 'wait-1', 'branch-1', 'attribute-1'].map((stepId) => ({ stepId, kind: 'x', at: '2026-01-01T00:00:00Z', outcome: 'entered' as const, detail: null }));
    expect(readTracePath(trace)).toEqual(['wait-1', 'branch-1', 'attribute-1']);
  });

  it('marks the edges a test run walked, from the entry to where it stopped', () => {
    const traced = placeEdges(definition, ['wait-1', 'branch-1', 'attribute-1']).filter((edge) => edge.traced).map((edge) => `${edge.source}>${edge.target}`);
    expect(traced).toEqual([`${ENTRY_NODE_ID}>wait-1`, 'wait-1>branch-1', 'branch-1>attribute-1']);
  });

  it('groups problems per node and puts those of unknown steps on the entry', () => {
    const grouped = groupProblems(definition, [
      { stepId: 'branch-1', text: 'a' },
      { stepId: 'gone', text: 'b' },
      { stepId: null, text: 'c' },
      { stepId: 'branch-1', text: 'd' },
    ]);
    expect(Object.fromEntries(grouped)).toEqual({ 'branch-1': ['a', 'd'], [ENTRY_NODE_ID]: ['b', 'c'] });
  });
});
