import { useId } from 'react';
import type {
  AttributeCondition, AttributeOperator, Condition, ConditionGroup, CountOperator, EventCondition, PropertyOperator, SegmentSummary, SurveyCondition,
} from '../../../api/segment-endpoints.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../../i18n/messages.ts';

type ValueType = 'text' | 'number' | 'date' | 'boolean';

/** Attribute keys offered in the picker, with the value type their operators and inputs follow. */
const ATTRIBUTE_KEYS: { key: string; label: MessageKey; type: ValueType }[] = [
  { key: 'email', label: 'segments.field.email', type: 'text' },
  { key: 'phone', label: 'segments.field.phone', type: 'text' },
  { key: 'name', label: 'segments.field.name', type: 'text' },
  { key: 'locale', label: 'segments.field.locale', type: 'text' },
  { key: 'timeZone', label: 'segments.field.timeZone', type: 'text' },
  { key: 'createdAt', label: 'segments.field.createdAt', type: 'date' },
  { key: 'traits.orderCount', label: 'segments.field.orderCount', type: 'number' },
  { key: 'traits.lifetimeValue', label: 'segments.field.lifetimeValue', type: 'number' },
  { key: 'traits.lastSeenAt', label: 'segments.field.lastSeenAt', type: 'date' },
  { key: 'traits.firstSeenAt', label: 'segments.field.firstSeenAt', type: 'date' },
];
const CUSTOM = 'attributes.';

const OPERATORS_BY_TYPE: Record<ValueType, AttributeOperator[]> = {
  text: ['eq', 'neq', 'contains', 'exists', 'not_exists'],
  number: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'exists', 'not_exists'],
  date: ['within_days', 'before_days_ago', 'exists', 'not_exists'],
  boolean: ['eq', 'neq', 'exists', 'not_exists'],
};
const COUNT_OPERATORS: CountOperator[] = ['gte', 'lte', 'eq'];
const PROPERTY_OPERATORS: PropertyOperator[] = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'contains'];
const MAX_SCORE = { nps: 10, csat: 5, ces: 7 } as const;

/** Events a designer picks most often; any other name can be typed. */
export const SUGGESTED_EVENTS = ['order.placed', 'survey.answered', 'message.received', 'prompt.clicked', 'return.requested', 'page', 'signed_up', 'checkout_started'];

const operatorLabel = (operator: string): MessageKey => `segments.op.${operator}` as MessageKey;

function typeOfAttribute(condition: AttributeCondition): ValueType {
  const known = ATTRIBUTE_KEYS.find((item) => item.key === condition.key);
  if (known) return known.type;
  if (condition.operator === 'within_days' || condition.operator === 'before_days_ago') return 'date';
  if (typeof condition.value === 'number') return 'number';
  if (typeof condition.value === 'boolean') return 'boolean';
  return 'text';
}

/** A new row of the given kind with sensible defaults. */
export function newCondition(kind: Condition['kind'], segments: readonly SegmentSummary[] = []): Condition {
  switch (kind) {
    case 'attribute':
      return { kind: 'attribute', key: 'email', operator: 'exists' };
    case 'event':
      return { kind: 'event', name: 'order.placed', operator: 'gte', count: 1, withinDays: 30 };
    case 'survey':
      return { kind: 'survey', survey: 'nps', match: 'latest', operator: 'lte', score: 6 };
    case 'segment':
      return { kind: 'segment', segmentId: segments[0]?.id ?? '', member: true };
    case 'all':
    case 'any':
      return { kind, conditions: [] };
  }
}

/** Whether every row can be sent (a segment row needs a segment, an event row a name…). */
export function isConditionComplete(condition: Condition): boolean {
  switch (condition.kind) {
    case 'attribute':
      return condition.key.length > 0 && condition.key !== CUSTOM && (condition.operator === 'exists' || condition.operator === 'not_exists' || (condition.value !== undefined && condition.value !== ''));
    case 'event':
      return condition.name.trim().length > 0 && (condition.where ?? []).every((filter) => filter.property.trim().length > 0);
    case 'survey':
      return condition.operator === 'answered' || condition.operator === 'not_answered' || condition.score !== undefined;
    case 'segment':
      return condition.segmentId.length > 0;
    case 'all':
    case 'any':
      return condition.conditions.every(isConditionComplete);
  }
}

const toNumber = (text: string) => (text.trim() === '' ? undefined : Number(text));

interface RowProps<C> {
  condition: C;
  onChange(next: Condition): void;
  id: string;
}

