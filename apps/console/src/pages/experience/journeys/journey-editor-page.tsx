import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type RefObject } from 'react';
import { listInboxes } from '../../../api/endpoints.ts';
import {
  getJourney,
  listPromptOptions,
  listSegmentOptions,
  listSurveyOptions,
  listTemplateOptions,
  pauseJourney,
  publishJourney,
  readStepProblems,
  updateJourney,
  type Journey,
  type JourneyDefinition,
  type JourneyStep,
  type JourneyStepKind,
  type StepProblem,
  type TraceItem,
} from '../../../api/journey-endpoints.ts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useCurrentAccount } from '../../../hooks/use-current-account.ts';
import { useResource } from '../../../hooks/use-resource.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { Link } from '../../../router/link.tsx';
import { paths } from '../../../routes/paths.ts';
import { JourneyAnalyticsPanel } from './journey-analytics-panel.tsx';
import { JourneyCanvas, STEP_KIND_MIME } from './journey-canvas.tsx';
import { groupProblems, readTracePath } from './journey-canvas-model.ts';
import { addStep, applyLayout, connectSteps, ENTRY_NODE_ID, layoutSteps, listOutlets, moveStep, removeStep, STEP_KINDS, updateStep, validateDefinition, type OutletHandle } from './journey-graph.ts';
import { JourneyOutline } from './journey-outline.tsx';
import { JourneySettingsFields } from './journey-settings-fields.tsx';
import { JourneyStatusBadge } from './journey-status-badge.tsx';
import { JourneyTestPanel } from './journey-test-panel.tsx';
import { describeProblem, kindLabel, nameStep, type OptionNames } from './journey-text.ts';
import { StepFields, type PickerOptions } from './step-fields.tsx';
import './journeys.css';

const NARROW_QUERY = '(max-width: 800px)';

function useNarrowScreen(): boolean {
  return useSyncExternalStore(
    (notify) => {
      const query = window.matchMedia(NARROW_QUERY);
      query.addEventListener('change', notify);
      return () => query.removeEventListener('change', notify);
    },
    () => window.matchMedia(NARROW_QUERY).matches,
  );
}

const snapshot = (name: string, definition: JourneyDefinition) => JSON.stringify([name, definition]);

/** Asks before leaving with unsaved edits: closing the tab, and following any in-app link. */
function useUnsavedGuard(dirty: boolean, message: string) {
  useEffect(() => {
    if (!dirty) return;
    const beforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    const click = (event: MouseEvent) => {
      const anchor = event.target instanceof Element ? event.target.closest('a[href]') : null;
      if (!anchor || anchor.getAttribute('target') || event.defaultPrevented) return;
      if (!window.confirm(message)) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    window.addEventListener('beforeunload', beforeUnload);
    document.addEventListener('click', click, true);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      document.removeEventListener('click', click, true);
    };
  }, [dirty, message]);
}

/** `/a/:accountId/experience/journeys/:journeyId`: the builder. */
export function JourneyEditorPage({ journeyId }: { journeyId: string }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const journey = useResource((signal) => getJourney(account.id, journeyId, signal), [account.id, journeyId]);
  const templates = useResource((signal) => listTemplateOptions(account.id, signal), [account.id]);
  const segments = useResource((signal) => listSegmentOptions(account.id, signal), [account.id]);
  const prompts = useResource((signal) => listPromptOptions(account.id, signal), [account.id]);
  const surveys = useResource((signal) => listSurveyOptions(account.id, signal), [account.id]);
  const inboxes = useResource((signal) => listInboxes(account.id, signal), [account.id]);

  const options = useMemo<PickerOptions>(
    () => ({
      templates: templates.data?.templates ?? [],
      segments: segments.data?.segments ?? [],
      prompts: prompts.data?.prompts ?? [],
      surveys: surveys.data?.surveys ?? [],
      inboxes: inboxes.data ?? [],
    }),
    [templates.data, segments.data, prompts.data, surveys.data, inboxes.data],
  );
  const optionsFailed = Boolean(templates.error || segments.error || prompts.error || surveys.error || inboxes.error);

  if (journey.error) {
    return (
      <>
        <Link className="back-link" to={paths.experience(account.id, 'journeys')}>← {t('journeys.back')}</Link>
        <ErrorNotice error={journey.error} />
      </>
    );
  }
  if (!journey.data) return <LoadingState />;
  return <JourneyEditor accountId={account.id} initial={journey.data} options={options} optionsFailed={optionsFailed} />;
}

type SidePanel = 'edit' | 'test' | 'analytics';

