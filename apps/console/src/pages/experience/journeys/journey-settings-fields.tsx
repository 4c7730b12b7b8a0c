import { useId } from 'react';
import type { JourneyDefinition, JourneyEntry, SegmentOption } from '../../../api/journey-endpoints.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { ConditionEditor } from './condition-editor.tsx';

const ENTRY_KINDS: readonly JourneyEntry['kind'][] = ['event', 'segment_entered', 'date_attribute'];

function createEntry(kind: JourneyEntry['kind']): JourneyEntry {
  switch (kind) {
    case 'event':
      return { kind, eventName: '' };
    case 'segment_entered':
      return { kind, segmentId: '' };
    case 'date_attribute':
      return { kind, attribute: '', offsetDays: 0, atLocalTime: '09:00', everyYear: true };
  }
}

const clampInt = (text: string, min: number, max: number, fallback: number) => {
  const value = Math.trunc(Number(text));
  return Number.isNaN(value) || text === '' ? fallback : Math.min(max, Math.max(min, value));
};

/** The journey-wide settings, shown when the entry is selected: name, entry, goal, exit, re-entry, priority. */
export function JourneySettingsFields({
  name,
  onNameChange,
  definition,
  segments,
  onChange,
}: {
  name: string;
  onNameChange(name: string): void;
  definition: JourneyDefinition;
  segments: SegmentOption[];
  onChange(definition: JourneyDefinition): void;
}) {
  const { t } = useI18n();
  const id = useId();
  const entry = definition.entry;
  const setEntry = (next: JourneyEntry) => onChange({ ...definition, entry: next });
  const goal = definition.goal;

  return (
    <div className="stack journey-settings">
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('journeys.name')}</label>
        <input id={`${id}-name`} className="input" required maxLength={200} value={name} onChange={(event) => onNameChange(event.target.value)} autoComplete="off" />
      </div>
      <div className="field">
        <label htmlFor={`${id}-entry`}>{t('journeys.entry.kind')}</label>
        <select id={`${id}-entry`} className="select" value={entry.kind} onChange={(event) => setEntry(createEntry(event.target.value as JourneyEntry['kind']))}>
          {ENTRY_KINDS.map((kind) => (
            <option key={kind} value={kind}>{t(`journeys.entry.${kind}`)}</option>
          ))}
        </select>
      </div>
      {entry.kind === 'event' ? (
        <>
          <div className="field">
            <label htmlFor={`${id}-event`}>{t('journeys.field.eventName')}</label>
            <input id={`${id}-event`} className="input" value={entry.eventName} placeholder="order.placed" onChange={(event) => setEntry({ ...entry, eventName: event.target.value })} autoComplete="off" />
          </div>
          <ConditionEditor
            label={t('journeys.entry.where')}
            value={entry.where}
            segments={segments}
            onChange={(where) => {
              const { where: _old, ...rest } = entry;
              setEntry(where.conditions.length > 0 ? { ...rest, where } : rest);
            }}
          />
        </>
      ) : null}
      {entry.kind === 'segment_entered' ? (
        <div className="field">
          <label htmlFor={`${id}-segment`}>{t('journeys.field.segment')}</label>
          <select id={`${id}-segment`} className="select" value={entry.segmentId} onChange={(event) => setEntry({ ...entry, segmentId: event.target.value })}>
            <option value="">{t('journeys.choose')}</option>
            {segments.map((segment) => (
              <option key={segment.id} value={segment.id}>{segment.name}</option>
            ))}
          </select>
        </div>
      ) : null}
      {entry.kind === 'date_attribute' ? (
        <>
          <div className="field">
            <label htmlFor={`${id}-attribute`}>{t('journeys.entry.attribute')}</label>
            <input id={`${id}-attribute`} className="input" value={entry.attribute} aria-describedby={`${id}-attribute-hint`} onChange={(event) => setEntry({ ...entry, attribute: event.target.value })} autoComplete="off" />
            <p id={`${id}-attribute-hint`} className="field-hint">{t('journeys.entry.attributeHint')}</p>
          </div>
          <div className="field">
            <label htmlFor={`${id}-offset`}>{t('journeys.entry.offsetDays')}</label>
            <input id={`${id}-offset`} className="input input-tiny" type="number" min={-365} max={365} value={entry.offsetDays} onChange={(event) => setEntry({ ...entry, offsetDays: clampInt(event.target.value, -365, 365, 0) })} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-at`}>{t('journeys.entry.atLocalTime')}</label>
            <input id={`${id}-at`} className="input input-small" type="time" value={entry.atLocalTime} onChange={(event) => setEntry({ ...entry, atLocalTime: event.target.value || '09:00' })} />
          </div>
          <label className="checkbox-inline">
            <input type="checkbox" checked={entry.everyYear} onChange={(event) => setEntry({ ...entry, everyYear: event.target.checked })} />
            {t('journeys.entry.everyYear')}
          </label>
        </>
      ) : null}

      <fieldset className="journey-goal">
        <legend>{t('journeys.goal')}</legend>
        <label className="checkbox-inline">
          <input type="checkbox" checked={goal !== null} onChange={(event) => onChange({ ...definition, goal: event.target.checked ? { eventName: 'order.placed', withinDays: 30, exitOnGoal: true } : null })} />
          {t('journeys.goal.enabled')}
        </label>
        {goal ? (
          <>
            <div className="field">
              <label htmlFor={`${id}-goal-event`}>{t('journeys.goal.event')}</label>
              <input id={`${id}-goal-event`} className="input" value={goal.eventName} onChange={(event) => onChange({ ...definition, goal: { ...goal, eventName: event.target.value } })} autoComplete="off" />
            </div>
            <div className="field">
              <label htmlFor={`${id}-goal-days`}>{t('journeys.goal.withinDays')}</label>
              <input id={`${id}-goal-days`} className="input input-tiny" type="number" min={1} max={365} value={goal.withinDays} onChange={(event) => onChange({ ...definition, goal: { ...goal, withinDays: clampInt(event.target.value, 1, 365, 30) } })} />
            </div>
            <label className="checkbox-inline">
              <input type="checkbox" checked={goal.exitOnGoal} onChange={(event) => onChange({ ...definition, goal: { ...goal, exitOnGoal: event.target.checked } })} />
              {t('journeys.goal.exitOnGoal')}
            </label>
          </>
        ) : null}
      </fieldset>

      <div className="field">
        <label htmlFor={`${id}-exit`}>{t('journeys.exitOnEvent')}</label>
        <input id={`${id}-exit`} className="input" value={definition.exitOnEvent ?? ''} placeholder="unsubscribed" onChange={(event) => onChange({ ...definition, exitOnEvent: event.target.value.trim() === '' ? null : event.target.value })} autoComplete="off" />
      </div>
      <div className="field">
        <label htmlFor={`${id}-reentry`}>{t('journeys.reentry')}</label>
        <select id={`${id}-reentry`} className="select" value={definition.reentry} onChange={(event) => onChange({ ...definition, reentry: event.target.value as JourneyDefinition['reentry'] })}>
          {(['never', 'after_exit', 'always'] as const).map((value) => (
            <option key={value} value={value}>{t(`journeys.reentry.${value}`)}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-priority`}>{t('journeys.priority')}</label>
        <input id={`${id}-priority`} className="input input-tiny" type="number" min={0} max={100} value={definition.priority} aria-describedby={`${id}-priority-hint`} onChange={(event) => onChange({ ...definition, priority: clampInt(event.target.value, 0, 100, 50) })} />
        <p id={`${id}-priority-hint`} className="field-hint">{t('journeys.priorityHint')}</p>
      </div>
    </div>
  );
}
