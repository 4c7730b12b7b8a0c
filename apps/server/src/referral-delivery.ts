import type { GrantedReward } from '@touchpoint/db';
import { deliverDueReviewAsks, ensureReferralCode, findReferralProgram } from '@touchpoint/referrals';
import { backgroundBaseUrl } from './http/public-url.ts';
import { outreachOf } from './journeys/journey-ports.ts';
import { describeOffer, type PageLocale } from './pages/referral-page.ts';
import type { RewardOffer } from '@touchpoint/referrals';
import type { Services } from './services.ts';

/** A customer's shareable link, on PUBLIC_URL (else this server on localhost). */
export const referralLinkOf = (services: Services, code: string) => new URL(`/r/${code}`, backgroundBaseUrl(services.config)).toString();

/** Sends pending review asks (all due ones, or one) through this server's outreach; links on PUBLIC_URL. */
export function deliverReviewAsks(services: Services, askId?: string) {
  const base = backgroundBaseUrl(services.config);
  return deliverDueReviewAsks(services.db, {
    outreach: outreachOf(services),
    askUrl: (token, platformId) => new URL(`/review/${token}?to=${encodeURIComponent(platformId)}`, base).toString(),
    async referralUrl(accountId, contactId) {
      const program = await findReferralProgram(services.db, accountId);
      if (program?.status !== 'live') return null;
      return referralLinkOf(services, (await ensureReferralCode(services.db, accountId, contactId)).code);
    },
  }, 50, askId);
}

const WAKE_DELAYS_MS = [50, 750];

/** The sink made asks in a transaction that is about to commit: send them shortly (the minute job is the safety net). */
export function wakeReviewAskDelivery(services: Services, onError: (error: unknown) => void) {
  return () => {
    for (const delay of WAKE_DELAYS_MS) setTimeout(() => void deliverReviewAsks(services).catch(onError), delay).unref();
  };
}

const SUBJECT: Record<PageLocale, string> = { en: 'Your welcome gift', ja: 'ウェルカムギフトのお届け', zh: '您的见面礼' };
const BODY: Record<PageLocale, (offer: string, code: string | null) => string> = {
  en: (offer, code) => `Welcome! A friend invited you, so here is your gift: ${offer}.${code ? `\n\nYour code: ${code}\n\nUse it on your first order.` : ''}`,
  ja: (offer, code) => `ようこそ！お友だちからのご招待で、ギフト（${offer}）をお贈りします。${code ? `\n\nクーポンコード：${code}\n\n初回のご注文でお使いください。` : ''}`,
  zh: (offer, code) => `欢迎！您的朋友邀请了您，这是送给您的礼物：${offer}。${code ? `\n\n优惠码：${code}\n\n请在首笔订单中使用。` : ''}`,
};

/** The friend's gift by email, once per referral (the customer asked for it on the landing page: transactional). */
export async function emailFriendReward(services: Services, input: { accountId: string; contactId: string; referralId: string; reward: GrantedReward | null; offer: RewardOffer; locale: PageLocale }) {
  if (!input.reward || input.reward.failed) return;
  const text = BODY[input.locale](describeOffer(input.locale, input.offer), input.reward.code ?? null);
  await outreachOf(services).send({
    accountId: input.accountId, contactId: input.contactId, channel: 'email', transactional: true, touchpoint: { kind: 'referral', id: null },
    content: { subject: SUBJECT[input.locale], text }, dedupeKey: `referral-friend-reward:${input.referralId}`,
  });
}
