import { useId } from 'react';
import type { RuleAction, RuleCondition } from '../../api/automation-endpoints.ts';
import type { Label, CannedReply, Team } from '../../api/helpdesk-endpoints.ts';
import type { Member } from '../../api/types.ts';
import { CHANNELS, describeChannel } from '../../components/channel-label.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';

/** What the selects offer: the account's own labels, agents, teams and canned replies. */
export interface AutomationChoices {
  labels: Label[];
  members: Member[];
  teams: Team[];
  cannedReplies: CannedReply[];
}

interface Option {
  value: string;
  label: string;
}

const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
const STATUSES = ['open', 'pending', 'resolved', 'closed'] as const;

/** Condition fields the editor offers, with their operators (packages/automation definitions.ts). */
const CONDITION_FIELDS: Record<string, readonly string[]> = {
  channel: ['equals', 'not_equals'],
  status: ['equals', 'not_equals'],
  priority: ['equals', 'not_equals'],
  assignee: ['is_none', 'is_any'],
  label: ['has', 'has_not'],
  message_text: ['contains', 'not_contains'],
};

const ACTION_TYPES = [
  'assign_agent', 'assign_round_robin', 'unassign', 'assign_team', 'add_label', 'remove_label', 'set_priority', 'set_status', 'resolve',
  'send_canned_reply', 'add_note',
] as const;

/** The one parameter each action takes, if any. */
const ACTION_PARAM: Record<string, string | undefined> = {
  assign_agent: 'userId',
  assign_team: 'teamId',
  add_label: 'labelId',
  remove_label: 'labelId',
  set_priority: 'priority',
  set_status: 'status',
  send_canned_reply: 'cannedReplyId',
  add_note: 'body',
};

function useValueOptions(choices: AutomationChoices) {
  const { t } = useI18n();
  return (kind: string): Option[] | 'text' | null => {
    switch (kind) {
      case 'channel':
        return CHANNELS.map((channel) => ({ value: channel, label: describeChannel(channel, t) }));
      case 'status':
        return STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) }));
      case 'priority':
        return PRIORITIES.map((priority) => ({ value: priority, label: t(`priority.${priority}`) }));
      case 'label':
      case 'labelId':
        return choices.labels.map((label) => ({ value: label.id, label: label.name }));
      case 'userId':
        return choices.members.map((member) => ({ value: member.userId, label: member.name }));
      case 'teamId':
        return choices.teams.map((team) => ({ value: team.id, label: team.name }));
      case 'cannedReplyId':
        return choices.cannedReplies.map((reply) => ({ value: reply.id, label: `/${reply.shortcut} ${reply.title}` }));
      case 'message_text':
      case 'body':
        return 'text';
      default:
        return null;
    }
  };
}

