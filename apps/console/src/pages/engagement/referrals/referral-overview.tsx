import { useId, useState } from 'react';
import { getReferralStats, type GrantedReward, listReferrals, REJECTION_REASONS, type Referral, type ReferralStats } from '../../../api/referral-endpoints.ts';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { useCurrentAccount } from '../../../hooks/use-current-account.ts';
import { useResource } from '../../../hooks/use-resource.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { Link } from '../../../router/link.tsx';
import { paths } from '../../../routes/paths.ts';

const STAGES = ['clicks', 'signUps', 'conversions', 'rewarded'] as const;
const DAYS = 30;

/** The funnel as horizontal bars: each stage's count is in the text, the bar only shows it. */
function FunnelChart({ stats }: { stats: ReferralStats }) {
  const { t, formatNumber } = useI18n();
  const top = Math.max(1, ...STAGES.map((stage) => stats.funnel[stage]));
  return (
    <section aria-labelledby="referral-funnel-title">
      <h2 id="referral-funnel-title" className="section-title">{t('referrals.funnel', { days: DAYS })}</h2>
      <ol className="referral-funnel" aria-label={t('referrals.funnelChart')}>
        {STAGES.map((stage) => (
          <li key={stage}>
            <span>{t(`referrals.stage.${stage}`)}</span>
            <span className="referral-bar" aria-hidden="true"><span style={{ width: `${(stats.funnel[stage] / top) * 100}%` }} /></span>
            <span className="num">{formatNumber(stats.funnel[stage])}</span>
          </li>
        ))}
      </ol>
      <p>{t('referrals.rejectedTotal', { count: formatNumber(stats.rejected) })}{Object.entries(stats.rejectionReasons).length > 0 ? ' — ' : ''}
        {Object.entries(stats.rejectionReasons).map(([reason, count]) => `${reasonLabel(t, reason)}: ${formatNumber(count)}`).join(' · ')}
      </p>
      <p className="field-hint">{t('referrals.reviewFigures', { sent: formatNumber(stats.reviewAsks.sent), clicked: formatNumber(stats.reviewAsks.clicked), suppressed: formatNumber(stats.reviewAsks.suppressed) })}</p>
    </section>
  );
}

type T = ReturnType<typeof useI18n>['t'];
const reasonLabel = (t: T, reason: string) => ((REJECTION_REASONS as readonly string[]).includes(reason) ? t(`referrals.reason.${reason as (typeof REJECTION_REASONS)[number]}`) : reason);

function rewardText(t: T, reward: GrantedReward | null): string {
  if (!reward) return '';
  if (reward.failed) return t('referrals.reward.outOfStock');
  if (reward.kind === 'points') return t('referrals.reward.points', { points: reward.points ?? 0 });
  return t('referrals.reward.code', { code: reward.code ?? '' });
}

function ReferralRow({ referral }: { referral: Referral }) {
  const { t, formatDate } = useI18n();
  const account = useCurrentAccount();
  return (
    <tr>
      <th scope="row"><Link to={paths.contact(account.id, referral.referrerContactId)}>{referral.referrerName}</Link></th>
      <td>{referral.friendContactId ? <Link to={paths.contact(account.id, referral.friendContactId)}>{referral.friendName ?? referral.friendEmail ?? '—'}</Link> : '—'}</td>
      <td><span className={`badge referral-status-${referral.status}`}>{t(`referrals.status.${referral.status}`)}</span></td>
      <td>
        {referral.referrerReward ? <span className="referral-detail">{t('referrals.reward.referrer', { reward: rewardText(t, referral.referrerReward) })}</span> : null}
        {referral.friendReward ? <span className="referral-detail">{t('referrals.reward.friend', { reward: rewardText(t, referral.friendReward) })}</span> : null}
        {referral.reversedAt ? <span className="referral-detail"><strong>{t('referrals.reversed')}</strong> {referral.reversalNote}</span> : null}
      </td>
      <td>{referral.rejectionReason ? <>{reasonLabel(t, referral.rejectionReason)}<span className="referral-detail" lang="en">{referral.rejectionDetail}</span></> : '—'}</td>
      <td>{formatDate(referral.createdAt)}</td>
    </tr>
  );
}

/** The funnel, then every referral with its status, rewards and rejection reason; filter by status and reason. */
export function ReferralOverview() {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const id = useId();
  const [status, setStatus] = useState('');
  const [reason, setReason] = useState('');
  const stats = useResource((signal) => getReferralStats(account.id, DAYS, signal), [account.id]);
  const referrals = useResource((signal) => listReferrals(account.id, { status, reason }, signal), [account.id, status, reason]);
  return (
    <>
      {stats.error ? <ErrorNotice error={stats.error} /> : stats.data ? <FunnelChart stats={stats.data} /> : <LoadingState />}
      <section aria-labelledby="referral-list-title">
        <h2 id="referral-list-title" className="section-title">{t('referrals.list')}</h2>
        <div className="referral-filters">
          <div className="field">
            <label htmlFor={`${id}-status`}>{t('referrals.filterStatus')}</label>
            <select id={`${id}-status`} className="select" value={status} onChange={(event) => setStatus(event.target.value)}>
              <option value="">{t('referrals.any')}</option>
              {(['pending', 'rewarded', 'rejected'] as const).map((item) => <option key={item} value={item}>{t(`referrals.status.${item}`)}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-reason`}>{t('referrals.filterReason')}</label>
            <select id={`${id}-reason`} className="select" value={reason} onChange={(event) => setReason(event.target.value)}>
              <option value="">{t('referrals.any')}</option>
              {REJECTION_REASONS.map((item) => <option key={item} value={item}>{t(`referrals.reason.${item}`)}</option>)}
            </select>
          </div>
        </div>
        {referrals.error ? <ErrorNotice error={referrals.error} /> : !referrals.data ? <LoadingState /> : referrals.data.referrals.length === 0 ? <EmptyState title={t('referrals.empty')} /> : (
          <div className="table-wrap" tabIndex={0} role="group" aria-labelledby="referral-list-title">
            <table className="table">
              <caption className="visually-hidden">{t('referrals.list')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('referrals.col.referrer')}</th>
                  <th scope="col">{t('referrals.col.friend')}</th>
                  <th scope="col">{t('referrals.col.status')}</th>
                  <th scope="col">{t('referrals.col.rewards')}</th>
                  <th scope="col">{t('referrals.col.reason')}</th>
                  <th scope="col">{t('referrals.col.date')}</th>
                </tr>
              </thead>
              <tbody>{referrals.data.referrals.map((referral) => <ReferralRow key={referral.id} referral={referral} />)}</tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
