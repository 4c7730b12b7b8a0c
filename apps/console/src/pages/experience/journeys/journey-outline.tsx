import { useId, useState } from 'react';
import type { JourneyDefinition, JourneyStepKind } from '../../../api/journey-endpoints.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { ENTRY_NODE_ID, listOutlets, listReachableStepIds, listStepsInOrder, STEP_KINDS, type Outlet, type OutletHandle } from './journey-graph.ts';
import { kindLabel, nameHandle, nameStep, summarizeEntry, summarizeStep, type OptionNames } from './journey-text.ts';
import type { NodeProblems } from './journey-canvas-model.ts';

export interface OutlineProps {
  definition: JourneyDefinition;
  names: OptionNames;
  selected: string | null;
  problems: NodeProblems;
  /** Steps the last test walked through, in order. */
  tracePath: string[];
  onSelect(nodeId: string): void;
  onConnect(source: string, handle: OutletHandle, target: string | null): void;
  onAddAfter(source: string, handle: OutletHandle, kind: JourneyStepKind): void;
  onDelete(stepId: string): void;
}

/** The same graph as the canvas, as a list: every action is a button or a select, so it works from the keyboard. */
export function JourneyOutline({ definition, names, selected, problems, tracePath, onSelect, onConnect, onAddAfter, onDelete }: OutlineProps) {
  const { t } = useI18n();
  const reachable = new Set(listReachableStepIds(definition));
  const steps = listStepsInOrder(definition);
  const traced = new Set(tracePath);
  const entryProblems = problems.get(ENTRY_NODE_ID) ?? [];

  return (
    <ol className="journey-outline" aria-label={t('journeys.outline')}>
      <li className={`journey-outline-item journey-outline-entry${selected === ENTRY_NODE_ID ? ' is-selected' : ''}`}>
        <div className="journey-outline-head">
          <h2 className="journey-outline-title">
            {t('journeys.entry')} <span className="muted">· {t(`journeys.entry.${definition.entry.kind}`)}</span>
          </h2>
          <p className="journey-outline-summary">{summarizeEntry(t, definition.entry, names)}</p>
          <button type="button" className="button button-secondary button-small" aria-label={t('journeys.editLabel', { name: t('journeys.entry') })} onClick={() => onSelect(ENTRY_NODE_ID)}>
            {t('journeys.edit')}
          </button>
        </div>
        <ProblemList messages={entryProblems} />
        <div className="journey-outline-links">
          <NextSelect
            source={ENTRY_NODE_ID}
            outlet={{ handle: 'next', target: definition.start }}
            label={nameHandle(t, 'start')}
            definition={definition}
            allowEnd={false}
            onConnect={onConnect}
          />
          <AddAfter sourceName={t('journeys.entry')} outlets={[{ handle: 'next', target: definition.start }]} onAdd={(handle, kind) => onAddAfter(ENTRY_NODE_ID, handle, kind)} />
        </div>
      </li>
      {steps.map((step) => {
        const name = nameStep(t, step);
        const stepProblems = problems.get(step.id) ?? [];
        const outlets = listOutlets(step);
        return (
          <li
            key={step.id}
            className={`journey-outline-item${selected === step.id ? ' is-selected' : ''}${traced.has(step.id) ? ' is-traced' : ''}${stepProblems.length > 0 ? ' has-problems' : ''}`}
          >
            <div className="journey-outline-head">
              <h2 className="journey-outline-title">
                {name} {step.name ? <span className="muted">· {kindLabel(t, step.kind)}</span> : null} <code className="muted small">{step.id}</code>
                {reachable.has(step.id) ? null : <span className="badge badge-note">{t('journeys.unreachableTag')}</span>}
              </h2>
              <p className="journey-outline-summary">{summarizeStep(t, step, names)}</p>
              <div className="journey-outline-actions">
                <button type="button" className="button button-secondary button-small" aria-label={t('journeys.editLabel', { name })} onClick={() => onSelect(step.id)}>
                  {t('journeys.edit')}
                </button>
                {definition.steps.length > 1 ? (
                  <button type="button" className="button button-danger-quiet button-small" aria-label={t('journeys.deleteLabel', { name })} onClick={() => onDelete(step.id)}>
                    {t('journeys.deleteStep')}
                  </button>
                ) : null}
              </div>
            </div>
            <ProblemList messages={stepProblems} />
            <div className="journey-outline-links">
              {outlets.map((outlet) => (
                <NextSelect
                  key={outlet.handle}
                  source={step.id}
                  outlet={outlet}
                  label={t('journeys.field.goesTo', { handle: nameHandle(t, outlet.handle, outlet.label) })}
                  accessibleLabel={`${name}: ${t('journeys.field.goesTo', { handle: nameHandle(t, outlet.handle, outlet.label) })}`}
                  definition={definition}
                  allowEnd
                  onConnect={onConnect}
                />
              ))}
              <AddAfter sourceName={name} outlets={outlets} onAdd={(handle, kind) => onAddAfter(step.id, handle, kind)} />
            </div>
          </li>
        );
      })}
    </ol>
  );
}