function AttributeRow({ condition, onChange, id }: RowProps<AttributeCondition>) {
  const { t } = useI18n();
  const type = typeOfAttribute(condition);
  const isCustom = condition.key.startsWith(CUSTOM);
  const operators = OPERATORS_BY_TYPE[type];
  const needsValue = condition.operator !== 'exists' && condition.operator !== 'not_exists';
  const isDays = condition.operator === 'within_days' || condition.operator === 'before_days_ago';
  function setKey(key: string) {
    const nextType = key === CUSTOM ? 'text' : (ATTRIBUTE_KEYS.find((item) => item.key === key)?.type ?? 'text');
    const keepOperator = OPERATORS_BY_TYPE[nextType].includes(condition.operator);
    onChange({ kind: 'attribute', key, operator: keepOperator ? condition.operator : OPERATORS_BY_TYPE[nextType][0]!, ...(keepOperator && condition.value !== undefined ? { value: condition.value } : {}) });
  }
  function setCustomType(nextType: ValueType) {
    onChange({ kind: 'attribute', key: condition.key, operator: OPERATORS_BY_TYPE[nextType][0]!, ...(nextType === 'boolean' ? { value: true } : {}) });
  }
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-key`}>{t('segments.attribute')}</label>
        <select id={`${id}-key`} className="select" value={isCustom ? CUSTOM : condition.key} onChange={(event) => setKey(event.target.value)}>
          {ATTRIBUTE_KEYS.map((item) => <option key={item.key} value={item.key}>{t(item.label)}</option>)}
          <option value={CUSTOM}>{t('segments.field.custom')}</option>
        </select>
      </div>
      {isCustom ? (
        <>
          <div className="field">
            <label htmlFor={`${id}-custom`}>{t('segments.customKey')}</label>
            <input id={`${id}-custom`} className="input" value={condition.key.slice(CUSTOM.length)} pattern="[A-Za-z0-9_][A-Za-z0-9_\-]*" maxLength={64} required onChange={(event) => onChange({ ...condition, key: CUSTOM + event.target.value.trim() })} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-type`}>{t('segments.valueType')}</label>
            <select id={`${id}-type`} className="select" value={type} onChange={(event) => setCustomType(event.target.value as ValueType)}>
              {(['text', 'number', 'boolean', 'date'] as const).map((item) => <option key={item} value={item}>{t(`segments.type.${item}` as MessageKey)}</option>)}
            </select>
          </div>
        </>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-op`}>{t('segments.operator')}</label>
        <select id={`${id}-op`} className="select" value={condition.operator} onChange={(event) => {
          const operator = event.target.value as AttributeOperator;
          const days = operator === 'within_days' || operator === 'before_days_ago';
          onChange({ kind: 'attribute', key: condition.key, operator, ...(days ? { value: typeof condition.value === 'number' ? condition.value : 7 } : condition.value !== undefined && operator !== 'exists' && operator !== 'not_exists' ? { value: condition.value } : {}) });
        }}>
          {operators.map((operator) => <option key={operator} value={operator}>{t(operatorLabel(operator))}</option>)}
        </select>
      </div>
      {needsValue ? (
        type === 'boolean' ? (
          <div className="field">
            <label htmlFor={`${id}-value`}>{t('segments.value')}</label>
            <select id={`${id}-value`} className="select" value={String(condition.value ?? true)} onChange={(event) => onChange({ ...condition, value: event.target.value === 'true' })}>
              <option value="true">{t('segments.true')}</option>
              <option value="false">{t('segments.false')}</option>
            </select>
          </div>
        ) : (
          <div className="field">
            <label htmlFor={`${id}-value`}>{isDays ? t('segments.days') : t('segments.value')}</label>
            <input
              id={`${id}-value`}
              className="input segment-value-input"
              type={type === 'number' || isDays ? 'number' : 'text'}
              min={isDays ? 0 : undefined}
              step={type === 'number' && !isDays ? 'any' : 1}
              required
              value={condition.value === undefined ? '' : String(condition.value)}
              onChange={(event) => onChange({ ...condition, value: type === 'number' || isDays ? toNumber(event.target.value) : event.target.value })}
            />
          </div>
        )
      ) : null}
    </>
  );
}

function EventRow({ condition, onChange, id }: RowProps<EventCondition>) {
  const { t } = useI18n();
  const where = condition.where ?? [];
  const setWhere = (next: NonNullable<EventCondition['where']>) => onChange({ ...condition, ...(next.length > 0 ? { where: next } : { where: undefined }) });
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('segments.eventName')}</label>
        <input id={`${id}-name`} className="input" list={`${id}-names`} required maxLength={200} value={condition.name} onChange={(event) => onChange({ ...condition, name: event.target.value })} />
        <datalist id={`${id}-names`}>{SUGGESTED_EVENTS.map((name) => <option key={name} value={name} />)}</datalist>
      </div>
      <div className="field">
        <label htmlFor={`${id}-op`}>{t('segments.times')}</label>
        <select id={`${id}-op`} className="select" value={condition.operator} onChange={(event) => onChange({ ...condition, operator: event.target.value as CountOperator })}>
          {COUNT_OPERATORS.map((operator) => <option key={operator} value={operator}>{t(operatorLabel(`count_${operator}`))}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-count`}>{t('segments.count')}</label>
        <input id={`${id}-count`} className="input segment-number-input" type="number" min={0} step={1} required value={condition.count} onChange={(event) => onChange({ ...condition, count: Math.max(0, Math.floor(Number(event.target.value) || 0)) })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-within`}>{t('segments.withinDays')}</label>
        <input id={`${id}-within`} className="input segment-number-input" type="number" min={1} max={3650} step={1} placeholder={t('segments.ever')} value={condition.withinDays ?? ''} onChange={(event) => onChange({ ...condition, withinDays: toNumber(event.target.value) })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-distinct`}>{t('segments.distinctProperty')}</label>
        <input id={`${id}-distinct`} className="input" maxLength={120} placeholder={t('segments.distinctPlaceholder')} value={condition.distinctProperty ?? ''} onChange={(event) => onChange({ ...condition, distinctProperty: event.target.value.trim() || undefined })} />
      </div>
      {where.map((filter, index) => (
        <fieldset key={index} className="segment-filter">
          <legend>{t('segments.whereLegend', { n: index + 1 })}</legend>
          <div className="field">
            <label htmlFor={`${id}-w${index}-p`}>{t('segments.property')}</label>
            <input id={`${id}-w${index}-p`} className="input" required maxLength={120} value={filter.property} onChange={(event) => setWhere(where.map((f, i) => (i === index ? { ...f, property: event.target.value } : f)))} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-w${index}-o`}>{t('segments.operator')}</label>
            <select id={`${id}-w${index}-o`} className="select" value={filter.operator} onChange={(event) => setWhere(where.map((f, i) => (i === index ? { ...f, operator: event.target.value as PropertyOperator } : f)))}>
              {PROPERTY_OPERATORS.map((operator) => <option key={operator} value={operator}>{t(operatorLabel(operator))}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-w${index}-v`}>{t('segments.value')}</label>
            <input id={`${id}-w${index}-v`} className="input" value={String(filter.value)} onChange={(event) => {
              const text = event.target.value;
              const numeric = filter.operator !== 'contains' && /^-?\d+(\.\d+)?$/.test(text.trim());
              setWhere(where.map((f, i) => (i === index ? { ...f, value: numeric ? Number(text) : text } : f)));
            }} />
          </div>
          <button type="button" className="button button-ghost button-small" onClick={() => setWhere(where.filter((_, i) => i !== index))}>{t('segments.removeFilter')}</button>
        </fieldset>
      ))}
      {where.length < 10 ? (
        <button type="button" className="button button-ghost button-small segment-add-filter" onClick={() => setWhere([...where, { property: '', operator: 'eq', value: '' }])}>{t('segments.addFilter')}</button>
      ) : null}
    </>
  );
}

