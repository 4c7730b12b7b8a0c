import type { FastifyInstance } from 'fastify';
import { AppError, isAppError } from '@touchpoint/core';
import { findAccountByHandle } from '@touchpoint/customers';
import { findFeedBySlug, readPostPhoto } from '@touchpoint/live-feed';
import { setFileHeaders } from '../http/file-response.ts';
import { sendProblem } from '../http/problem.ts';
import { closeLiveFeedSockets, liveFeedSocketsFor } from '../realtime/live-feed-sockets.ts';
import { resolvePublicFeed } from '../routes/live-feed-public-routes.ts';
import type { Services } from '../services.ts';
import { renderLiveOverlayPage, type OverlayOptions } from './live-overlay-page.ts';
import { renderLivePhonePage, renderLiveMissingPage } from './live-phone-page.ts';

const PING_MS = 25_000;

function overlayOptionsOf(query: Record<string, string | undefined>): OverlayOptions {
  const size = (value: string | undefined, fallback: number, min: number, max: number) => {
    const n = Number(value);
    return Number.isInteger(n) && n >= min && n <= max ? n : fallback;
  };
  return {
    width: size(query.width, 1920, 320, 7680),
    height: size(query.height, 1080, 240, 4320),
    layout: query.layout === 'wall' ? 'wall' : 'ticker',
    poll: query.poll !== 'off',
    scale: size(query.scale, 100, 50, 400) / 100,
  };
}

/**
 * The public live pages: the phone page (`/live/<handle>/<feed>`), the overlay (`…/overlay`, transparent, sized by
 * `?width=&height=&layout=ticker|wall&scale=`), approved posts' photos, and the screens' socket
 * (`/api/live/<handle>/<feed>/socket`), which any origin may open: it only ever carries what is on screen anyway.
 */
export function registerLiveFeedPages(app: FastifyInstance, services: Services) {
  const sockets = liveFeedSocketsFor(services.bus, (error) => app.log.error({ err: error }, 'live feed socket failed'));
  app.addHook('preClose', async () => closeLiveFeedSockets(services.bus));

  const page = (overlay: boolean) => async (request: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply) => {
    const { handle, slug } = request.params as { handle: string; slug: string };
    reply.header('cache-control', 'no-store').header('x-content-type-options', 'nosniff').header('referrer-policy', 'same-origin');
    try {
      const account = await findAccountByHandle(services.db, handle);
      const feed = await findFeedBySlug(services.db, account.id, slug);
      const base = `/api/live/${encodeURIComponent(handle)}/${encodeURIComponent(slug)}`;
      const view = { accountName: account.name, feedName: feed.name, locale: feed.locale as 'en' | 'ja' | 'zh', apiBase: base, photoBase: `/live/${handle}/${slug}/photos` };
      const html = overlay ? renderLiveOverlayPage(view, overlayOptionsOf(request.query as Record<string, string | undefined>)) : renderLivePhonePage(view);
      return reply.type('text/html; charset=utf-8').send(html);
    } catch (error) {
      if (isAppError(error) && error.code === 'not_found') return reply.code(404).type('text/html; charset=utf-8').send(renderLiveMissingPage());
      throw error;
    }
  };
  app.get('/live/:handle/:slug', { schema: { hide: true } }, page(false));
  app.get('/live/:handle/:slug/overlay', { schema: { hide: true } }, page(true));

  app.get('/live/:handle/:slug/photos/:postId', { schema: { hide: true } }, async (request, reply) => {
    const { handle, slug, postId } = request.params as { handle: string; slug: string; postId: string };
    if (!/^[0-9a-f-]{36}$/i.test(postId)) throw new AppError('not_found', 'Not found', 'No such photo.');
    const feed = await resolvePublicFeed(services.db, handle, slug);
    const photo = await readPostPhoto(services.db, feed, postId);
    setFileHeaders(reply, { fileName: `photo-${postId}`, contentType: photo.contentType, byteSize: photo.bytes.length }, { cacheControl: 'public, max-age=300' });
    return reply.send(photo.bytes);
  });

  app.get('/api/live/:handle/:slug/socket', {
    websocket: true,
    schema: { hide: true },
    async preValidation(request, reply) {
      const { handle, slug } = request.params as { handle: string; slug: string };
      try {
        (request as typeof request & { feedId?: string }).feedId = (await resolvePublicFeed(services.db, handle, slug)).id;
      } catch (error) {
        if (error instanceof AppError) return sendProblem(reply, request, error);
        throw error;
      }
    },
  }, (socket, request) => {
    const feedId = (request as typeof request & { feedId?: string }).feedId!;
    const pinger = setInterval(() => {
      if (socket.readyState === socket.OPEN) socket.send('{"type":"ping"}');
    }, PING_MS);
    pinger.unref();
    socket.on('close', () => clearInterval(pinger));
    sockets.attach(socket, feedId);
    socket.send('{"type":"ready"}');
  });
}
