import {
  Background,
  Controls,
  Handle,
  MarkerType,
  Position,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type Node,
  type NodeChange,
  type NodeProps,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useMemo, type DragEvent } from 'react';
import type { JourneyDefinition, JourneyStepKind } from '../../../api/journey-endpoints.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { placeEdges, placeNodes, type NodeProblems } from './journey-canvas-model.ts';
import { ENTRY_NODE_ID, listOutlets, STEP_KINDS, type OutletHandle } from './journey-graph.ts';
import { kindLabel, nameHandle, nameStep, summarizeEntry, summarizeStep, type OptionNames } from './journey-text.ts';

/** The drag payload from the palette onto the canvas. */
export const STEP_KIND_MIME = 'application/x-touchpoint-journey-step';

type JourneyNodeData = {
  title: string;
  subtitle: string;
  summary: string;
  kind: JourneyStepKind | 'entry';
  outlets: { handle: string; label: string }[];
  problems: string[];
  figures: string | null;
  traced: boolean;
};
type JourneyNode = Node<JourneyNodeData, 'journey'>;

function JourneyNodeView({ data, selected }: NodeProps<JourneyNode>) {
  const count = data.outlets.length;
  return (
    <div className={`journey-node journey-node-${data.kind}${selected ? ' is-selected' : ''}${data.problems.length > 0 ? ' has-problems' : ''}${data.traced ? ' is-traced' : ''}`}>
      {data.kind === 'entry' ? null : <Handle type="target" position={Position.Top} />}
      <div className="journey-node-kind">{data.subtitle}</div>
      <div className="journey-node-title">{data.title}</div>
      <div className="journey-node-summary">{data.summary}</div>
      {data.figures ? <div className="journey-node-figures">{data.figures}</div> : null}
      {data.problems.length > 0 ? (
        <ul className="journey-node-problems">
          {data.problems.map((problem, index) => (
            <li key={index}>{problem}</li>
          ))}
        </ul>
      ) : null}
      {count > 1 ? (
        <div className="journey-node-outlets" aria-hidden="true">
          {data.outlets.map((outlet) => (
            <span key={outlet.handle}>{outlet.label}</span>
          ))}
        </div>
      ) : null}
      {data.outlets.map((outlet, index) => (
        <Handle key={outlet.handle} id={outlet.handle} type="source" position={Position.Bottom} style={{ left: `${((index + 1) / (count + 1)) * 100}%` }} title={outlet.label} />
      ))}
    </div>
  );
}

const NODE_TYPES = { journey: JourneyNodeView };

export interface CanvasProps {
  definition: JourneyDefinition;
  names: OptionNames;
  selected: string | null;
  problems: NodeProblems;
  tracePath: string[];
  /** Per node figures line from the analytics overlay, when it is on. */
  figures: Map<string, string> | null;
  onSelect(nodeId: string | null): void;
  onMove(stepId: string, position: { x: number; y: number }): void;
  onConnect(source: string, handle: OutletHandle, target: string | null): void;
  onDelete(stepId: string): void;
  onDropStep(kind: JourneyStepKind, position: { x: number; y: number }): void;
}