function SurveyRow({ condition, onChange, id }: RowProps<SurveyCondition>) {
  const { t } = useI18n();
  const needsScore = condition.operator !== 'answered' && condition.operator !== 'not_answered';
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-survey`}>{t('segments.surveyKind')}</label>
        <select id={`${id}-survey`} className="select" value={condition.survey} onChange={(event) => onChange({ ...condition, survey: event.target.value as SurveyCondition['survey'] })}>
          <option value="nps">NPS</option>
          <option value="csat">CSAT</option>
          <option value="ces">CES</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-match`}>{t('segments.surveyMatch')}</label>
        <select id={`${id}-match`} className="select" value={condition.match} onChange={(event) => onChange({ ...condition, match: event.target.value as SurveyCondition['match'] })}>
          <option value="latest">{t('segments.surveyLatest')}</option>
          <option value="any">{t('segments.surveyAny')}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-op`}>{t('segments.operator')}</label>
        <select id={`${id}-op`} className="select" value={condition.operator} onChange={(event) => onChange({ ...condition, operator: event.target.value as SurveyCondition['operator'] })}>
          {(['lte', 'gte', 'eq', 'answered', 'not_answered'] as const).map((operator) => <option key={operator} value={operator}>{t(operatorLabel(`score_${operator}`))}</option>)}
        </select>
      </div>
      {needsScore ? (
        <div className="field">
          <label htmlFor={`${id}-score`}>{t('segments.score')}</label>
          <input id={`${id}-score`} className="input segment-number-input" type="number" min={0} max={MAX_SCORE[condition.survey]} step={1} required value={condition.score ?? ''} onChange={(event) => onChange({ ...condition, score: toNumber(event.target.value) })} />
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-within`}>{t('segments.withinDays')}</label>
        <input id={`${id}-within`} className="input segment-number-input" type="number" min={1} max={3650} step={1} placeholder={t('segments.ever')} value={condition.withinDays ?? ''} onChange={(event) => onChange({ ...condition, withinDays: toNumber(event.target.value) })} />
      </div>
    </>
  );
}

