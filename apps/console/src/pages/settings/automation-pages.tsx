import { useId, useState, type FormEvent } from 'react';
import {
  createAutomationRule, createMacro, deleteAutomationRule, deleteMacro, listAutomationRules, listMacros, reorderAutomationRules, updateAutomationRule, updateMacro,
  type AutomationRuleInput, type RuleAction,
} from '../../api/automation-endpoints.ts';
import { listMembers } from '../../api/endpoints.ts';
import { listCannedReplies, listLabels, listTeams } from '../../api/helpdesk-endpoints.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useResource } from '../../hooks/use-resource.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { ActionsEditor, ConditionsEditor, useDescribeAction, type AutomationChoices } from './automation-editor.tsx';
import { CreatePanel, EditableList } from './editable-list.tsx';
import { FormButtons } from './helpdesk-shared.tsx';

/** Events a rule can run on (packages/automation RULE_EVENTS). */
const RULE_EVENTS = ['conversation.created', 'conversation.updated', 'conversation.merged', 'message.created', 'sla.breached'] as const;

function useChoices(): AutomationChoices {
  const account = useCurrentAccount();
  const quiet = <T,>(promise: Promise<T[]>) => promise.catch(() => [] as T[]);
  const labels = useResource((signal) => quiet(listLabels(account.id, signal)), [account.id]);
  const members = useResource((signal) => quiet(listMembers(account.id, signal)), [account.id]);
  const teams = useResource((signal) => quiet(listTeams(account.id, signal)), [account.id]);
  const cannedReplies = useResource((signal) => quiet(listCannedReplies(account.id, null, signal)), [account.id]);
  return { labels: labels.data ?? [], members: members.data ?? [], teams: teams.data ?? [], cannedReplies: cannedReplies.data ?? [] };
}

function useSubmit<T>(onSubmit: (value: T) => Promise<void>, reset?: () => void) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>, value: T) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSubmit(value);
      reset?.();
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, submit };
}

