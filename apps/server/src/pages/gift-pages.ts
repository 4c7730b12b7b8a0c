import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAppError } from '@touchpoint/core';
import { acceptGift, addGiftReaction, findSharedReaction, openGift, openReactionMedia } from '@touchpoint/gifts';
import { giftMediaStoreOf } from '../gift-delivery.ts';
import { publicBaseUrl } from '../http/public-url.ts';
import { limitGiftRequest } from '../routes/gift-public-routes.ts';
import type { Services } from '../services.ts';
import { GIFT_PAGE_COPY, type GiftPageLocale, isGiftPageLocale } from './gift-page-copy.ts';
import { renderGiftErrorPage, renderGiftPage, renderSharedReactionPage } from './gift-page.ts';

const securityOf = (nonce: string) =>
  `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; img-src 'self' https: blob:; media-src 'self' blob:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`;

function sendPage(reply: FastifyReply, html: string, nonce: string, status = 200) {
  return reply.code(status).type('text/html; charset=utf-8').header('content-security-policy', securityOf(nonce)).header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer').send(html);
}

/** `?lang=` first (the switcher), then the gift's own locale, then the browser's first supported language. */
function localeOf(request: FastifyRequest, giftLocale?: string): GiftPageLocale {
  const lang = (request.query as { lang?: string }).lang;
  if (isGiftPageLocale(lang)) return lang;
  if (isGiftPageLocale(giftLocale)) return giftLocale;
  const browser = (request.headers['accept-language'] ?? '').split(',').map((part) => part.trim().slice(0, 2)).find(isGiftPageLocale);
  return browser ?? 'en';
}

function sendError(request: FastifyRequest, reply: FastifyReply, error: unknown) {
  if (isAppError(error) && error.code === 'not_found') return sendPage(reply, renderGiftErrorPage(localeOf(request)), 'none', 404);
  throw error;
}

/** Maps a refused claim or reaction to words on the page (the API answers the same refusals as problem+json). */
function noticeOf(error: unknown, locale: GiftPageLocale): string | null {
  if (!isAppError(error)) return null;
  const copy = GIFT_PAGE_COPY[locale];
  if (error.code === 'already_claimed') return copy.alreadyClaimed;
  if (error.code === 'gift_expired') return copy.expired;
  if (error.code === 'validation_failed' || error.code === 'unprocessable' || error.code === 'conflict' || error.code === 'out_of_stock') return error.detail ?? copy.failed;
  return null;
}

/**
 * The gift pages: `/gift/<token>` (claim and react; the form posts back to it, so accepting and a text reaction work
 * without script) and `/gift/reaction/<slug>` (a reaction its giver shared). Rate-limited like the claim API.
 */
export function registerGiftPages(app: FastifyInstance, services: Services) {
  void app.register(async (scoped) => {
    scoped.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 8192 }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    scoped.get('/gift/:token', { schema: { hide: true } }, async (request, reply) => {
      const { token } = request.params as { token: string };
      try {
        limitGiftRequest('open', request.ip, token);
        const view = await openGift(services.db, token);
        const nonce = randomBytes(16).toString('base64');
        return sendPage(reply, renderGiftPage({ ...view, token }, localeOf(request, view.locale), nonce), nonce);
      } catch (error) {
        return sendError(request, reply, error);
      }
    });
    scoped.post('/gift/:token', { schema: { hide: true } }, async (request, reply) => {
      const { token } = request.params as { token: string };
      const form = (request.body ?? {}) as Record<string, string>;
      const lang = (request.query as { lang?: string }).lang;
      try {
        limitGiftRequest(form.action === 'react' ? 'react' : 'accept', request.ip, token);
        if (form.action === 'react') await addGiftReaction(services.db, giftMediaStoreOf(services), token, { kind: 'text', text: form.text ?? '' });
        else await acceptGift(services.db, token, { swapIndex: form.swapIndex ? Number(form.swapIndex) : undefined, country: form.country || undefined });
        return reply.redirect(`/gift/${encodeURIComponent(token)}${isGiftPageLocale(lang) ? `?lang=${lang}` : ''}`, 303);
      } catch (error) {
        const view = await openGift(services.db, token).catch(() => null);
        if (!view) return sendError(request, reply, error);
        const locale = localeOf(request, view.locale);
        const notice = noticeOf(error, locale);
        if (notice === null) throw error;
        const nonce = randomBytes(16).toString('base64');
        return sendPage(reply, renderGiftPage({ ...view, token }, locale, nonce, notice), nonce, isAppError(error) ? error.status : 400);
      }
    });
    scoped.get('/gift/reaction/:slug', { schema: { hide: true } }, async (request, reply) => {
      const { slug } = request.params as { slug: string };
      try {
        limitGiftRequest('open', request.ip, slug);
        const shared = await findSharedReaction(services.db, slug);
        const locale = localeOf(request, shared.locale);
        return sendPage(reply, renderSharedReactionPage({ slug, senderName: shared.senderName, businessName: shared.businessName, locale, reaction: shared.reaction, baseUrl: publicBaseUrl(request, services.config).toString() }), 'none');
      } catch (error) {
        return sendError(request, reply, error);
      }
    });
    scoped.get('/gift/reaction/:slug/media', { schema: { hide: true } }, async (request, reply) => {
      const { slug } = request.params as { slug: string };
      limitGiftRequest('open', request.ip, slug);
      const media = await openReactionMedia(services.db, giftMediaStoreOf(services), { shareSlug: slug });
      return reply.type(media.contentType).header('content-length', media.byteSize).header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox").header('cache-control', 'public, max-age=300').send(media.content);
    });
  });
}
