import { useId, useState } from 'react';
import { listMembers } from '../../api/endpoints.ts';
import {
  createTeam, deleteTeam, getTeam, listBusinessHours, listTeams, setTeamMembers, updateTeam, type BusinessHours, type Team,
} from '../../api/helpdesk-endpoints.ts';
import type { Member } from '../../api/types.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useResource } from '../../hooks/use-resource.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { CreatePanel, EditableList } from './editable-list.tsx';
import { CheckboxPills, FormButtons } from './helpdesk-shared.tsx';
import { useFormAction } from '../../hooks/use-form-action.ts';

interface TeamDraft {
  name: string;
  description: string;
  businessHoursId: string | null;
  userIds: string[];
}

function TeamForm({ initial, members, hours, submitLabel, onSubmit, onCancel }: {
  initial: TeamDraft;
  members: Member[];
  hours: BusinessHours[];
  submitLabel: string;
  onSubmit(draft: TeamDraft): Promise<void>;
  onCancel?(): void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [draft, setDraft] = useState(initial);

  const { error, busy, handleSubmit } = useFormAction(async () => {
    await onSubmit({ ...draft, name: draft.name.trim(), description: draft.description.trim() });
    if (!onCancel) setDraft({ name: '', description: '', businessHoursId: null, userIds: [] });
  });

  return (
    <form className="form" onSubmit={handleSubmit}>
      <ErrorNotice error={error} />
      <div className="form-row">
        <div className="field field-grow">
          <label htmlFor={`${id}-name`}>{t('teams.name')}</label>
          <input id={`${id}-name`} className="input" required maxLength={120} value={draft.name} onChange={(event) => setDraft({ ...draft, name: event.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-hours`}>{t('teams.businessHours')}</label>
          <select
            id={`${id}-hours`}
            className="select"
            value={draft.businessHoursId ?? ''}
            onChange={(event) => setDraft({ ...draft, businessHoursId: event.target.value || null })}
          >
            <option value="">{t('teams.accountHours')}</option>
            {hours.map((item) => (
              <option key={item.id} value={item.id}>
                {item.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>{t('teams.teamDescription')}</label>
        <input
          id={`${id}-description`}
          className="input"
          maxLength={500}
          value={draft.description}
          onChange={(event) => setDraft({ ...draft, description: event.target.value })}
        />
      </div>
      <CheckboxPills
        legend={t('teams.members')}
        options={members.map((member) => ({ value: member.userId, label: member.name }))}
        selected={draft.userIds}
        onChange={(userIds) => setDraft({ ...draft, userIds })}
      />
      <FormButtons disabled={busy} submitLabel={submitLabel} onCancel={onCancel} />
    </form>
  );
}

function EditTeam({ team, members, hours, onDone }: { team: Team; members: Member[]; hours: BusinessHours[]; onDone(saved: boolean): void }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const detail = useResource((signal) => getTeam(account.id, team.id, signal), [account.id, team.id]);
  if (detail.error) return <ErrorNotice error={detail.error} />;
  if (!detail.data) return <LoadingState />;
  return (
    <TeamForm
      initial={{ name: team.name, description: team.description, businessHoursId: team.businessHoursId, userIds: detail.data.userIds ?? [] }}
      members={members}
      hours={hours}
      submitLabel={t('common.save')}
      onCancel={() => onDone(false)}
      onSubmit={async (draft) => {
        await updateTeam(account.id, team.id, { name: draft.name, description: draft.description, businessHoursId: draft.businessHoursId });
        await setTeamMembers(account.id, team.id, draft.userIds);
        onDone(true);
      }}
    />
  );
}

export function TeamsPage() {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const teams = useResource((signal) => listTeams(account.id, signal), [account.id], { accountId: account.id, events: ['team.*'] });
  const members = useResource((signal) => listMembers(account.id, signal), [account.id]);
  const hours = useResource((signal) => listBusinessHours(account.id, signal).catch(() => [] as BusinessHours[]), [account.id]);
  const hoursList = hours.data ?? [];
  const memberList = members.data ?? [];

  return (
    <>
      <PageHeader title={t('settings.teams')} description={t('teams.description')} />

      {teams.error ? null : (
        <CreatePanel heading={t('teams.createHeading')}>
          <TeamForm
            initial={{ name: '', description: '', businessHoursId: null, userIds: [] }}
            members={memberList}
            hours={hoursList}
            submitLabel={t('teams.create')}
            onSubmit={async (draft) => {
              await createTeam(account.id, draft);
              teams.reload();
            }}
          />
        </CreatePanel>
      )}

      <EditableList
        heading={t('teams.listHeading')}
        resource={teams}
        emptyTitle={t('teams.empty')}
        readName={(team) => team.name}
        deleteConfirm={t('teams.deleteConfirm')}
        deleteItem={(team) => deleteTeam(account.id, team.id)}
        renderEditor={(team, close) => <EditTeam team={team} members={memberList} hours={hoursList} onDone={close} />}
        renderItem={(team, actions) => (
          <div className="helpdesk-item-block">
            <div className="helpdesk-item-row">
              <span className="helpdesk-item-name">{team.name}</span>
              <span className="helpdesk-item-meta">
                {t('teams.memberCount', { count: team.memberCount })}
                {' · '}
                {hoursList.find((item) => item.id === team.businessHoursId)?.name ?? t('teams.accountHours')}
              </span>
              {actions}
            </div>
            {team.description ? <p className="canned-body">{team.description}</p> : null}
          </div>
        )}
      />
    </>
  );
}
