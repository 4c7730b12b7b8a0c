import { useState } from 'preact/hooks';
import { formatDate, formatMoney } from '../format.ts';
import type { MessageKey } from '../i18n.ts';
import { ErrorNote, Loading, Page, useLoad } from '../parts.tsx';
import { usePortal } from '../portal-context.ts';
import { QrCode } from '../qr-code.tsx';
import './referrals.css';

/** A reward as the server describes it (see GET /api/portal/:handle/referrals). */
export interface RewardOffer { kind: string; points?: number; couponKind?: string; value?: number; currency?: string | null }
export interface GrantedReward { kind: string; points?: number; code?: string; failed?: string }
export interface ReferralsView {
  live: boolean;
  code: string;
  url: string;
  friendOffer: RewardOffer;
  referrerOffer: RewardOffer;
  attributionDays: number;
  referrals: { id: string; friendName: string; status: 'pending' | 'rewarded' | 'rejected'; rejectionReason: string | null; reward: GrantedReward | null; createdAt: string; reversed: boolean }[];
  welcomeRewards: { reward: GrantedReward | null; at: string | null }[];
}

const STATUS_KEYS: Record<string, MessageKey> = { pending: 'referralsPending', rewarded: 'referralsRewarded', rejected: 'referralsRejected' };

/** What a customer may be told about a rejection: the kind of reason, never the matching detail. */
function reasonKey(reason: string | null): MessageKey | null {
  if (!reason) return null;
  if (reason.startsWith('self_referral')) return 'referralsWhySelf';
  if (reason === 'already_referred' || reason === 'existing_customer') return 'referralsWhyNotNew';
  if (reason === 'referrer_cap_reached') return 'referralsWhyCap';
  if (reason === 'program_not_live') return 'referralsWhyClosed';
  return 'referralsWhyOrder';
}

export function useOfferText() {
  const { t, locale } = usePortal();
  return (offer: RewardOffer): string => {
    if (offer.kind === 'points') return t('referralsPoints', { points: (offer.points ?? 0).toLocaleString(locale) });
    if (offer.kind !== 'coupon') return '';
    if (offer.couponKind === 'percent') return t('referralsPercent', { value: offer.value ?? 0 });
    if (offer.couponKind === 'amount' && offer.currency) return t('referralsAmount', { amount: formatMoney(offer.value ?? 0, offer.currency, locale) });
    return t('referralsFreeItem');
  };
}

function grantedText(t: ReturnType<typeof usePortal>['t'], reward: GrantedReward | null): string {
  if (!reward) return '';
  if (reward.failed) return t('referralsOutOfStock');
  if (reward.kind === 'points') return t('referralsPoints', { points: reward.points ?? 0 });
  return reward.code ? t('referralsCouponCode', { code: reward.code }) : '';
}

function ShareLink({ view }: { view: ReferralsView }) {
  const { t, info } = usePortal();
  const [status, setStatus] = useState<'' | 'copied' | 'failed'>('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(view.url);
      setStatus('copied');
    } catch {
      setStatus('failed');
    }
  };
  const canShare = typeof navigator !== 'undefined' && typeof navigator.share === 'function';
  const share = () => void navigator.share({ title: info.name, text: t('referralsShareText', { shop: info.name }), url: view.url }).catch(() => undefined);
  return (
    <>
      <label for="referral-link">{t('referralsLinkLabel')}</label>
      <div class="referral-link-row">
        <input id="referral-link" type="text" readOnly value={view.url} onFocus={(event) => (event.target as HTMLInputElement).select()} />
      </div>
      <p class="muted small referral-code">{t('referralsCodeLabel', { code: view.code })}</p>
      <div class="referral-actions">
        <button type="button" class="button primary" onClick={() => void copy()}>{t('referralsCopy')}</button>
        {canShare ? <button type="button" class="button secondary" onClick={share}>{t('referralsShare')}</button> : null}
      </div>
      <p class="referral-status" role="status" aria-live="polite">
        {status === 'copied' ? t('referralsCopied') : status === 'failed' ? t('referralsCopyFailed') : ''}
      </p>
    </>
  );
}

/** "Invite friends": my link (copy, share, QR), what both sides get, my referrals and my welcome gifts. */
export function ReferralsPage() {
  const { api, t, locale, me } = usePortal();
  const offerText = useOfferText();
  const loaded = useLoad(() => api.referrals(), [api]);
  if (loaded.state === 'loading') return <Page title={t('referralsTitle')}><Loading /></Page>;
  if (loaded.state === 'failed') return <Page title={t('referralsTitle')}><ErrorNote message={t('loadFailed')} onRetry={loaded.reload} /></Page>;
  const view = loaded.data;
  const friend = offerText(view.friendOffer);
  const you = offerText(view.referrerOffer);
  const offer = friend && you ? t('referralsOffer', { friend, you }) : friend ? t('referralsOfferFriendOnly', { friend }) : you ? t('referralsOfferYouOnly', { you }) : '';
  return (
    <Page title={t('referralsTitle')}>
      {view.live ? (
        <section class="card" aria-label={t('referralsLinkLabel')}>
          {offer ? <p class="referral-offer">{offer}</p> : null}
          <p class="muted small">{t('referralsWindow', { days: view.attributionDays })}</p>
          <ShareLink view={view} />
        </section>
      ) : (
        <p class="card">{t('referralsClosed')}</p>
      )}
      {view.live ? (
        <section class="card center" aria-labelledby="referral-qr-title">
          <h2 id="referral-qr-title">{t('referralsQrTitle')}</h2>
          <QrCode text={view.url} label={t('referralsQrLabel')} />
        </section>
      ) : null}
      <section aria-labelledby="my-referrals">
        <h2 id="my-referrals">{t('referralsMine')}</h2>
        {view.referrals.length === 0 ? (
          <p class="muted">{t('referralsNone')}</p>
        ) : (
          <ul class="list">
            {view.referrals.map((referral) => {
              const why = referral.status === 'rejected' ? reasonKey(referral.rejectionReason) : null;
              return (
                <li key={referral.id} class="list-item">
                  <span class="list-title">{referral.friendName}</span>
                  <span class="list-meta">
                    <span class={`badge badge-${referral.status}`}>{t(STATUS_KEYS[referral.status] ?? 'referralsPending')}</span> {formatDate(referral.createdAt, locale, me.timeZone)}
                  </span>
                  {referral.status === 'rewarded' && referral.reward && !referral.reversed ? <span class="list-meta">{grantedText(t, referral.reward)}</span> : null}
                  {referral.reversed ? <span class="list-meta muted">{t('referralsReversed')}</span> : null}
                  {why ? <span class="list-meta muted">{t(why)}</span> : null}
                </li>
              );
            })}
          </ul>
        )}
      </section>
      {view.welcomeRewards.length > 0 ? (
        <section aria-labelledby="welcome-rewards">
          <h2 id="welcome-rewards">{t('referralsWelcome')}</h2>
          <ul class="list">
            {view.welcomeRewards.map((item, index) => (
              <li key={index} class="list-item"><span class="list-title referral-code">{grantedText(t, item.reward)}</span></li>
            ))}
          </ul>
        </section>
      ) : null}
    </Page>
  );
}
