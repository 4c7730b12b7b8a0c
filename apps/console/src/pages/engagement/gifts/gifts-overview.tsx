import { useId, useState } from 'react';
import { cancelGift, type Gift, type GiftItem, type GiftStatus, getGiftStats, giftReactionMediaUrl, listGiftCampaigns, listGifts } from '../../../api/gift-endpoints.ts';
import { ConfirmButton } from '../../../components/confirm-button.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useCurrentAccount } from '../../../hooks/use-current-account.ts';
import { useResource } from '../../../hooks/use-resource.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { Link } from '../../../router/link.tsx';
import { paths } from '../../../routes/paths.ts';
import { GiftStatsPanel } from './gift-stats.tsx';

const STATUSES: GiftStatus[] = ['scheduled', 'delivered', 'opened', 'claimed', 'swapped', 'reacted', 'expired', 'cancelled'];
export const describeGiftItem = (item: GiftItem, card: string) => (item.kind === 'product' ? item.title : item.kind === 'voucher' ? (item.title ?? '🎟') : card);

function ReactionCell({ gift }: { gift: Gift }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const reaction = gift.reaction;
  if (!reaction) return <>{t('gifts.noReaction')}</>;
  return (
    <div className="gift-reaction">
      {reaction.kind === 'photo' ? <img src={giftReactionMediaUrl(account.id, gift.id)} alt={t('gifts.reaction')} loading="lazy" /> : null}
      {reaction.kind === 'video' ? <video src={giftReactionMediaUrl(account.id, gift.id)} controls preload="none" aria-label={t('gifts.reaction')} /> : null}
      {reaction.text ? <q>{reaction.text}</q> : null}
    </div>
  );
}

