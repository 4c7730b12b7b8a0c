import { useId } from 'react';
import { PageHeader } from '../../components/page-header.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';

interface Capability {
  label: MessageKey;
  admin: boolean;
  agent: boolean | 'own';
}

/** What the server enforces today (docs/api.md "who" column), stated for people. */
const CAPABILITIES: Capability[] = [
  { label: 'roles.capHome', admin: true, agent: true },
  { label: 'roles.capConversations', admin: true, agent: 'own' },
  { label: 'roles.capContacts', admin: true, agent: true },
  { label: 'roles.capProfile', admin: true, agent: true },
  { label: 'roles.capPurposeRead', admin: true, agent: true },
  { label: 'roles.capPurposeEdit', admin: true, agent: false },
  { label: 'roles.capMembers', admin: true, agent: false },
  { label: 'roles.capInvite', admin: true, agent: false },
  { label: 'roles.capInboxesCreate', admin: true, agent: false },
  { label: 'roles.capApiKeys', admin: true, agent: false },
  { label: 'roles.capAuditLog', admin: true, agent: false },
  { label: 'roles.capAccount', admin: true, agent: false },
];

function CapabilityCell({ value }: { value: boolean | 'own' }) {
  const { t } = useI18n();
  if (value === 'own') return <span className="cap cap-partial">{t('roles.ownInboxes')}</span>;
  return value ? (
    <span className="cap cap-yes">
      <span aria-hidden="true">✓</span> {t('roles.allowed')}
    </span>
  ) : (
    <span className="cap cap-no">
      <span aria-hidden="true">—</span> {t('roles.notAllowed')}
    </span>
  );
}

export function RolesPage() {
  const { t } = useI18n();
  const headingId = useId();
  return (
    <>
      <PageHeader title={t('settings.roles')} description={t('roles.description')} />
      <section className="panel" aria-labelledby={headingId}>
        <h2 id={headingId} className="panel-title">
          {t('roles.matrixHeading')}
        </h2>
        <div className="table-wrap">
          <table className="table role-matrix">
            <thead>
              <tr>
                <th scope="col">{t('roles.capability')}</th>
                <th scope="col">{t('role.admin')}</th>
                <th scope="col">{t('role.agent')}</th>
              </tr>
            </thead>
            <tbody>
              {CAPABILITIES.map((capability) => (
                <tr key={capability.label}>
                  <th scope="row">{t(capability.label)}</th>
                  <td>
                    <CapabilityCell value={capability.admin} />
                  </td>
                  <td>
                    <CapabilityCell value={capability.agent} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <dl className="role-definitions">
          <div>
            <dt>{t('role.admin')}</dt>
            <dd>{t('roles.adminSummary')}</dd>
          </div>
          <div>
            <dt>{t('role.agent')}</dt>
            <dd>{t('roles.agentSummary')}</dd>
          </div>
        </dl>
      </section>
    </>
  );
}
