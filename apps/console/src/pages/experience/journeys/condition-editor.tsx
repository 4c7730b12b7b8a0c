import { useId } from 'react';
import {
  ATTRIBUTE_OPERATORS,
  COUNT_OPERATORS,
  SURVEY_KINDS,
  SURVEY_OPERATORS,
  type Condition,
  type ConditionGroup,
  type SegmentOption,
} from '../../../api/journey-endpoints.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../../i18n/messages.ts';

type RowKind = 'attribute' | 'event' | 'survey' | 'segment';
const ROW_KINDS: readonly RowKind[] = ['attribute', 'event', 'survey', 'segment'];

/** Conditions as the editor shows them: always a top-level all/any group of rows (nested groups are kept as they are). */
export function toConditionGroup(condition: Condition | undefined): ConditionGroup {
  if (!condition) return { kind: 'all', conditions: [] };
  if (condition.kind === 'all' || condition.kind === 'any') return condition;
  return { kind: 'all', conditions: [condition] };
}

export function createConditionRow(kind: RowKind, segments: SegmentOption[]): Condition {
  switch (kind) {
    case 'attribute':
      return { kind, key: '', operator: 'eq', value: '' };
    case 'event':
      return { kind, name: '', operator: 'gte', count: 1, withinDays: 30 };
    case 'survey':
      return { kind, survey: 'nps', match: 'latest', operator: 'lte', score: 6 };
    case 'segment':
      return { kind, segmentId: segments[0]?.id ?? '', member: true };
  }
}

const NO_VALUE = new Set(['exists', 'not_exists']);

/** Reads a typed attribute value back from its text: numbers and true/false become what they look like. */
function parseScalar(text: string): string | number | boolean {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text.trim() !== '' && !Number.isNaN(Number(text))) return Number(text);
  return text;
}

/** A compact editor for core/experience.ts `Condition`: rows of attribute/event/survey/segment tests under all/any. */
export function ConditionEditor({ label, value, segments, onChange }: { label: string; value: Condition | undefined; segments: SegmentOption[]; onChange(condition: ConditionGroup): void }) {
  const { t } = useI18n();
  const id = useId();
  const group = toConditionGroup(value);
  const setRow = (index: number, row: Condition) => onChange({ ...group, conditions: group.conditions.map((current, position) => (position === index ? row : current)) });

  return (
    <fieldset className="condition-editor">
      <legend>{label}</legend>
      <div className="field">
        <label htmlFor={`${id}-match`}>{t('journeys.condition.match')}</label>
        <select id={`${id}-match`} className="select select-small" value={group.kind} onChange={(event) => onChange({ ...group, kind: event.target.value as 'all' | 'any' })}>
          <option value="all">{t('journeys.condition.all')}</option>
          <option value="any">{t('journeys.condition.any')}</option>
        </select>
      </div>
      {group.conditions.length === 0 ? <p className="muted small">{t('journeys.condition.empty')}</p> : null}
      <ol className="condition-rows">
        {group.conditions.map((row, index) => {
          const rowId = `${id}-${index}`;
          const number = index + 1;
          return (
            <li key={index} className="condition-row">
              {row.kind === 'all' || row.kind === 'any' ? (
                <span className="muted small">{t('journeys.condition.group')}: {t(`journeys.condition.${row.kind}`)} ({row.conditions.length})</span>
              ) : (
                <>
                  <select
                    aria-label={t('journeys.condition.kind', { index: number })}
                    className="select select-small"
                    value={row.kind}
                    onChange={(event) => setRow(index, createConditionRow(event.target.value as RowKind, segments))}
                  >
                    {ROW_KINDS.map((kind) => (
                      <option key={kind} value={kind}>
                        {t(`journeys.condition.${kind}`)}
                      </option>
                    ))}
                  </select>
                  <ConditionRowFields rowId={rowId} row={row as Exclude<Condition, ConditionGroup>} segments={segments} onChange={(next) => setRow(index, next)} />
                </>
              )}
              <button
                type="button"
                className="button button-ghost button-small"
                aria-label={t('journeys.condition.remove', { index: number })}
                onClick={() => onChange({ ...group, conditions: group.conditions.filter((_, position) => position !== index) })}
              >
                ×
              </button>
            </li>
          );
        })}
      </ol>
      <button type="button" className="button button-secondary button-small" onClick={() => onChange({ ...group, conditions: [...group.conditions, createConditionRow('attribute', segments)] })}>
        {t('journeys.condition.add')}
      </button>
    </fieldset>
  );
}

