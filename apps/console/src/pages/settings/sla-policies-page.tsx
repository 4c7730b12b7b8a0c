import { useId, useState } from 'react';
import {
  createSlaPolicy, deleteSlaPolicy, listBusinessHours, listSlaPolicies, reorderSlaPolicies, updateSlaPolicy, type BusinessHours, type SlaPolicy, type SlaPolicyInput,
} from '../../api/helpdesk-endpoints.ts';
import { CHANNELS, describeChannel } from '../../components/channel-label.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useResource } from '../../hooks/use-resource.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { CreatePanel, EditableList } from './editable-list.tsx';
import { CheckboxPills, FormButtons } from './helpdesk-shared.tsx';
import { useFormAction } from '../../hooks/use-form-action.ts';

const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
const TARGETS = [
  { key: 'firstResponseMinutes', label: 'sla.first_response' },
  { key: 'nextResponseMinutes', label: 'sla.next_response' },
  { key: 'resolutionMinutes', label: 'sla.resolution' },
] as const satisfies readonly { key: keyof SlaPolicyInput; label: MessageKey }[];

type TargetKey = (typeof TARGETS)[number]['key'];

interface PolicyDraft {
  name: string;
  priorities: string[];
  channels: string[];
  targets: Record<TargetKey, string>;
  businessHoursId: string | null;
  enabled: boolean;
}

function toDraft(policy: SlaPolicy | null): PolicyDraft {
  const target = (value: number | null | undefined) => (value === null || value === undefined ? '' : String(value));
  return {
    name: policy?.name ?? '',
    priorities: policy?.conditions.priorities ?? [],
    channels: policy?.conditions.channels ?? [],
    targets: {
      firstResponseMinutes: target(policy?.firstResponseMinutes),
      nextResponseMinutes: target(policy?.nextResponseMinutes),
      resolutionMinutes: target(policy?.resolutionMinutes),
    },
    businessHoursId: policy?.businessHoursId ?? null,
    enabled: policy?.enabled ?? true,
  };
}

function fromDraft(draft: PolicyDraft, keep: SlaPolicy['conditions'] = {}): SlaPolicyInput {
  const minutes = (value: string) => (value.trim() === '' ? null : Math.round(Number(value)));
  return {
    name: draft.name.trim(),
    // Label and inbox conditions are not edited here; an edit keeps whatever the policy had.
    conditions: { ...keep, priorities: draft.priorities, channels: draft.channels },
    firstResponseMinutes: minutes(draft.targets.firstResponseMinutes),
    nextResponseMinutes: minutes(draft.targets.nextResponseMinutes),
    resolutionMinutes: minutes(draft.targets.resolutionMinutes),
    businessHoursId: draft.businessHoursId,
    enabled: draft.enabled,
  };
}