/** The gifts tab's front page: figures, the campaigns, and every gift with its status and reaction. */
export function GiftsOverview() {
  const { t, formatDateTime, formatNumber } = useI18n();
  const account = useCurrentAccount();
  const id = useId();
  const isAdmin = account.role === 'admin';
  const [status, setStatus] = useState<GiftStatus | ''>('');
  const campaigns = useResource((signal) => listGiftCampaigns(account.id, signal), [account.id]);
  const stats = useResource((signal) => getGiftStats(account.id, signal), [account.id]);
  const gifts = useResource((signal) => listGifts(account.id, { status: status || undefined, limit: 100 }, signal), [account.id, status]);
  const campaignName = new Map((campaigns.data?.campaigns ?? []).map((campaign) => [campaign.id, campaign.name]));
  return (
    <div className="gifts">
      <PageHeader
        title={t('gifts.title')}
        description={t('gifts.description')}
        actions={isAdmin ? <Link to={paths.engagement(account.id, 'gifts', 'campaigns', 'new')} className="button button-primary">{t('gifts.newCampaign')}</Link> : null}
      />
      {stats.data ? <GiftStatsPanel stats={stats.data} /> : null}
      <section aria-labelledby={`${id}-campaigns`}>
        <h2 id={`${id}-campaigns`} className="section-title">{t('gifts.campaigns')}</h2>
        {campaigns.error ? <ErrorNotice error={campaigns.error} /> : null}
        {!campaigns.data ? <LoadingState /> : campaigns.data.campaigns.length === 0 ? <EmptyState title={t('gifts.noCampaigns')} /> : (
          <div className="table-wrap" tabIndex={0} role="group" aria-labelledby={`${id}-campaigns`}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('gifts.name')}</th><th scope="col">{t('gifts.item')}</th><th scope="col">{t('gifts.status')}</th>
                  <th scope="col" className="num">{t('gifts.sent')}</th><th scope="col" className="num">{t('gifts.remaining')}</th><th scope="col" className="num">{t('gifts.perPerson')}</th>
                </tr>
              </thead>
              <tbody>
                {campaigns.data.campaigns.map((campaign) => (
                  <tr key={campaign.id}>
                    <th scope="row">{isAdmin ? <Link to={paths.engagement(account.id, 'gifts', 'campaigns', campaign.id)}>{campaign.name}</Link> : campaign.name}</th>
                    <td>{describeGiftItem(campaign.item, t('gifts.itemKind.card'))}</td>
                    <td><span className={`badge gift-campaign-${campaign.status}`}>{t(`gifts.campaignStatus.${campaign.status}`)}</span></td>
                    <td className="num">{formatNumber(campaign.sentCount)}</td>
                    <td className="num">{campaign.remaining === null ? t('gifts.unlimited') : formatNumber(campaign.remaining)}</td>
                    <td className="num">{formatNumber(campaign.perPersonLimit)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby={`${id}-gifts`}>
        <div className="gifts-list-head">
          <h2 id={`${id}-gifts`} className="section-title">{t('gifts.list')}</h2>
          <div className="field">
            <label htmlFor={`${id}-status`}>{t('gifts.filterStatus')}</label>
            <select id={`${id}-status`} className="select" value={status} onChange={(event) => setStatus(event.target.value as GiftStatus | '')}>
              <option value="">{t('gifts.allStatuses')}</option>
              {STATUSES.map((value) => <option key={value} value={value}>{t(`gifts.giftStatus.${value}`)}</option>)}
            </select>
          </div>
        </div>
        {gifts.error ? <ErrorNotice error={gifts.error} /> : null}
        {!gifts.data ? <LoadingState /> : gifts.data.gifts.length === 0 ? <EmptyState title={t('gifts.noGifts')} /> : (
          <div className="table-wrap" tabIndex={0} role="group" aria-labelledby={`${id}-gifts`}>
            <table className="table gifts-table">
              <thead>
                <tr>
                  <th scope="col">{t('gifts.item')}</th><th scope="col">{t('gifts.from')}</th><th scope="col">{t('gifts.to')}</th><th scope="col">{t('gifts.status')}</th>
                  <th scope="col">{t('gifts.when')}</th><th scope="col">{t('gifts.reaction')}</th><th scope="col"><span className="visually-hidden">{t('gifts.cancel')}</span></th>
                </tr>
              </thead>
              <tbody>
                {gifts.data.gifts.map((gift) => (
                  <tr key={gift.id}>
                    <th scope="row">
                      {describeGiftItem(gift.claimedItem ?? gift.item, t('gifts.itemKind.card'))}
                      {gift.campaignId && campaignName.get(gift.campaignId) ? <span className="muted block">{campaignName.get(gift.campaignId)}</span> : null}
                    </th>
                    <td>{gift.senderContactId ? <Link to={paths.contact(account.id, gift.senderContactId)}>{gift.senderName}</Link> : t('gifts.agent', { name: gift.senderName })}</td>
                    <td>
                      {gift.recipientContactId ? <Link to={paths.contact(account.id, gift.recipientContactId)}>{gift.recipientName ?? gift.recipientEmail ?? gift.recipientPhone ?? '—'}</Link> : (gift.recipientName ?? t('gifts.byLink'))}
                      {gift.recipientCountry ? <span className="muted"> · {gift.recipientCountry}</span> : null}
                      {gift.deliveryResult && gift.deliveryResult !== 'sent' && gift.deliveryResult !== 'link' ? <span className="muted block">{t('gifts.delivery')}: {gift.deliveryResult}</span> : null}
                    </td>
                    <td><span className={`badge gift-status-${gift.status}`}>{t(`gifts.giftStatus.${gift.status}`)}</span></td>
                    <td><time dateTime={gift.createdAt}>{formatDateTime(gift.createdAt)}</time></td>
                    <td><ReactionCell gift={gift} /></td>
                    <td>
                      {['scheduled', 'delivered', 'opened'].includes(gift.status) ? (
                        <ConfirmButton label={t('gifts.cancel')} confirmLabel={t('gifts.cancelConfirm')} onConfirm={async () => { await cancelGift(account.id, gift.id); gifts.reload(); stats.reload(); }} />
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
