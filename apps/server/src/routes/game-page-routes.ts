import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAppError, isUuid } from '@touchpoint/core';
import { findAccountByHandle } from '@touchpoint/customers';
import { getPublicCampaign, getReceipt, mapRollToLine, verifyReceipt } from '@touchpoint/games';
import { pickGameLocale } from '../pages/game-page-copy.ts';
import { GAME_PAGE_SECURITY, renderGameNotFoundPage, renderRulesPage, renderVerifyPage } from '../pages/game-pages.ts';
import type { Services } from '../services.ts';

function sendPage(reply: FastifyReply, html: string, status = 200) {
  return reply.code(status).type('text/html; charset=utf-8').header('content-security-policy', GAME_PAGE_SECURITY).header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').send(html);
}

const localeOf = (request: FastifyRequest, fallback: 'en' | 'ja' | 'zh') => pickGameLocale((request.query as { lang?: string }).lang, request.headers['accept-language'], fallback);

/** The server's own check of a stored play: the seed matches the hash, and the roll draws the recorded prize. */
async function checkOnServer(services: Services, accountId: string, playId: string) {
  try {
    const receipt = await getReceipt(services.db, accountId, playId);
    const proof = verifyReceipt(receipt);
    const drawn = mapRollToLine(proof.roll, receipt.table).line;
    return { receipt, valid: proof.valid && proof.roll === receipt.roll && (drawn?.id ?? null) === receipt.drawnPrizeId };
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') return { receipt: null, valid: false as const };
    throw error;
  }
}

/** Public game pages for phones, no sign-in: `/play/<handle>/verify` and `/play/<handle>/<campaign>/rules`. */
export function registerGamePages(app: FastifyInstance, services: Services) {
  app.get('/play/:handle/verify', { schema: { hide: true } }, async (request, reply) => {
    const { handle } = request.params as { handle: string };
    const account = await findAccountByHandle(services.db, handle).catch(() => null);
    if (!account) return sendPage(reply, renderGameNotFoundPage(localeOf(request, 'en'), handle), 404);
    const locale = localeOf(request, account.defaultLocale);
    const playId = String((request.query as { play?: string }).play ?? '').trim();
    const server = playId ? (isUuid(playId) ? await checkOnServer(services, account.id, playId) : { receipt: null, valid: false as const }) : null;
    return sendPage(reply, renderVerifyPage({ accountName: account.name, handle: account.handle, locale, playId, server }));
  });
  app.get('/play/:handle/:slug/rules', { schema: { hide: true } }, async (request, reply) => {
    const { handle, slug } = request.params as { handle: string; slug: string };
    const account = await findAccountByHandle(services.db, handle).catch(() => null);
    if (!account) return sendPage(reply, renderGameNotFoundPage(localeOf(request, 'en'), handle), 404);
    const locale = localeOf(request, account.defaultLocale);
    try {
      const campaign = await getPublicCampaign(services.db, account.id, slug);
      return sendPage(reply, renderRulesPage({ accountName: account.name, handle: account.handle, locale, campaign, orderCurrency: campaign.currency }));
    } catch (error) {
      if (isAppError(error) && error.code === 'not_found') return sendPage(reply, renderGameNotFoundPage(locale, account.name), 404);
      throw error;
    }
  });
}