function ProblemList({ messages }: { messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <ul className="journey-problems">
      {messages.map((message, index) => (
        <li key={index}>{message}</li>
      ))}
    </ul>
  );
}

function NextSelect({
  source,
  outlet,
  label,
  accessibleLabel,
  definition,
  allowEnd,
  onConnect,
}: {
  source: string;
  outlet: Outlet;
  label: string;
  accessibleLabel?: string;
  definition: JourneyDefinition;
  allowEnd: boolean;
  onConnect(source: string, handle: OutletHandle, target: string | null): void;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="field journey-next">
      <label htmlFor={id}>{label}</label>
      <select id={id} aria-label={accessibleLabel} className="select select-small" value={outlet.target ?? ''} onChange={(event) => onConnect(source, outlet.handle, event.target.value === '' ? null : event.target.value)}>
        {allowEnd ? <option value="">{t('journeys.endsHere')}</option> : null}
        {definition.steps
          .filter((step) => step.id !== source)
          .map((step) => (
            <option key={step.id} value={step.id}>
              {nameStep(t, step)} ({step.id})
            </option>
          ))}
      </select>
    </div>
  );
}

function AddAfter({ sourceName, outlets, onAdd }: { sourceName: string; outlets: Outlet[]; onAdd(handle: OutletHandle, kind: JourneyStepKind): void }) {
  const { t } = useI18n();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<JourneyStepKind>('send_message');
  const [handle, setHandle] = useState<OutletHandle>(outlets[0]?.handle ?? 'next');
  if (!open) {
    return (
      <button type="button" className="button button-ghost button-small" aria-label={t('journeys.addAfterLabel', { name: sourceName })} aria-expanded={false} onClick={() => setOpen(true)}>
        + {t('journeys.addAfter')}
      </button>
    );
  }
  return (
    <div className="journey-add-after" role="group" aria-label={t('journeys.addAfterLabel', { name: sourceName })}>
      <select aria-label={t('journeys.kindToAdd')} className="select select-small" value={kind} onChange={(event) => setKind(event.target.value as JourneyStepKind)} autoFocus id={`${id}-kind`}>
        {STEP_KINDS.map((value) => (
          <option key={value} value={value}>{kindLabel(t, value)}</option>
        ))}
      </select>
      {outlets.length > 1 ? (
        <select aria-label={t('journeys.field.goesTo', { handle: '' }).replace(/[:：]\s*$/, '')} className="select select-small" value={handle} onChange={(event) => setHandle(event.target.value as OutletHandle)}>
          {outlets.map((outlet) => (
            <option key={outlet.handle} value={outlet.handle}>{nameHandle(t, outlet.handle, outlet.label)}</option>
          ))}
        </select>
      ) : null}
      <button
        type="button"
        className="button button-primary button-small"
        onClick={() => {
          onAdd(handle, kind);
          setOpen(false);
        }}
      >
        {t('journeys.add')}
      </button>
      <button type="button" className="button button-ghost button-small" onClick={() => setOpen(false)}>
        {t('journeys.cancel')}
      </button>
    </div>
  );
}