function ConditionRowFields({ rowId, row, segments, onChange }: { rowId: string; row: Exclude<Condition, ConditionGroup>; segments: SegmentOption[]; onChange(row: Condition): void }) {
  const { t } = useI18n();
  const op = (operator: string) => t(`journeys.op.${operator}` as MessageKey);
  switch (row.kind) {
    case 'attribute':
      return (
        <>
          <input aria-label={t('journeys.condition.key')} className="input input-small" placeholder="plan" value={row.key} onChange={(event) => onChange({ ...row, key: event.target.value })} />
          <select aria-label={t('journeys.condition.operator')} className="select select-small" value={row.operator} onChange={(event) => onChange({ ...row, operator: event.target.value as typeof row.operator })}>
            {ATTRIBUTE_OPERATORS.map((operator) => (
              <option key={operator} value={operator}>{op(operator)}</option>
            ))}
          </select>
          {NO_VALUE.has(row.operator) ? null : (
            <input id={`${rowId}-value`} aria-label={t('journeys.condition.value')} className="input input-small" value={row.value === undefined ? '' : String(row.value)} onChange={(event) => onChange({ ...row, value: parseScalar(event.target.value) })} />
          )}
        </>
      );
    case 'event':
      return (
        <>
          <input aria-label={t('journeys.condition.eventName')} className="input input-small" placeholder="order.placed" value={row.name} onChange={(event) => onChange({ ...row, name: event.target.value })} />
          <select aria-label={t('journeys.condition.operator')} className="select select-small" value={row.operator} onChange={(event) => onChange({ ...row, operator: event.target.value as typeof row.operator })}>
            {COUNT_OPERATORS.map((operator) => (
              <option key={operator} value={operator}>{op(operator)}</option>
            ))}
          </select>
          <input aria-label={t('journeys.condition.count')} className="input input-tiny" type="number" min={0} value={row.count} onChange={(event) => onChange({ ...row, count: Math.max(0, Math.trunc(Number(event.target.value) || 0)) })} />
          <input
            aria-label={t('journeys.condition.withinDays')}
            className="input input-tiny"
            type="number"
            min={1}
            max={3650}
            value={row.withinDays ?? ''}
            onChange={(event) => {
              const { withinDays: _dropped, ...rest } = row;
              const days = Math.trunc(Number(event.target.value));
              onChange(event.target.value === '' || !days ? rest : { ...rest, withinDays: Math.min(3650, Math.max(1, days)) });
            }}
          />
        </>
      );
    case 'survey':
      return (
        <>
          <select aria-label={t('journeys.condition.surveyKind')} className="select select-small" value={row.survey} onChange={(event) => onChange({ ...row, survey: event.target.value as typeof row.survey })}>
            {SURVEY_KINDS.map((kind) => (
              <option key={kind} value={kind}>{kind.toUpperCase()}</option>
            ))}
          </select>
          <select aria-label={t('journeys.condition.operator')} className="select select-small" value={row.operator} onChange={(event) => onChange({ ...row, operator: event.target.value as typeof row.operator })}>
            {SURVEY_OPERATORS.map((operator) => (
              <option key={operator} value={operator}>{op(operator)}</option>
            ))}
          </select>
          {row.operator === 'answered' || row.operator === 'not_answered' ? null : (
            <input aria-label={t('journeys.condition.score')} className="input input-tiny" type="number" min={0} max={10} value={row.score ?? 0} onChange={(event) => onChange({ ...row, score: Math.min(10, Math.max(0, Math.trunc(Number(event.target.value) || 0))) })} />
          )}
        </>
      );
    case 'segment':
      return (
        <>
          <select aria-label={t('journeys.condition.member')} className="select select-small" value={row.member ? 'yes' : 'no'} onChange={(event) => onChange({ ...row, member: event.target.value === 'yes' })}>
            <option value="yes">{t('journeys.condition.isMember')}</option>
            <option value="no">{t('journeys.condition.notMember')}</option>
          </select>
          <select aria-label={t('journeys.field.segment')} className="select select-small" value={row.segmentId} onChange={(event) => onChange({ ...row, segmentId: event.target.value })}>
            <option value="">{t('journeys.choose')}</option>
            {segments.map((segment) => (
              <option key={segment.id} value={segment.id}>{segment.name}</option>
            ))}
          </select>
        </>
      );
  }
}