function CanvasInner({ definition, names, selected, problems, tracePath, figures, onSelect, onMove, onConnect, onDelete, onDropStep }: CanvasProps) {
  const { t } = useI18n();
  const flow = useReactFlow();
  const traced = useMemo(() => new Set(tracePath), [tracePath]);

  const nodes = useMemo<JourneyNode[]>(() => {
    const byId = new Map(definition.steps.map((step) => [step.id, step]));
    return placeNodes(definition).map((placed) => {
      const step = placed.stepId ? byId.get(placed.stepId) : undefined;
      const data: JourneyNodeData = step
        ? {
            title: nameStep(t, step),
            subtitle: step.name ? kindLabel(t, step.kind) : step.id,
            summary: summarizeStep(t, step, names),
            kind: step.kind,
            outlets: listOutlets(step).map((outlet) => ({ handle: outlet.handle, label: nameHandle(t, outlet.handle, outlet.label) })),
            problems: problems.get(step.id) ?? [],
            figures: figures?.get(step.id) ?? null,
            traced: traced.has(step.id),
          }
        : {
            title: t('journeys.entry'),
            subtitle: t(`journeys.entry.${definition.entry.kind}`),
            summary: summarizeEntry(t, definition.entry, names),
            kind: 'entry',
            outlets: [{ handle: 'start', label: nameHandle(t, 'start') }],
            problems: problems.get(ENTRY_NODE_ID) ?? [],
            figures: null,
            traced: tracePath.length > 0,
          };
      return {
        id: placed.id,
        type: 'journey' as const,
        position: placed.position,
        data,
        selected: placed.id === selected,
        deletable: placed.id !== ENTRY_NODE_ID && definition.steps.length > 1,
        ariaLabel: step ? t('journeys.stepNamed', { kind: kindLabel(t, step.kind), name: `${data.title} — ${data.summary}` }) : `${data.title}: ${data.subtitle} — ${data.summary}`,
      };
    });
  }, [definition, names, selected, problems, figures, traced, tracePath, t]);

  const edges = useMemo<Edge[]>(
    () =>
      placeEdges(definition, tracePath).map((edge) => {
        const outlet = edge.source === ENTRY_NODE_ID ? null : listOutlets(definition.steps.find((step) => step.id === edge.source) ?? definition.steps[0]!).find((candidate) => candidate.handle === edge.handle);
        const label = edge.handle === 'next' || edge.handle === 'start' ? undefined : nameHandle(t, edge.handle, outlet?.label);
        return {
          id: edge.id,
          source: edge.source,
          sourceHandle: edge.handle,
          target: edge.target,
          label,
          className: edge.traced ? 'is-traced' : undefined,
          animated: edge.traced,
          markerEnd: { type: MarkerType.ArrowClosed },
          ariaLabel: `${edge.source === ENTRY_NODE_ID ? t('journeys.entry') : edge.source} → ${edge.target}${label ? ` (${label})` : ''}`,
        };
      }),
    [definition, tracePath, t],
  );

  function handleNodesChange(changes: NodeChange<JourneyNode>[]) {
    for (const change of changes) {
      if (change.type === 'position' && change.position && change.id !== ENTRY_NODE_ID) onMove(change.id, change.position);
      if (change.type === 'select' && change.selected) onSelect(change.id);
      if (change.type === 'remove' && change.id !== ENTRY_NODE_ID) onDelete(change.id);
    }
  }

  function handleEdgesChange(changes: EdgeChange[]) {
    for (const change of changes) {
      if (change.type !== 'remove') continue;
      const edge = edges.find((candidate) => candidate.id === change.id);
      if (edge && edge.source !== ENTRY_NODE_ID) onConnect(edge.source, (edge.sourceHandle ?? 'next') as OutletHandle, null);
    }
  }

  function handleConnect(connection: Connection) {
    if (!connection.target || connection.target === ENTRY_NODE_ID) return;
    onConnect(connection.source, (connection.sourceHandle ?? 'next') as OutletHandle, connection.target);
  }

  function handleDrop(event: DragEvent<HTMLDivElement>) {
    const kind = event.dataTransfer.getData(STEP_KIND_MIME);
    if (!(STEP_KINDS as readonly string[]).includes(kind)) return;
    event.preventDefault();
    onDropStep(kind as JourneyStepKind, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }));
  }

  return (
    <div
      className="journey-canvas"
      onDragOver={(event) => {
        if (event.dataTransfer.types.includes(STEP_KIND_MIME)) {
          event.preventDefault();
          event.dataTransfer.dropEffect = 'copy';
        }
      }}
      onDrop={handleDrop}
    >
      <ReactFlow<JourneyNode, Edge>
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        onNodesChange={handleNodesChange}
        onEdgesChange={handleEdgesChange}
        onConnect={handleConnect}
        onPaneClick={() => onSelect(null)}
        fitView
        fitViewOptions={{ padding: 0.15, maxZoom: 1, minZoom: 0.55 }}
        minZoom={0.3}
        maxZoom={1.5}
        proOptions={{ hideAttribution: true }}
        deleteKeyCode={['Delete', 'Backspace']}
        aria-label={t('journeys.canvasLabel')}
      >
        <Background gap={20} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}

/** The canvas: a mouse tool. The outline view edits the same definition from the keyboard. */
export function JourneyCanvas(props: CanvasProps) {
  return (
    <ReactFlowProvider>
      <CanvasInner {...props} />
    </ReactFlowProvider>
  );
}
