import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAppError } from '@touchpoint/core';
import { claimReferral, describeReferralLanding, followReviewAsk, recordReferralClick, findReferralCode, REFERRAL_CODE_PATTERN, type RequestPrint } from '@touchpoint/referrals';
import { createFixedWindowLimiter } from '../http/fixed-window-limiter.ts';
import { emailFriendReward } from '../referral-delivery.ts';
import { type LandingState, type PageLocale, REFERRAL_PAGE_HEADERS, renderReferralError, renderReferralLanding } from '../pages/referral-page.ts';
import { pickLocale } from '../pages/csat-page.ts';
import type { Services } from '../services.ts';

/** The first-party device id (random, no meaning) and the attribution `<code>.<clickId>`; both on the whole site. */
export const DEVICE_COOKIE = 'tp_did';
export const ATTRIBUTION_COOKIE = 'tp_ref';
const DEVICE_ID = /^[A-Za-z0-9-]{16,64}$/;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);
const cookieBase = (request: FastifyRequest) => ({ path: '/', httpOnly: true, sameSite: 'lax' as const, secure: request.protocol === 'https' || LOOPBACK.has(request.hostname.replace(/:\d+$/, '')) });

/** The request's device id (set on first sight, for a year), user agent and IP: what the guards compare, hashed. */
export function readPrint(request: FastifyRequest, reply: FastifyReply): RequestPrint {
  let deviceId = request.cookies[DEVICE_COOKIE] ?? null;
  if (!deviceId || !DEVICE_ID.test(deviceId)) {
    deviceId = randomUUID();
    reply.setCookie(DEVICE_COOKIE, deviceId, { ...cookieBase(request), maxAge: 365 * 24 * 3600 });
  }
  return { deviceId, userAgent: String(request.headers['user-agent'] ?? '').slice(0, 400), ip: request.ip ?? null };
}

/** `?lang=` (a link shared for a language) first, else the browser's languages. */
function localeOf(request: FastifyRequest): PageLocale {
  const { lang } = (request.query ?? {}) as { lang?: string };
  return lang === 'en' || lang === 'ja' || lang === 'zh' ? lang : pickLocale(request.headers['accept-language'], 'en');
}
const send = (reply: FastifyReply, html: string, status = 200) => reply.code(status).type('text/html; charset=utf-8').headers(REFERRAL_PAGE_HEADERS).send(html);

/** The click id this browser got from this code's landing, if any. */
function attributedClick(request: FastifyRequest, code: string): string | null {
  const [value, clickId] = (request.cookies[ATTRIBUTION_COOKIE] ?? '').split('.');
  return value === code && clickId && /^[0-9a-f-]{36}$/.test(clickId) ? clickId : null;
}

/**
 * Public advocacy pages: the referral landing `/r/<code>` (records the click, sets the attribution cookie, offers
 * the friend's gift; the form claims it by email) and the review ask's tracked redirect `/review/<token>?to=<platform>`.
 */
export function registerReferralPages(app: FastifyInstance, services: Services) {
  // Claims per address and account per minute: enough for a family on one network, not for a script making up emails.
  const limit = createFixedWindowLimiter({ claim: 10 });
  void app.register(async (scoped) => {
    scoped.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    scoped.get('/r/:code', { schema: { hide: true } }, async (request, reply) => {
      const locale = localeOf(request);
      const { code } = request.params as { code: string };
      const view = REFERRAL_CODE_PATTERN.test(code.toLowerCase()) ? await describeReferralLanding(services.db, code) : null;
      if (!view) return send(reply, renderReferralError(locale, 'invalid'), 404);
      const codeRow = await findReferralCode(services.db, view.code);
      const click = codeRow ? await recordReferralClick(services.db, codeRow, readPrint(request, reply)) : null;
      if (click) reply.setCookie(ATTRIBUTION_COOKIE, `${view.code}.${click.clickId}`, { ...cookieBase(request), maxAge: view.attributionDays * 24 * 3600 });
      return send(reply, renderReferralLanding(locale, view));
    });
    scoped.post('/r/:code', { schema: { hide: true } }, async (request, reply) => {
      const locale = localeOf(request);
      const { code } = request.params as { code: string };
      const form = (request.body ?? {}) as Record<string, string>;
      const view = REFERRAL_CODE_PATTERN.test(code.toLowerCase()) ? await describeReferralLanding(services.db, code) : null;
      if (!view) return send(reply, renderReferralError(locale, 'invalid'), 404);
      const state: LandingState = { email: (form.email ?? '').slice(0, 254), name: (form.name ?? '').slice(0, 80) };
      limit('claim', request.ip, view.accountId);
      try {
        const claim = await claimReferral(services.db, {
          code: view.code, email: state.email, name: state.name || null, locale, clickId: attributedClick(request, view.code), print: readPrint(request, reply), source: 'landing',
        });
        const referral = claim.referral;
        if (referral.status === 'rejected') return send(reply, renderReferralLanding(locale, view, { ...state, outcome: { status: 'rejected' } }));
        if (claim.replayed) return send(reply, renderReferralLanding(locale, view, { ...state, outcome: { status: 'already' } }));
        await emailFriendReward(services, { accountId: view.accountId, contactId: claim.friendContactId, referralId: referral.id, reward: referral.friendReward, offer: view.friendOffer, locale })
          .catch((error: unknown) => request.log.error({ err: error }, 'referral gift email failed'));
        return send(reply, renderReferralLanding(locale, view, { ...state, outcome: { status: 'granted', reward: referral.friendReward, email: state.email ?? '' } }));
      } catch (error) {
        if (isAppError(error) && error.code === 'validation_failed') return send(reply, renderReferralLanding(locale, view, { ...state, error: 'email' }), 400);
        if (isAppError(error) && error.code === 'conflict') return send(reply, renderReferralError(locale, 'closed', view.accountName), 409);
        throw error;
      }
    });
    scoped.get('/review/:token', { schema: { hide: true } }, async (request, reply) => {
      const { token } = request.params as { token: string };
      const { to } = request.query as { to?: string };
      const target = to ? await followReviewAsk(services.db, token, to) : null;
      if (!target) return send(reply, renderReferralError(localeOf(request), 'invalid'), 404);
      return reply.code(302).header('referrer-policy', 'no-referrer').header('cache-control', 'no-store').redirect(target);
    });
  });
}