function RuleForm({ initial, choices, submitLabel, onSubmit, onCancel }: {
  initial: AutomationRuleInput;
  choices: AutomationChoices;
  submitLabel: string;
  onSubmit(rule: AutomationRuleInput): Promise<void>;
  onCancel?(): void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [draft, setDraft] = useState(initial);
  const { error, busy, submit } = useSubmit(onSubmit, onCancel ? undefined : () => setDraft(initial));
  return (
    <form className="form" onSubmit={(event) => submit(event, { ...draft, name: draft.name.trim() })}>
      <ErrorNotice error={error} />
      <div className="form-row">
        <div className="field field-grow">
          <label htmlFor={`${id}-name`}>{t('automation.name')}</label>
          <input id={`${id}-name`} className="input" required maxLength={120} value={draft.name} onChange={(event) => setDraft({ ...draft, name: event.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-event`}>{t('automation.event')}</label>
          <select id={`${id}-event`} className="select" value={draft.event} onChange={(event) => setDraft({ ...draft, event: event.target.value })}>
            {RULE_EVENTS.map((event) => (
              <option key={event} value={event}>
                {t(`automation.event.${event}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ConditionsEditor conditions={draft.conditions} choices={choices} onChange={(conditions) => setDraft({ ...draft, conditions })} />
      <ActionsEditor actions={draft.actions} choices={choices} onChange={(actions) => setDraft({ ...draft, actions })} />
      <label className="checkbox" htmlFor={`${id}-enabled`}>
        <input id={`${id}-enabled`} type="checkbox" checked={draft.enabled} onChange={(event) => setDraft({ ...draft, enabled: event.target.checked })} />
        <span>{t('slaPolicies.enabled')}</span>
      </label>
      <FormButtons disabled={busy} submitLabel={submitLabel} onCancel={onCancel} />
    </form>
  );
}

const BLANK_RULE: AutomationRuleInput = {
  name: '',
  event: 'conversation.created',
  conditions: [],
  actions: [{ type: 'add_label', params: {} }],
  enabled: true,
};

export function AutomationRulesPage() {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const choices = useChoices();
  const describeAction = useDescribeAction(choices);
  const rules = useResource((signal) => listAutomationRules(account.id, signal), [account.id]);

  return (
    <>
      <PageHeader title={t('settings.automation')} description={t('automation.description')} />
      {rules.error ? null : (
        <CreatePanel heading={t('automation.createHeading')}>
          <RuleForm
            initial={BLANK_RULE}
            choices={choices}
            submitLabel={t('automation.create')}
            onSubmit={async (rule) => {
              await createAutomationRule(account.id, rule);
              rules.reload();
            }}
          />
        </CreatePanel>
      )}
      <EditableList
        heading={t('automation.listHeading')}
        intro={<p className="panel-description">{t('automation.orderHint')}</p>}
        resource={rules}
        emptyTitle={t('automation.empty')}
        ordered
        compareItems={(a, b) => a.position - b.position}
        reorder={(ids) => reorderAutomationRules(account.id, ids)}
        readName={(rule) => rule.name}
        deleteConfirm={t('automation.deleteConfirm')}
        deleteItem={(rule) => deleteAutomationRule(account.id, rule.id)}
        renderEditor={(rule, close) => (
          <RuleForm
            initial={{ name: rule.name, event: rule.event, conditions: rule.conditions, actions: rule.actions, enabled: rule.enabled }}
            choices={choices}
            submitLabel={t('common.save')}
            onCancel={() => close(false)}
            onSubmit={async (draft) => {
              await updateAutomationRule(account.id, rule.id, draft);
              close(true);
            }}
          />
        )}
        renderItem={(rule, actions) => (
          <div className="helpdesk-item-block">
            <div className="helpdesk-item-row">
              <span className="helpdesk-item-name">{rule.name}</span>
              {rule.enabled ? null : <span className="badge badge-status-closed">{t('slaPolicies.disabled')}</span>}
              {actions}
            </div>
            <p className="canned-body">
              {t('automation.when', {
                event: (RULE_EVENTS as readonly string[]).includes(rule.event) ? t(`automation.event.${rule.event}` as MessageKey) : rule.event,
                count: rule.conditions.length,
              })}
            </p>
            <p className="canned-body">{rule.actions.map(describeAction).join(' → ')}</p>
          </div>
        )}
      />
    </>
  );
}

function MacroForm({ initial, choices, submitLabel, onSubmit, onCancel }: {
  initial: { name: string; actions: RuleAction[] };
  choices: AutomationChoices;
  submitLabel: string;
  onSubmit(macro: { name: string; actions: RuleAction[] }): Promise<void>;
  onCancel?(): void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [draft, setDraft] = useState(initial);
  const { error, busy, submit } = useSubmit(onSubmit, onCancel ? undefined : () => setDraft(initial));
  return (
    <form className="form" onSubmit={(event) => submit(event, { ...draft, name: draft.name.trim() })}>
      <ErrorNotice error={error} />
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('macros.name')}</label>
        <input id={`${id}-name`} className="input" required maxLength={120} value={draft.name} onChange={(event) => setDraft({ ...draft, name: event.target.value })} />
      </div>
      <ActionsEditor actions={draft.actions} choices={choices} onChange={(actions) => setDraft({ ...draft, actions })} />
      <FormButtons disabled={busy} submitLabel={submitLabel} onCancel={onCancel} />
    </form>
  );
}

export function MacrosPage() {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const choices = useChoices();
  const describeAction = useDescribeAction(choices);
  const macros = useResource((signal) => listMacros(account.id, signal), [account.id]);
  const blank = { name: '', actions: [{ type: 'add_label', params: {} }] };

  return (
    <>
      <PageHeader title={t('settings.macros')} description={t('macros.description')} />
      {macros.error ? null : (
        <CreatePanel heading={t('macros.createHeading')}>
          <MacroForm
            initial={blank}
            choices={choices}
            submitLabel={t('macros.create')}
            onSubmit={async (macro) => {
              await createMacro(account.id, macro);
              macros.reload();
            }}
          />
        </CreatePanel>
      )}
      <EditableList
        heading={t('macros.listHeading')}
        resource={macros}
        emptyTitle={t('macros.empty')}
        readName={(macro) => macro.name}
        deleteConfirm={t('macros.deleteConfirm')}
        deleteItem={(macro) => deleteMacro(account.id, macro.id)}
        renderEditor={(macro, close) => (
          <MacroForm
            initial={{ name: macro.name, actions: macro.actions }}
            choices={choices}
            submitLabel={t('common.save')}
            onCancel={() => close(false)}
            onSubmit={async (draft) => {
              await updateMacro(account.id, macro.id, draft);
              close(true);
            }}
          />
        )}
        renderItem={(macro, actions) => (
          <div className="helpdesk-item-block">
            <div className="helpdesk-item-row">
              <span className="helpdesk-item-name">{macro.name}</span>
              {actions}
            </div>
            <p className="canned-body">{macro.actions.map(describeAction).join(' → ')}</p>
          </div>
        )}
      />
    </>
  );
}