function ConditionRow({ condition, onChange, onRemove, segments, depth, index }: { condition: Condition; onChange(next: Condition): void; onRemove(): void; segments: readonly SegmentSummary[]; depth: number; index: number }) {
  const { t } = useI18n();
  const id = useId();
  const kind = condition.kind === 'any' ? 'all' : condition.kind;
  return (
    <li className="segment-row">
      <div className="segment-row-fields">
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('segments.rowKind', { n: index + 1 })}</label>
          <select id={`${id}-kind`} className="select" value={kind} onChange={(event) => onChange(newCondition(event.target.value as Condition['kind'], segments))}>
            <option value="attribute">{t('segments.kind.attribute')}</option>
            <option value="event">{t('segments.kind.event')}</option>
            <option value="survey">{t('segments.kind.survey')}</option>
            <option value="segment">{t('segments.kind.segment')}</option>
            {depth < 2 ? <option value="all">{t('segments.kind.group')}</option> : null}
          </select>
        </div>
        {condition.kind === 'attribute' ? <AttributeRow condition={condition} onChange={onChange} id={id} /> : null}
        {condition.kind === 'event' ? <EventRow condition={condition} onChange={onChange} id={id} /> : null}
        {condition.kind === 'survey' ? <SurveyRow condition={condition} onChange={onChange} id={id} /> : null}
        {condition.kind === 'segment' ? (
          <>
            <div className="field">
              <label htmlFor={`${id}-member`}>{t('segments.membership')}</label>
              <select id={`${id}-member`} className="select" value={String(condition.member)} onChange={(event) => onChange({ ...condition, member: event.target.value === 'true' })}>
                <option value="true">{t('segments.isMember')}</option>
                <option value="false">{t('segments.isNotMember')}</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-segment`}>{t('segments.segment')}</label>
              <select id={`${id}-segment`} className="select" required value={condition.segmentId} onChange={(event) => onChange({ ...condition, segmentId: event.target.value })}>
                <option value="">{t('segments.chooseSegment')}</option>
                {segments.map((segment) => <option key={segment.id} value={segment.id}>{segment.name}</option>)}
              </select>
            </div>
          </>
        ) : null}
      </div>
      {condition.kind === 'all' || condition.kind === 'any' ? <ConditionGroupEditor group={condition} onChange={onChange} segments={segments} depth={depth + 1} /> : null}
      <button type="button" className="button button-ghost button-small segment-row-remove" onClick={onRemove} aria-label={t('segments.removeRowLabel', { n: index + 1 })}>
        {t('segments.removeRow')}
      </button>
    </li>
  );
}

/** A group of rows joined by "all" or "any"; a row may itself be a group (two levels deep). */
export function ConditionGroupEditor({ group, onChange, segments, depth = 0 }: { group: ConditionGroup; onChange(next: ConditionGroup): void; segments: readonly SegmentSummary[]; depth?: number }) {
  const { t } = useI18n();
  const id = useId();
  const replace = (index: number, next: Condition) => onChange({ ...group, conditions: group.conditions.map((c, i) => (i === index ? next : c)) });
  return (
    <fieldset className={`segment-group segment-group-depth-${depth}`}>
      <legend className="segment-group-legend">
        <label htmlFor={`${id}-join`}>{depth === 0 ? t('segments.matchLabel') : t('segments.groupMatchLabel')}</label>{' '}
        <select id={`${id}-join`} className="select" value={group.kind} onChange={(event) => onChange({ ...group, kind: event.target.value as 'all' | 'any' })}>
          <option value="all">{t('segments.matchAll')}</option>
          <option value="any">{t('segments.matchAny')}</option>
        </select>
      </legend>
      {group.conditions.length === 0 ? <p className="muted">{group.kind === 'all' ? t('segments.emptyAll') : t('segments.emptyAny')}</p> : null}
      <ol className="segment-rows">
        {group.conditions.map((condition, index) => (
          <ConditionRow key={index} index={index} condition={condition} segments={segments} depth={depth} onChange={(next) => replace(index, next)} onRemove={() => onChange({ ...group, conditions: group.conditions.filter((_, i) => i !== index) })} />
        ))}
      </ol>
      {group.conditions.length < 50 ? (
        <button type="button" className="button button-secondary button-small" onClick={() => onChange({ ...group, conditions: [...group.conditions, newCondition('attribute', segments)] })}>
          {t('segments.addRow')}
        </button>
      ) : null}
    </fieldset>
  );
}
