import { useId } from 'react';
import {
  JOURNEY_CHANNELS,
  type JourneyChannel,
  type JourneyStep,
  type PromptOption,
  type SegmentOption,
  type SurveyOption,
  type TemplateOption,
} from '../../../api/journey-endpoints.ts';
import type { Inbox } from '../../../api/types.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../../i18n/messages.ts';
import { ConditionEditor } from './condition-editor.tsx';
import { joinDuration, splitDuration, type DurationUnit } from './journey-dates.ts';

/** What the pickers offer, from the other sections' list endpoints. */
export interface PickerOptions {
  templates: TemplateOption[];
  segments: SegmentOption[];
  prompts: PromptOption[];
  surveys: SurveyOption[];
  inboxes: Inbox[];
}

const UNITS: readonly DurationUnit[] = ['minutes', 'hours', 'days'];

function DurationField({ label, seconds, min, onChange }: { label: string; seconds: number; min: number; onChange(seconds: number): void }) {
  const { t } = useI18n();
  const id = useId();
  const { amount, unit } = splitDuration(seconds);
  return (
    <div className="field journey-duration">
      <label htmlFor={`${id}-amount`}>{label}</label>
      <div className="journey-inline">
        <input id={`${id}-amount`} className="input input-tiny" type="number" min={1} value={amount} onChange={(event) => onChange(Math.max(min, joinDuration(Number(event.target.value) || 1, unit)))} />
        <select aria-label={t('journeys.field.unit')} className="select select-small" value={unit} onChange={(event) => onChange(Math.max(min, joinDuration(amount, event.target.value as DurationUnit)))}>
          {UNITS.map((value) => (
            <option key={value} value={value}>{t(`journeys.unit.${value}`)}</option>
          ))}
        </select>
      </div>
    </div>
  );
}

function TextInput({ label, value, onChange, hint, type = 'text', placeholder }: { label: string; value: string; onChange(value: string): void; hint?: string; type?: string; placeholder?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} className="input" type={type} value={value} placeholder={placeholder} aria-describedby={hint ? `${id}-hint` : undefined} onChange={(event) => onChange(event.target.value)} autoComplete="off" />
      {hint ? <p id={`${id}-hint`} className="field-hint">{hint}</p> : null}
    </div>
  );
}

function Picker({ label, value, options, onChange }: { label: string; value: string; options: { id: string; name: string }[]; onChange(value: string): void }) {
  const { t } = useI18n();
  const id = useId();
  const known = value === '' || options.some((option) => option.id === value);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} className="select" value={value} onChange={(event) => onChange(event.target.value)} aria-invalid={value === '' ? true : undefined}>
        <option value="">{t('journeys.choose')}</option>
        {known ? null : <option value={value}>{value}</option>}
        {options.map((option) => (
          <option key={option.id} value={option.id}>{option.name}</option>
        ))}
      </select>
    </div>
  );
}

function ChannelSelect({ value, onChange, channels = JOURNEY_CHANNELS }: { value: JourneyChannel; onChange(value: JourneyChannel): void; channels?: readonly JourneyChannel[] }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{t('journeys.field.channel')}</label>
      <select id={id} className="select" value={value} onChange={(event) => onChange(event.target.value as JourneyChannel)}>
        {channels.map((channel) => (
          <option key={channel} value={channel}>{t(`journeys.channel.${channel}`)}</option>
        ))}
      </select>
    </div>
  );
}

type ValueType = 'string' | 'number' | 'boolean' | 'null';
const typeOfValue = (value: string | number | boolean | null): ValueType => (value === null ? 'null' : (typeof value as ValueType));

