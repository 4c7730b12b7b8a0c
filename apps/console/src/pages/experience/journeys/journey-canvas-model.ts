import type { JourneyDefinition, StepPosition, TraceItem } from '../../../api/journey-endpoints.ts';
import { ENTRY_NODE_ID, layoutSteps, listEdges, type GraphEdge } from './journey-graph.ts';

/** Problem sentences per node id (`ENTRY_NODE_ID` for the entry and journey-wide ones). */
export type NodeProblems = Map<string, string[]>;

export interface PlacedNode {
  id: string;
  /** `null` for the entry. */
  stepId: string | null;
  position: StepPosition;
}

export interface PlacedEdge extends GraphEdge {
  /** The last test run walked along this edge. */
  traced: boolean;
}

/** The step ids a test run went through, in order, each once. */
export function readTracePath(trace: TraceItem[]): string[] {
  const path: string[] = [];
  for (const item of trace) if (item.stepId && path[path.length - 1] !== item.stepId && !path.includes(item.stepId)) path.push(item.stepId);
  return path;
}

/** Nodes where the canvas draws them (saved positions, else the auto-layout), with the entry just above the first step. */
export function placeNodes(definition: JourneyDefinition): PlacedNode[] {
  const positions = layoutSteps(definition);
  const start = positions.get(definition.start) ?? { x: 0, y: 170 };
  return [
    { id: ENTRY_NODE_ID, stepId: null, position: { x: start.x, y: start.y - 150 } },
    ...definition.steps.map((step) => ({ id: step.id, stepId: step.id, position: positions.get(step.id) ?? { x: 0, y: 0 } })),
  ];
}

export function placeEdges(definition: JourneyDefinition, tracePath: string[]): PlacedEdge[] {
  const walked = new Set<string>();
  if (tracePath[0]) walked.add(`${ENTRY_NODE_ID}->${tracePath[0]}`);
  for (let index = 1; index < tracePath.length; index += 1) walked.add(`${tracePath[index - 1]}->${tracePath[index]}`);
  return listEdges(definition).map((edge) => ({ ...edge, traced: walked.has(`${edge.source}->${edge.target}`) }));
}

/** Groups problems by node; unknown step ids (from a stale server answer) go to the entry so they are still shown. */
export function groupProblems(definition: JourneyDefinition, problems: { stepId: string | null; text: string }[]): NodeProblems {
  const ids = new Set(definition.steps.map((step) => step.id));
  const grouped: NodeProblems = new Map();
  for (const problem of problems) {
    const key = problem.stepId && ids.has(problem.stepId) ? problem.stepId : ENTRY_NODE_ID;
    grouped.set(key, [...(grouped.get(key) ?? []), problem.text]);
  }
  return grouped;
}
