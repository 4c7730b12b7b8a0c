import { useState } from 'react';
import { listContacts } from '../../../api/endpoints.ts';
import { getContactPoints, recordContactPoints, reversePointsEntry } from '../../../api/rewards-endpoints.ts';
import { ConfirmButton } from '../../../components/confirm-button.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useCurrentAccount } from '../../../hooks/use-current-account.ts';
import { useFormAction } from '../../../hooks/use-form-action.ts';
import { useResource } from '../../../hooks/use-resource.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { Link } from '../../../router/link.tsx';
import { paths } from '../../../routes/paths.ts';
import { RewardsNav } from './rewards-nav.tsx';
import { fieldErrorOf } from './stock-bar.tsx';

/** `/engagement/rewards/points`: find a contact, then their balance and ledger. */
export function PointsLookup() {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const [query, setQuery] = useState('');
  const [contactId, setContactId] = useState<string | null>(null);
  const found = useResource((signal) => (query.trim().length >= 2 ? listContacts(account.id, { q: query.trim(), limit: 8 }, signal) : Promise.resolve(null)), [account.id, query]);
  return (
    <>
      <PageHeader title={t('rewards.pointsTitle')} description={t('rewards.pointsDescription')} />
      <RewardsNav current="points" />
      <div className="field">
        <label htmlFor="points-contact-search">{t('rewards.findContact')}</label>
        <input id="points-contact-search" className="input" type="search" value={query} onChange={(event) => setQuery(event.currentTarget.value)} />
      </div>
      {found.data && found.data.items.length > 0 ? (
        <ul className="plain-list" aria-label={t('rewards.matchingContacts')}>
          {found.data.items.map((contact) => (
            <li key={contact.id}>
              <button type="button" className="button button-ghost" aria-pressed={contactId === contact.id} onClick={() => setContactId(contact.id)}>
                {contact.name} <span className="muted small">{contact.email ?? contact.phone ?? ''}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {contactId ? <ContactPoints key={contactId} contactId={contactId} canEdit showContactLink /> : null}
    </>
  );
}

/** A contact's points: balance, ledger, and (admins) earn, spend and reverse. Also on the contact page. */
export function ContactPoints({ contactId, canEdit, showContactLink = false }: { contactId: string; canEdit: boolean; showContactLink?: boolean }) {
  const { t, formatNumber, formatDateTime } = useI18n();
  const account = useCurrentAccount();
  const points = useResource((signal) => getContactPoints(account.id, contactId, signal), [account.id, contactId]);
  const [kind, setKind] = useState<'earn' | 'spend'>('earn');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [reference, setReference] = useState(() => crypto.randomUUID());
  const [actionError, setActionError] = useState<unknown>(null);
  const form = useFormAction(async () => {
    await recordContactPoints(account.id, contactId, { kind, points: Math.floor(Number(amount)), reason, reference: `console:${reference}` });
    setAmount('');
    setReason('');
    setReference(crypto.randomUUID());
    points.reload();
  });
  async function reverse(entryId: string) {
    setActionError(null);
    try {
      await reversePointsEntry(account.id, entryId, '');
      points.reload();
    } catch (error) {
      setActionError(error);
    }
  }
  return (
    <section className="panel" aria-labelledby={`points-${contactId}`}>
      <h2 id={`points-${contactId}`} className="panel-title">{t('rewards.points')}</h2>
      <ErrorNotice error={points.error ?? actionError} />
      {points.data ? (
        <>
          <p className="points-balance" data-testid="points-balance">{t('rewards.balance', { points: formatNumber(points.data.balance) })}</p>
          {showContactLink ? <p><Link to={paths.contact(account.id, contactId)} className="tap-link">{t('rewards.openContact')}</Link></p> : null}
          {points.data.entries.length === 0 ? <p className="muted">{t('rewards.noEntries')}</p> : (
            <div className="table-wrap">
              <table className="table table-responsive">
                <thead>
                  <tr>
                    <th scope="col">{t('rewards.when')}</th>
                    <th scope="col">{t('rewards.entry')}</th>
                    <th scope="col" className="numeric">{t('rewards.pointsColumn')}</th>
                    <th scope="col" className="numeric">{t('rewards.balanceAfter')}</th>
                    {canEdit ? <th scope="col"><span className="visually-hidden">{t('rewards.actions')}</span></th> : null}
                  </tr>
                </thead>
                <tbody>
                  {points.data.entries.slice(0, 20).map((entry) => (
                    <tr key={entry.id}>
                      <td data-label={t('rewards.when')} className="small">{formatDateTime(entry.createdAt)}</td>
                      <td data-label={t('rewards.entry')}>{t(`rewards.entry.${entry.kind}`)}{entry.reason ? <div className="muted small">{entry.reason}</div> : null}<div className="muted small mono">{entry.actor}</div></td>
                      <td data-label={t('rewards.pointsColumn')} className={`numeric ${entry.points >= 0 ? 'points-plus' : 'points-minus'}`}>{entry.points > 0 ? '+' : ''}{formatNumber(entry.points)}</td>
                      <td data-label={t('rewards.balanceAfter')} className="numeric">{formatNumber(entry.balanceAfter)}</td>
                      {canEdit ? (
                        <td className="actions-cell">
                          {entry.kind === 'earn' || entry.kind === 'spend' ? (
                            <ConfirmButton label={t('rewards.reverse')} confirmLabel={t('rewards.confirmReverse')} ariaLabel={`${t('rewards.reverse')}: ${entry.reason || entry.reference}`} onConfirm={() => reverse(entry.id)} />
                          ) : null}
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      ) : null}
      {canEdit ? (
        <form className="form" onSubmit={(event) => void form.handleSubmit(event)} noValidate aria-label={t('rewards.adjustPoints')}>
          {form.error ? <ErrorNotice error={form.error} /> : null}
          <div className="form-row">
            <div className="field">
              <label htmlFor={`points-kind-${contactId}`}>{t('rewards.adjustKind')}</label>
              <select id={`points-kind-${contactId}`} className="select" value={kind} onChange={(event) => setKind(event.currentTarget.value as 'earn' | 'spend')}>
                <option value="earn">{t('rewards.entry.earn')}</option>
                <option value="spend">{t('rewards.entry.spend')}</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor={`points-amount-${contactId}`}>{t('rewards.pointsColumn')}</label>
              <input id={`points-amount-${contactId}`} className="input" type="number" min={1} value={amount} onChange={(event) => setAmount(event.currentTarget.value)} aria-invalid={fieldErrorOf(form.error, 'points') ? true : undefined} />
            </div>
            <div className="field field-grow">
              <label htmlFor={`points-reason-${contactId}`}>{t('rewards.reason')}</label>
              <input id={`points-reason-${contactId}`} className="input" value={reason} onChange={(event) => setReason(event.currentTarget.value)} />
            </div>
          </div>
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={form.busy || !amount}>{t('rewards.record')}</button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