/** The typed inputs of one step's own settings (not its links: the outline and canvas edit those). */
export function StepFields({ step, options, onChange }: { step: JourneyStep; options: PickerOptions; onChange(step: JourneyStep): void }) {
  const { t } = useI18n();
  const id = useId();
  switch (step.kind) {
    case 'wait_duration':
      return <DurationField label={t('journeys.field.waitAmount')} seconds={step.seconds} min={1} onChange={(seconds) => onChange({ ...step, seconds })} />;
    case 'wait_until_time':
      return (
        <>
          <TextInput label={t('journeys.field.time')} type="time" value={step.time} onChange={(time) => onChange({ ...step, time: time || '09:00' })} />
          <fieldset className="journey-weekdays">
            <legend>{t('journeys.field.weekdays')}</legend>
            {[1, 2, 3, 4, 5, 6, 0].map((day) => (
              <label key={day} className="checkbox-inline">
                <input
                  type="checkbox"
                  checked={step.weekdays?.includes(day) ?? false}
                  onChange={(event) => {
                    const current = step.weekdays ?? [];
                    const weekdays = event.target.checked ? [...current, day].sort() : current.filter((value) => value !== day);
                    const { weekdays: _old, ...rest } = step;
                    onChange(weekdays.length > 0 ? { ...rest, weekdays } : rest);
                  }}
                />
                {t(`journeys.weekday.${day}` as MessageKey)}
              </label>
            ))}
          </fieldset>
        </>
      );
    case 'wait_for_event':
      return (
        <>
          <TextInput label={t('journeys.field.eventName')} hint={t('journeys.field.eventNameHint')} value={step.eventName} onChange={(eventName) => onChange({ ...step, eventName })} />
          <DurationField label={t('journeys.field.timeout')} seconds={step.timeoutSeconds} min={60} onChange={(timeoutSeconds) => onChange({ ...step, timeoutSeconds })} />
        </>
      );
    case 'branch':
      return <ConditionEditor label={t('journeys.field.condition')} value={step.condition} segments={options.segments} onChange={(condition) => onChange({ ...step, condition })} />;
    case 'split': {
      const total = step.paths.reduce((sum, path) => sum + path.percent, 0);
      return (
        <fieldset className="journey-paths">
          <legend>{t('journeys.field.paths')}</legend>
          {step.paths.map((path, index) => (
            <div key={index} className="journey-inline">
              <input
                aria-label={t('journeys.field.pathLabel', { index: index + 1 })}
                className="input input-small"
                maxLength={40}
                value={path.label}
                onChange={(event) => onChange({ ...step, paths: step.paths.map((current, position) => (position === index ? { ...current, label: event.target.value } : current)) })}
              />
              <input
                aria-label={t('journeys.field.pathPercent', { index: index + 1 })}
                className="input input-tiny"
                type="number"
                min={0}
                max={100}
                value={path.percent}
                onChange={(event) => onChange({ ...step, paths: step.paths.map((current, position) => (position === index ? { ...current, percent: Math.min(100, Math.max(0, Math.trunc(Number(event.target.value) || 0))) } : current)) })}
              />
              {step.paths.length > 2 ? (
                <button type="button" className="button button-ghost button-small" aria-label={t('journeys.removePath', { label: path.label })} onClick={() => onChange({ ...step, paths: step.paths.filter((_, position) => position !== index) })}>
                  ×
                </button>
              ) : null}
            </div>
          ))}
          <p className={total === 100 ? 'muted small' : 'field-error'} id={`${id}-total`} aria-live="polite">{t('journeys.field.splitTotal', { total })}</p>
          {step.paths.length < 5 ? (
            <button type="button" className="button button-secondary button-small" onClick={() => onChange({ ...step, paths: [...step.paths, { label: String.fromCharCode(65 + step.paths.length), percent: 0, next: null }] })}>
              {t('journeys.addPath')}
            </button>
          ) : null}
        </fieldset>
      );
    }
    case 'send_message':
      return (
        <>
          <ChannelSelect value={step.channel} onChange={(channel) => onChange({ ...step, channel })} />
          <Picker label={t('journeys.field.template')} value={step.templateId} options={options.templates.filter((template) => template.channel === step.channel || template.channel === 'any')} onChange={(templateId) => onChange({ ...step, templateId })} />
        </>
      );
    case 'show_prompt':
      return <Picker label={t('journeys.field.prompt')} value={step.promptId} options={options.prompts.filter((prompt) => prompt.status !== 'archived')} onChange={(promptId) => onChange({ ...step, promptId })} />;
    case 'send_survey':
      return (
        <>
          <Picker label={t('journeys.field.survey')} value={step.surveyId} options={options.surveys.filter((survey) => survey.status !== 'archived').map((survey) => ({ id: survey.id, name: `${survey.name} (${survey.kind.toUpperCase()})` }))} onChange={(surveyId) => onChange({ ...step, surveyId })} />
          <ChannelSelect value={step.channel} onChange={(channel) => onChange({ ...step, channel })} />
        </>
      );
    case 'update_attribute': {
      const valueType = typeOfValue(step.value);
      return (
        <>
          <TextInput label={t('journeys.field.attributeKey')} value={step.key} placeholder="onboarding_stage" onChange={(key) => onChange({ ...step, key })} />
          <div className="field">
            <label htmlFor={`${id}-type`}>{t('journeys.field.valueType')}</label>
            <select
              id={`${id}-type`}
              className="select"
              value={valueType}
              onChange={(event) => {
                const next = event.target.value as ValueType;
                onChange({ ...step, value: next === 'null' ? null : next === 'boolean' ? true : next === 'number' ? 0 : '' });
              }}
            >
              {(['string', 'number', 'boolean', 'null'] as const).map((type) => (
                <option key={type} value={type}>{t(`journeys.valueType.${type}`)}</option>
              ))}
            </select>
          </div>
          {valueType === 'string' ? <TextInput label={t('journeys.field.attributeValue')} value={String(step.value)} onChange={(value) => onChange({ ...step, value })} /> : null}
          {valueType === 'number' ? <TextInput label={t('journeys.field.attributeValue')} type="number" value={String(step.value)} onChange={(value) => onChange({ ...step, value: Number(value) || 0 })} /> : null}
          {valueType === 'boolean' ? (
            <div className="field">
              <label htmlFor={`${id}-bool`}>{t('journeys.field.attributeValue')}</label>
              <select id={`${id}-bool`} className="select" value={String(step.value)} onChange={(event) => onChange({ ...step, value: event.target.value === 'true' })}>
                <option value="true">{t('journeys.handle.yes')}</option>
                <option value="false">{t('journeys.handle.no')}</option>
              </select>
            </div>
          ) : null}
        </>
      );
    }
    case 'add_to_segment':
      return <Picker label={t('journeys.field.segment')} value={step.segmentId} options={options.segments.filter((segment) => segment.kind === 'manual')} onChange={(segmentId) => onChange({ ...step, segmentId })} />;
    case 'call_webhook':
      return <TextInput label={t('journeys.field.url')} type="url" placeholder="https://" value={step.url} onChange={(url) => onChange({ ...step, url })} />;
    case 'create_conversation':
      return (
        <>
          <Picker label={t('journeys.field.inbox')} value={step.inboxId} options={options.inboxes} onChange={(inboxId) => onChange({ ...step, inboxId })} />
          <TextInput label={t('journeys.field.subject')} value={step.subject} onChange={(subject) => onChange({ ...step, subject })} />
          <div className="field">
            <label htmlFor={`${id}-note`}>{t('journeys.field.note')}</label>
            <textarea
              id={`${id}-note`}
              className="textarea"
              rows={3}
              maxLength={5000}
              value={step.note ?? ''}
              onChange={(event) => {
                const { note: _old, ...rest } = step;
                onChange(event.target.value ? { ...rest, note: event.target.value } : rest);
              }}
            />
          </div>
        </>
      );
  }
}
