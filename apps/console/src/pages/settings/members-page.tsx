import { useId, useState, type FormEvent } from 'react';
import {
  createInvitation, listInboxes, listInvitations, listMembers, removeMember, revokeInvitation, updateMember,
} from '../../api/endpoints.ts';
import type { CreatedInvitation, Inbox, Invitation, Member, Role } from '../../api/types.ts';
import { Avatar, RoleBadge } from '../../components/badge.tsx';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { CopyField } from '../../components/copy-field.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { DateTime } from '../../components/time-text.tsx';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useResource } from '../../hooks/use-resource.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useMe } from '../../session/session-context.tsx';

const MEMBER_EVENTS = ['member.*', 'inbox.*'];
const INVITATION_EVENTS = ['invitation.*', 'member.added'];

/** The invitation answer may carry a path or a full URL; people copy a full one. */
function toAbsoluteUrl(url: string): string {
  try {
    return new URL(url, window.location.origin).toString();
  } catch {
    return url;
  }
}

function readInviterName(invitedBy: Invitation['invitedBy'], members: Member[]): string {
  if (!invitedBy) return '—';
  if (typeof invitedBy === 'object') return invitedBy.name;
  return members.find((member) => member.userId === invitedBy)?.name ?? '—';
}

function InboxCheckboxes({
  legend,
  inboxes,
  selected,
  onChange,
  disabled,
  visibleLegend = false,
}: {
  legend: string;
  inboxes: Inbox[];
  selected: string[];
  onChange(next: string[]): void;
  disabled?: boolean;
  visibleLegend?: boolean;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <fieldset className="checkbox-group checkbox-pills" disabled={disabled}>
      <legend className={visibleLegend ? 'field-label' : 'visually-hidden'}>{legend}</legend>
      {inboxes.length === 0 ? <span className="muted">{t('members.noInboxes')}</span> : null}
      {inboxes.map((inbox) => {
        const checked = selected.includes(inbox.id);
        return (
          <label key={inbox.id} className="checkbox" htmlFor={`${id}-${inbox.id}`}>
            <input
              id={`${id}-${inbox.id}`}
              type="checkbox"
              checked={checked}
              onChange={() => onChange(checked ? selected.filter((value) => value !== inbox.id) : [...selected, inbox.id])}
            />
            <span>{inbox.name}</span>
          </label>
        );
      })}
    </fieldset>
  );
}

function MemberRow({
  member,
  inboxes,
  isSelf,
  onError,
  onRemoved,
}: {
  member: Member;
  inboxes: Inbox[];
  isSelf: boolean;
  onError(error: unknown): void;
  onRemoved(): void;
}) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const roleId = useId();
  const [busy, setBusy] = useState(false);
  const [inboxIds, setInboxIds] = useState(member.inboxIds);
  const [role, setRole] = useState(member.role);
  // Follow the server when it changes underneath (a live update, or another admin).
  const [seen, setSeen] = useState(member);
  if (seen !== member) {
    setSeen(member);
    setInboxIds(member.inboxIds);
    setRole(member.role);
  }

  async function save(changes: { role?: Role; inboxIds?: string[] }) {
    setBusy(true);
    onError(null);
    try {
      const updated = await updateMember(account.id, member.userId, changes);
      setRole(updated.role);
      setInboxIds(updated.inboxIds);
    } catch (reason) {
      setRole(member.role);
      setInboxIds(member.inboxIds);
      onError(reason);
    } finally {
      setBusy(false);
    }
  }

  return (
    <tr>
      <td data-label={t('members.person')} className="person-cell">
        <span className="person">
          <Avatar name={member.name} size="small" />
          <span className="person-text">
            <span className="person-name">
              {member.name}
              {isSelf ? <span className="muted"> {t('members.you')}</span> : null}
            </span>
            <span className="person-email">{member.email}</span>
          </span>
        </span>
      </td>
      <td data-label={t('members.role')}>
        <label htmlFor={roleId} className="visually-hidden">
          {t('members.roleFor', { name: member.name })}
        </label>
        <select
          id={roleId}
          className="select select-small"
          value={role}
          disabled={busy}
          onChange={(event) => {
            const next = event.target.value as Role;
            setRole(next);
            void save({ role: next });
          }}
        >
          <option value="admin">{t('role.admin')}</option>
          <option value="agent">{t('role.agent')}</option>
        </select>
      </td>
      <td data-label={t('members.inboxes')}>
        <InboxCheckboxes
          legend={t('members.inboxesFor', { name: member.name })}
          inboxes={inboxes}
          selected={inboxIds}
          disabled={busy}
          onChange={(next) => {
            setInboxIds(next);
            void save({ inboxIds: next });
          }}
        />
      </td>
      <td data-label={t('members.actions')} className="actions-cell">
        <ConfirmButton
          label={t('members.remove')}
          ariaLabel={t('members.removeNamed', { name: member.name })}
          confirmLabel={t('members.removeConfirm')}
          onConfirm={async () => {
            onError(null);
            try {
              await removeMember(account.id, member.userId);
              onRemoved();
            } catch (reason) {
              onError(reason);
            }
          }}
        />
      </td>
    </tr>
  );
}