function ValueInput({ id, label, options, value, onChange }: { id: string; label: string; options: Option[] | 'text'; value: string; onChange(value: string): void }) {
  const { t } = useI18n();
  return (
    <div className="field field-grow">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      {options === 'text' ? (
        <input id={id} className="input" required maxLength={500} value={value} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <select id={id} className="select" required value={value} onChange={(event) => onChange(event.target.value)}>
          <option value="">{t('automation.choose')}</option>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}

export function ConditionsEditor({ conditions, choices, onChange }: { conditions: RuleCondition[]; choices: AutomationChoices; onChange(next: RuleCondition[]): void }) {
  const { t } = useI18n();
  const id = useId();
  const valueOptions = useValueOptions(choices);
  const update = (index: number, condition: RuleCondition) => onChange(conditions.map((item, at) => (at === index ? condition : item)));
  return (
    <fieldset className="weekday-grid">
      <legend>{t('automation.conditions')}</legend>
      {conditions.length === 0 ? <span className="muted small">{t('automation.noConditions')}</span> : null}
      {conditions.map((condition, index) => {
        const operators = CONDITION_FIELDS[condition.field] ?? [condition.operator];
        const options = valueOptions(condition.field);
        const needsValue = options !== null && condition.operator !== 'is_none' && condition.operator !== 'is_any';
        const number = index + 1;
        return (
          <div key={index} className="automation-row">
            <label htmlFor={`${id}-${index}-field`} className="visually-hidden">
              {t('automation.conditionField', { number })}
            </label>
            <select
              id={`${id}-${index}-field`}
              className="select"
              value={condition.field}
              onChange={(event) => update(index, { field: event.target.value, operator: CONDITION_FIELDS[event.target.value]?.[0] ?? 'equals' })}
            >
              {[...Object.keys(CONDITION_FIELDS), ...(condition.field in CONDITION_FIELDS ? [] : [condition.field])].map((field) => (
                <option key={field} value={field}>
                  {field in CONDITION_FIELDS ? t(`automation.field.${field}` as MessageKey) : field}
                </option>
              ))}
            </select>
            <label htmlFor={`${id}-${index}-operator`} className="visually-hidden">
              {t('automation.conditionOperator', { number })}
            </label>
            <select
              id={`${id}-${index}-operator`}
              className="select"
              value={condition.operator}
              onChange={(event) => update(index, { ...condition, operator: event.target.value })}
            >
              {operators.map((operator) => (
                <option key={operator} value={operator}>
                  {t(`automation.operator.${operator}` as MessageKey)}
                </option>
              ))}
            </select>
            {needsValue && options ? (
              <ValueInput
                id={`${id}-${index}-value`}
                label={t('automation.conditionValue', { number })}
                options={options}
                value={typeof condition.value === 'string' ? condition.value : ''}
                onChange={(value) => update(index, { ...condition, value })}
              />
            ) : null}
            <button
              type="button"
              className="button button-ghost button-small"
              aria-label={t('automation.removeCondition', { number })}
              onClick={() => onChange(conditions.filter((_item, at) => at !== index))}
            >
              {t('hours.removeInterval')}
            </button>
          </div>
        );
      })}
      <div>
        <button type="button" className="button button-secondary button-small" onClick={() => onChange([...conditions, { field: 'channel', operator: 'equals', value: '' }])}>
          {t('automation.addCondition')}
        </button>
      </div>
    </fieldset>
  );
}

export function ActionsEditor({ actions, choices, onChange }: { actions: RuleAction[]; choices: AutomationChoices; onChange(next: RuleAction[]): void }) {
  const { t } = useI18n();
  const id = useId();
  const valueOptions = useValueOptions(choices);
  const update = (index: number, action: RuleAction) => onChange(actions.map((item, at) => (at === index ? action : item)));
  return (
    <fieldset className="weekday-grid">
      <legend>{t('automation.actions')}</legend>
      {actions.map((action, index) => {
        const param = ACTION_PARAM[action.type];
        const options = param ? valueOptions(param) : null;
        const number = index + 1;
        const known = (ACTION_TYPES as readonly string[]).includes(action.type);
        return (
          <div key={index} className="automation-row">
            <label htmlFor={`${id}-${index}-type`} className="visually-hidden">
              {t('automation.actionType', { number })}
            </label>
            <select
              id={`${id}-${index}-type`}
              className="select"
              value={action.type}
              onChange={(event) => update(index, ACTION_PARAM[event.target.value] ? { type: event.target.value, params: {} } : { type: event.target.value })}
            >
              {[...ACTION_TYPES, ...(known ? [] : [action.type])].map((type) => (
                <option key={type} value={type}>
                  {(ACTION_TYPES as readonly string[]).includes(type) ? t(`automation.action.${type}` as MessageKey) : type}
                </option>
              ))}
            </select>
            {param && options ? (
              <ValueInput
                id={`${id}-${index}-value`}
                label={t('automation.actionValue', { number })}
                options={options}
                value={typeof action.params?.[param] === 'string' ? (action.params[param] as string) : ''}
                onChange={(value) => update(index, { ...action, params: { ...action.params, [param]: value } })}
              />
            ) : null}
            <button
              type="button"
              className="button button-ghost button-small"
              aria-label={t('automation.removeAction', { number })}
              disabled={actions.length === 1}
              onClick={() => onChange(actions.filter((_item, at) => at !== index))}
            >
              {t('hours.removeInterval')}
            </button>
          </div>
        );
      })}
      <div>
        <button type="button" className="button button-secondary button-small" onClick={() => onChange([...actions, { type: 'add_label', params: {} }])}>
          {t('automation.addAction')}
        </button>
      </div>
    </fieldset>
  );
}

/** A short sentence per action for lists ("Add label: VIP"). */
export function useDescribeAction(choices: AutomationChoices) {
  const { t } = useI18n();
  const valueOptions = useValueOptions(choices);
  return (action: RuleAction): string => {
    const name = (ACTION_TYPES as readonly string[]).includes(action.type) ? t(`automation.action.${action.type}` as MessageKey) : action.type;
    const param = ACTION_PARAM[action.type];
    if (!param) return name;
    const raw = action.params?.[param];
    const options = valueOptions(param);
    const shown = Array.isArray(options) ? (options.find((option) => option.value === raw)?.label ?? String(raw ?? '')) : String(raw ?? '');
    return `${name}: ${shown}`;
  };
}