function PolicyForm({ initial, hours, submitLabel, onSubmit, onCancel }: {
  initial: PolicyDraft;
  hours: BusinessHours[];
  submitLabel: string;
  onSubmit(draft: PolicyDraft): Promise<void>;
  onCancel?(): void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [draft, setDraft] = useState(initial);

  const { error, busy, handleSubmit } = useFormAction(async () => {
    await onSubmit(draft);
    if (!onCancel) setDraft(initial);
  });

  return (
    <form className="form" onSubmit={handleSubmit}>
      <ErrorNotice error={error} />
      <div className="form-row">
        <div className="field field-grow">
          <label htmlFor={`${id}-name`}>{t('slaPolicies.name')}</label>
          <input id={`${id}-name`} className="input" required maxLength={120} value={draft.name} onChange={(event) => setDraft({ ...draft, name: event.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-hours`}>{t('slaPolicies.businessHours')}</label>
          <select
            id={`${id}-hours`}
            className="select"
            value={draft.businessHoursId ?? ''}
            onChange={(event) => setDraft({ ...draft, businessHoursId: event.target.value || null })}
          >
            <option value="">{t('slaPolicies.allHours')}</option>
            {hours.map((item) => (
              <option key={item.id} value={item.id}>
                {item.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <CheckboxPills
        legend={t('slaPolicies.priorities')}
        options={PRIORITIES.map((priority) => ({ value: priority, label: t(`priority.${priority}`) }))}
        selected={draft.priorities}
        onChange={(priorities) => setDraft({ ...draft, priorities })}
      />
      <CheckboxPills
        legend={t('slaPolicies.channels')}
        options={CHANNELS.map((channel) => ({ value: channel, label: describeChannel(channel, t) }))}
        selected={draft.channels}
        onChange={(channels) => setDraft({ ...draft, channels })}
      />
      <p className="field-hint">{t('slaPolicies.conditionsHint')}</p>
      <div className="form-row">
        {TARGETS.map((target) => (
          <div key={target.key} className="field">
            <label htmlFor={`${id}-${target.key}`}>{t('slaPolicies.targetMinutes', { target: t(target.label) })}</label>
            <input
              id={`${id}-${target.key}`}
              type="number"
              inputMode="numeric"
              className="input"
              min={1}
              max={525600}
              step={1}
              aria-describedby={`${id}-targets-hint`}
              value={draft.targets[target.key]}
              onChange={(event) => setDraft({ ...draft, targets: { ...draft.targets, [target.key]: event.target.value } })}
            />
          </div>
        ))}
      </div>
      <p id={`${id}-targets-hint`} className="field-hint">
        {t('slaPolicies.targetsHint')}
      </p>
      <label className="checkbox" htmlFor={`${id}-enabled`}>
        <input id={`${id}-enabled`} type="checkbox" checked={draft.enabled} onChange={(event) => setDraft({ ...draft, enabled: event.target.checked })} />
        <span>{t('slaPolicies.enabled')}</span>
      </label>
      <FormButtons disabled={busy} submitLabel={submitLabel} onCancel={onCancel} />
    </form>
  );
}

export function SlaPoliciesPage() {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const policies = useResource((signal) => listSlaPolicies(account.id, signal), [account.id], { accountId: account.id, events: ['sla_policy.*'] });
  const hours = useResource((signal) => listBusinessHours(account.id, signal).catch(() => [] as BusinessHours[]), [account.id]);
  const hoursList = hours.data ?? [];

  function describeTargets(policy: SlaPolicy): string {
    const parts = TARGETS.filter((target) => policy[target.key] !== null).map((target) =>
      t('slaPolicies.targetSummary', { target: t(target.label), minutes: policy[target.key] ?? 0 }),
    );
    return parts.join(' · ') || t('slaPolicies.noTargets');
  }

  function describeConditions(policy: SlaPolicy): string {
    const priorities = (policy.conditions.priorities ?? []).map((priority) =>
      (PRIORITIES as readonly string[]).includes(priority) ? t(`priority.${priority as (typeof PRIORITIES)[number]}`) : priority,
    );
    const channels = (policy.conditions.channels ?? []).map((channel) => describeChannel(channel, t));
    const parts = [...priorities, ...channels];
    return parts.length > 0 ? parts.join(', ') : t('slaPolicies.everyConversation');
  }

  return (
    <>
      <PageHeader title={t('settings.slaPolicies')} description={t('slaPolicies.description')} />

      {policies.error ? null : (
        <CreatePanel heading={t('slaPolicies.createHeading')}>
          <PolicyForm
            initial={toDraft(null)}
            hours={hoursList}
            submitLabel={t('slaPolicies.create')}
            onSubmit={async (draft) => {
              await createSlaPolicy(account.id, fromDraft(draft));
              policies.reload();
            }}
          />
        </CreatePanel>
      )}

      <EditableList
        heading={t('slaPolicies.listHeading')}
        intro={<p className="panel-description">{t('slaPolicies.orderHint')}</p>}
        resource={policies}
        emptyTitle={t('slaPolicies.empty')}
        ordered
        compareItems={(a, b) => a.position - b.position}
        reorder={(ids) => reorderSlaPolicies(account.id, ids)}
        readName={(policy) => policy.name}
        deleteConfirm={t('slaPolicies.deleteConfirm')}
        deleteItem={(policy) => deleteSlaPolicy(account.id, policy.id)}
        renderEditor={(policy, close) => (
          <PolicyForm
            initial={toDraft(policy)}
            hours={hoursList}
            submitLabel={t('common.save')}
            onCancel={() => close(false)}
            onSubmit={async (draft) => {
              await updateSlaPolicy(account.id, policy.id, fromDraft(draft, policy.conditions));
              close(true);
            }}
          />
        )}
        renderItem={(policy, actions) => (
          <div className="helpdesk-item-block">
            <div className="helpdesk-item-row">
              <span className="helpdesk-item-name">{policy.name}</span>
              {policy.enabled ? null : <span className="badge badge-status-closed">{t('slaPolicies.disabled')}</span>}
              {actions}
            </div>
            <p className="canned-body">{describeConditions(policy)}</p>
            <p className="canned-body">
              {describeTargets(policy)}
              {' · '}
              {hoursList.find((item) => item.id === policy.businessHoursId)?.name ?? t('slaPolicies.allHours')}
            </p>
          </div>
        )}
      />
    </>
  );
}