function InviteForm({ inboxes, onCreated }: { inboxes: Inbox[]; onCreated(invitation: CreatedInvitation): void }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const id = useId();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [inboxIds, setInboxIds] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await createInvitation(account.id, { email: email.trim(), role, inboxIds });
      onCreated(created);
      setEmail('');
      setInboxIds([]);
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={handleSubmit}>
      <ErrorNotice error={error} />
      <div className="form-row">
        <div className="field field-grow">
          <label htmlFor={`${id}-email`}>{t('members.inviteEmail')}</label>
          <input
            id={`${id}-email`}
            className="input"
            type="email"
            required
            autoComplete="off"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-role`}>{t('members.role')}</label>
          <select id={`${id}-role`} className="select" value={role} onChange={(event) => setRole(event.target.value as Role)}>
            <option value="agent">{t('role.agent')}</option>
            <option value="admin">{t('role.admin')}</option>
          </select>
        </div>
      </div>
      <InboxCheckboxes legend={t('members.inviteInboxes')} inboxes={inboxes} selected={inboxIds} onChange={setInboxIds} visibleLegend />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('members.inviteSubmit')}
        </button>
      </div>
    </form>
  );
}

export function MembersPage() {
  const { t } = useI18n();
  const me = useMe();
  const account = useCurrentAccount();
  const membersId = useId();
  const inviteId = useId();
  const pendingId = useId();
  const members = useResource((signal) => listMembers(account.id, signal), [account.id], {
    accountId: account.id,
    events: MEMBER_EVENTS,
  });
  const inboxes = useResource((signal) => listInboxes(account.id, signal), [account.id], {
    accountId: account.id,
    events: ['inbox.*'],
  });
  const invitations = useResource((signal) => listInvitations(account.id, signal), [account.id], {
    accountId: account.id,
    events: INVITATION_EVENTS,
  });
  const [memberError, setMemberError] = useState<unknown>(null);
  const [invitationError, setInvitationError] = useState<unknown>(null);
  const [created, setCreated] = useState<CreatedInvitation | null>(null);
  const inboxList = inboxes.data ?? [];
  const memberList = members.data ?? [];

  return (
    <>
      <PageHeader title={t('settings.members')} description={t('members.description')} />

      <section className="panel" aria-labelledby={membersId}>
        <h2 id={membersId} className="panel-title">
          {t('members.membersHeading')}
        </h2>
        <ErrorNotice error={members.error ?? memberError} />
        {members.loading && !members.data ? <LoadingState /> : null}
        {memberList.length > 0 ? (
          <div className="table-wrap">
            <table className="table table-responsive members-table">
              <thead>
                <tr>
                  <th scope="col">{t('members.person')}</th>
                  <th scope="col">{t('members.role')}</th>
                  <th scope="col">{t('members.inboxes')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('members.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {memberList.map((member) => (
                  <MemberRow
                    key={member.userId}
                    member={member}
                    inboxes={inboxList}
                    isSelf={member.userId === me.user.id}
                    onError={setMemberError}
                    onRemoved={members.reload}
                  />
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      <section className="panel" aria-labelledby={inviteId}>
        <h2 id={inviteId} className="panel-title">
          {t('members.inviteHeading')}
        </h2>
        <p className="panel-description">{t('members.inviteDescription')}</p>
        <InviteForm
          inboxes={inboxList}
          onCreated={(invitation) => {
            setCreated(invitation);
            invitations.reload();
          }}
        />
        {created ? (
          <div className="reveal" role="region" aria-label={t('members.inviteCreatedLabel')}>
            <p className="reveal-title">{t('members.inviteCreated', { email: created.email })}</p>
            <p className="reveal-body">
              {created.emailed ? t('members.inviteEmailed', { email: created.email }) : t('members.inviteNotEmailed')}
            </p>
            <CopyField label={t('members.inviteLink')} value={toAbsoluteUrl(created.url)} description={t('members.inviteLinkHint')} />
            <button type="button" className="button button-ghost button-small" onClick={() => setCreated(null)}>
              {t('common.done')}
            </button>
          </div>
        ) : null}
      </section>

      <section className="panel" aria-labelledby={pendingId}>
        <h2 id={pendingId} className="panel-title">
          {t('members.pendingHeading')}
        </h2>
        <ErrorNotice error={invitations.error ?? invitationError} />
        {invitations.loading && !invitations.data ? <LoadingState /> : null}
        {invitations.data && invitations.data.length === 0 ? <EmptyState title={t('members.noPending')} /> : null}
        {invitations.data && invitations.data.length > 0 ? (
          <div className="table-wrap">
            <table className="table table-responsive">
              <thead>
                <tr>
                  <th scope="col">{t('members.inviteEmail')}</th>
                  <th scope="col">{t('members.role')}</th>
                  <th scope="col">{t('members.invitedBy')}</th>
                  <th scope="col">{t('members.expires')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('members.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {invitations.data.map((invitation) => (
                  <tr key={invitation.id}>
                    <td data-label={t('members.inviteEmail')}>{invitation.email}</td>
                    <td data-label={t('members.role')}>
                      <RoleBadge role={invitation.role} />
                    </td>
                    <td data-label={t('members.invitedBy')}>{readInviterName(invitation.invitedBy, memberList)}</td>
                    <td data-label={t('members.expires')}>
                      <DateTime iso={invitation.expiresAt} />
                    </td>
                    <td data-label={t('members.actions')} className="actions-cell">
                      <ConfirmButton
                        label={t('members.revoke')}
                        ariaLabel={t('members.revokeNamed', { email: invitation.email })}
                        confirmLabel={t('members.revokeConfirm')}
                        onConfirm={async () => {
                          setInvitationError(null);
                          try {
                            await revokeInvitation(account.id, invitation.id);
                            invitations.reload();
                          } catch (reason) {
                            setInvitationError(reason);
                          }
                        }}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </>
  );
}