function JourneyEditor({ accountId, initial, options, optionsFailed }: { accountId: string; initial: Journey; options: PickerOptions; optionsFailed: boolean }) {
  const { t } = useI18n();
  const narrow = useNarrowScreen();
  const [journey, setJourney] = useState(initial);
  const [name, setName] = useState(initial.name);
  const [definition, setDefinition] = useState(initial.definition);
  const [saved, setSaved] = useState(() => snapshot(initial.name, initial.definition));
  const [selected, setSelected] = useState<string | null>(ENTRY_NODE_ID);
  const [view, setView] = useState<'canvas' | 'outline'>('canvas');
  const [side, setSide] = useState<SidePanel>('edit');
  const [serverProblems, setServerProblems] = useState<StepProblem[]>([]);
  const [blocked, setBlocked] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [trace, setTrace] = useState<TraceItem[] | null>(null);
  const [figures, setFigures] = useState<Map<string, string> | null>(null);
  const sideHeading = useRef<HTMLHeadingElement>(null);
  const problemsRef = useRef<HTMLDivElement>(null);

  const dirty = snapshot(name, definition) !== saved;
  useUnsavedGuard(dirty, t('journeys.leaveConfirm'));
  const shownView = narrow ? 'outline' : view;

  const names = useMemo<OptionNames>(
    () => ({
      templates: new Map(options.templates.map((item) => [item.id, item.name])),
      segments: new Map(options.segments.map((item) => [item.id, item.name])),
      prompts: new Map(options.prompts.map((item) => [item.id, item.name])),
      surveys: new Map(options.surveys.map((item) => [item.id, item.name])),
      inboxes: new Map(options.inboxes.map((item) => [item.id, item.name])),
    }),
    [options],
  );

  const clientProblems = useMemo(() => validateDefinition(definition), [definition]);
  const problems = useMemo(
    () =>
      groupProblems(definition, [
        ...clientProblems.map((problem) => ({ stepId: problem.stepId, text: describeProblem(t, problem) })),
        ...serverProblems.map((problem) => ({ stepId: problem.stepId, text: describeProblem(t, problem) })),
      ]),
    [definition, clientProblems, serverProblems, t],
  );
  const tracePath = useMemo(() => (trace ? readTracePath(trace) : []), [trace]);

  const edit = useCallback((change: (current: JourneyDefinition) => JourneyDefinition) => {
    setDefinition(change);
    setServerProblems([]);
    setNotice(null);
  }, []);

  const stepName = useCallback(
    (stepId: string) => {
      const step = definition.steps.find((candidate) => candidate.id === stepId);
      return step ? nameStep(t, step) : stepId;
    },
    [definition, t],
  );

  function select(nodeId: string | null, focusPanel = false) {
    setSelected(nodeId);
    if (nodeId) setSide('edit');
    if (focusPanel) requestAnimationFrame(() => sideHeading.current?.focus());
  }

  function addAfter(source: string, handle: OutletHandle, kind: JourneyStepKind, focusPanel = false) {
    const result = addStep(definition, kind, { after: { stepId: source, handle } });
    edit(() => result.definition);
    select(result.stepId, focusPanel);
  }

  function addFromPalette(kind: JourneyStepKind) {
    const anchor = selected === ENTRY_NODE_ID ? { stepId: ENTRY_NODE_ID, handle: 'next' as const } : null;
    const step = definition.steps.find((candidate) => candidate.id === selected);
    if (step) {
      addAfter(step.id, listOutlets(step)[0]?.handle ?? 'next', kind);
      return;
    }
    if (anchor) {
      addAfter(anchor.stepId, anchor.handle, kind);
      return;
    }
    const positions = [...layoutSteps(definition).values()];
    const bottom = Math.max(0, ...positions.map((position) => position.y));
    const result = addStep(definition, kind, { position: { x: 0, y: bottom + 170 } });
    edit(() => result.definition);
    select(result.stepId);
  }

  function deleteStep(stepId: string) {
    edit((current) => removeStep(current, stepId));
    if (selected === stepId) setSelected(ENTRY_NODE_ID);
  }

  async function save(): Promise<Journey | null> {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const result = await updateJourney(accountId, journey.id, { name: name.trim(), definition });
      setJourney(result);
      setName(result.name);
      setDefinition(result.definition);
      setSaved(snapshot(result.name, result.definition));
      setNotice(t('journeys.saved'));
      return result;
    } catch (reason) {
      setError(reason);
      return null;
    } finally {
      setBusy(false);
    }
  }

  async function publish() {
    if (clientProblems.length > 0) {
      setBlocked(true);
      requestAnimationFrame(() => problemsRef.current?.focus());
      return;
    }
    setBlocked(false);
    if (dirty && !(await save())) return;
    setBusy(true);
    setError(null);
    try {
      const result = await publishJourney(accountId, journey.id);
      setJourney(result);
      setServerProblems([]);
      setNotice(t('journeys.published'));
    } catch (reason) {
      const stepProblems = readStepProblems(reason);
      if (stepProblems.length > 0) {
        setServerProblems(stepProblems);
        requestAnimationFrame(() => problemsRef.current?.focus());
      } else setError(reason);
    } finally {
      setBusy(false);
    }
  }

  async function pause() {
    setBusy(true);
    setError(null);
    try {
      setJourney(await pauseJourney(accountId, journey.id));
      setNotice(t('journeys.paused'));
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(false);
    }
  }

  const selectedStep = definition.steps.find((step) => step.id === selected) ?? null;
  const listedProblems = [
    ...(blocked ? clientProblems.map((problem) => ({ stepId: problem.stepId, text: describeProblem(t, problem) })) : []),
    ...serverProblems.map((problem) => ({ stepId: problem.stepId, text: problem.message })),
  ];

  return (
    <div className="journey-editor">
      <PageHeader
        title={name || journey.name}
        before={<Link className="back-link" to={paths.experience(accountId, 'journeys')}>← {t('journeys.back')}</Link>}
        description={
          <span className="journey-status-line">
            <JourneyStatusBadge status={journey.status} />
            {journey.hasUnpublishedChanges && journey.status !== 'draft' ? <span className="badge badge-note">{t('journeys.unpublishedChanges')}</span> : null}
            {dirty ? <span className="badge badge-note journey-dirty">{t('journeys.unsaved')}</span> : null}
          </span>
        }
        actions={
          <>
            <button type="button" className="button button-secondary" disabled={busy || !dirty || name.trim() === ''} onClick={() => void save()}>
              {t('journeys.save')}
            </button>
            <button type="button" className="button button-primary" disabled={busy || name.trim() === ''} onClick={() => void publish()}>
              {t('journeys.publish')}
            </button>
            {journey.status === 'live' ? (
              <button type="button" className="button button-secondary" disabled={busy} onClick={() => void pause()}>
                {t('journeys.pause')}
              </button>
            ) : null}
          </>
        }
      />
      <div aria-live="polite" className="journey-live">
        {notice ? <p className="notice notice-info">{notice}</p> : null}
      </div>
      <ErrorNotice error={error} />
      {optionsFailed ? <p className="notice notice-warning">{t('journeys.optionsFailed')}</p> : null}
      {listedProblems.length > 0 ? (
        <div className="notice notice-error journey-problem-summary" role="alert" tabIndex={-1} ref={problemsRef}>
          <p className="notice-title">{serverProblems.length > 0 ? t('journeys.serverProblems') : t('journeys.publishBlocked')}</p>
          <ul>
            {listedProblems.map((problem, index) => (
              <li key={index}>
                {problem.stepId ? (
                  <button type="button" className="link-button" onClick={() => select(problem.stepId, true)}>
                    {stepName(problem.stepId)}
                  </button>
                ) : (
                  t('journeys.problem.entry')
                )}
                : {problem.text}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <div className="journey-toolbar">
        {narrow ? null : (
          <div className="segmented" role="group" aria-label={t('journeys.view')}>
            <ul>
              {(['canvas', 'outline'] as const).map((value) => (
                <li key={value}>
                  <button type="button" className="segmented-item" aria-pressed={view === value} onClick={() => setView(value)}>
                    {t(`journeys.${value}`)}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
        {shownView === 'canvas' ? (
          <button type="button" className="button button-ghost button-small" onClick={() => edit(applyLayout)}>
            {t('journeys.tidy')}
          </button>
        ) : null}
        <div className="segmented journey-side-tabs" role="group" aria-label={t('journeys.actions')}>
          <ul>
            {(['edit', 'test', 'analytics'] as const).map((value) => (
              <li key={value}>
                <button type="button" className="segmented-item" aria-pressed={side === value} onClick={() => setSide(value)}>
                  {value === 'edit' ? t('journeys.edit') : value === 'test' ? t('journeys.test') : t('journeys.analytics')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      </div>

      <div className={`journey-editor-body journey-view-${shownView}`}>
        {shownView === 'canvas' ? (
          <aside className="journey-palette" aria-labelledby="journey-palette-title">
            <h2 id="journey-palette-title" className="panel-subtitle">{t('journeys.palette')}</h2>
            <p className="muted small">{t('journeys.paletteHint')}</p>
            <ul className="plain-list">
              {STEP_KINDS.map((kind) => (
                <li key={kind}>
                  <button
                    type="button"
                    className={`journey-palette-item journey-kind-${kind}`}
                    draggable
                    onDragStart={(event) => {
                      event.dataTransfer.setData(STEP_KIND_MIME, kind);
                      event.dataTransfer.effectAllowed = 'copy';
                    }}
                    onClick={() => addFromPalette(kind)}
                  >
                    {kindLabel(t, kind)}
                  </button>
                </li>
              ))}
            </ul>
          </aside>
        ) : null}
        <div className="journey-main">
          {shownView === 'canvas' ? (
            <JourneyCanvas
              definition={definition}
              names={names}
              selected={selected}
              problems={problems}
              tracePath={tracePath}
              figures={figures}
              onSelect={(nodeId) => select(nodeId)}
              onMove={(stepId, position) => setDefinition((current) => moveStep(current, stepId, position))}
              onConnect={(source, handle, target) => edit((current) => connectSteps(current, source, handle, target))}
              onDelete={deleteStep}
              onDropStep={(kind, position) => {
                const result = addStep(definition, kind, { position: { x: Math.round(position.x), y: Math.round(position.y) } });
                edit(() => result.definition);
                select(result.stepId);
              }}
            />
          ) : (
            <JourneyOutline
              definition={definition}
              names={names}
              selected={selected}
              problems={problems}
              tracePath={tracePath}
              onSelect={(nodeId) => select(nodeId, true)}
              onConnect={(source, handle, target) => edit((current) => connectSteps(current, source, handle, target))}
              onAddAfter={(source, handle, kind) => addAfter(source, handle, kind, true)}
              onDelete={(stepId) => {
                deleteStep(stepId);
                // The deleted row's button is gone: focus lands on the panel, which now shows the journey settings.
                select(ENTRY_NODE_ID, true);
              }}
            />
          )}
        </div>
        <aside className="journey-side panel">
          {side === 'edit' ? (
            selectedStep ? (
              <StepPanel
                key={selectedStep.id}
                step={selectedStep}
                options={options}
                problems={problems.get(selectedStep.id) ?? []}
                headingRef={sideHeading}
                canDelete={definition.steps.length > 1}
                onChange={(next) => edit((current) => updateStep(current, selectedStep.id, () => next))}
                onDelete={() => deleteStep(selectedStep.id)}
              />
            ) : (
              <section className="journey-side-section" aria-labelledby="journey-settings-title">
                <h2 id="journey-settings-title" className="panel-title" tabIndex={-1} ref={sideHeading}>
                  {t('journeys.settings')}
                </h2>
                <JourneySettingsFields name={name} onNameChange={setName} definition={definition} segments={options.segments} onChange={(next) => edit(() => next)} />
              </section>
            )
          ) : null}
          {side === 'test' ? <JourneyTestPanel accountId={accountId} journeyId={journey.id} dirty={dirty} stepName={stepName} onTrace={setTrace} /> : null}
          {side === 'analytics' ? <JourneyAnalyticsPanel accountId={accountId} journeyId={journey.id} stepName={stepName} onFigures={setFigures} /> : null}
        </aside>
      </div>
    </div>
  );
}

function StepPanel({
  step,
  options,
  problems,
  headingRef,
  canDelete,
  onChange,
  onDelete,
}: {
  step: JourneyStep;
  options: PickerOptions;
  problems: string[];
  headingRef: RefObject<HTMLHeadingElement | null>;
  canDelete: boolean;
  onChange(step: JourneyStep): void;
  onDelete(): void;
}) {
  const { t } = useI18n();
  return (
    <section className="journey-side-section" aria-labelledby="journey-step-title">
      <h2 id="journey-step-title" className="panel-title" tabIndex={-1} ref={headingRef}>
        {kindLabel(t, step.kind)} <code className="muted small">{step.id}</code>
      </h2>
      {problems.length > 0 ? (
        <ul className="journey-problems">
          {problems.map((problem, index) => (
            <li key={index}>{problem}</li>
          ))}
        </ul>
      ) : null}
      <div className="stack">
        <div className="field">
          <label htmlFor="journey-step-name">{t('journeys.field.stepName')}</label>
          <input
            id="journey-step-name"
            className="input"
            maxLength={120}
            value={step.name ?? ''}
            onChange={(event) => {
              const { name: _old, ...rest } = step;
              onChange(event.target.value ? { ...rest, name: event.target.value } as JourneyStep : rest as JourneyStep);
            }}
            autoComplete="off"
          />
        </div>
        <StepFields step={step} options={options} onChange={onChange} />
        {canDelete ? (
          <button type="button" className="button button-danger-quiet button-small" onClick={onDelete}>
            {t('journeys.deleteStep')}
          </button>
        ) : null}
      </div>
    </section>
  );
}
