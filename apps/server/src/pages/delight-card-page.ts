import type { FastifyInstance } from 'fastify';
import { composeDelightCard, findGestureByCardToken, serializeGesture } from '@touchpoint/delight';
import { publicBaseUrl } from '../http/public-url.ts';
import type { Services } from '../services.ts';

const PAGE_SECURITY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'";
const NOT_FOUND = { en: 'This card could not be found.', ja: 'このカードは見つかりませんでした。', zh: '找不到这张卡片。' } as const;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function page(locale: string, title: string, body: string) {
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>`
    + '<style>body{margin:0;background:#eef0f3;font:16px/1.5 system-ui,sans-serif}main{padding:32px 14px 48px}</style></head>'
    + `<body><main>${body}</main></body></html>`;
}

/** The public card page `/card/<token>`: the handwritten-style card an agent sent, as in the email; no sign-in, no script. */
export function registerDelightPages(app: FastifyInstance, services: Services) {
  app.get('/card/:token', { schema: { hide: true } }, async (request, reply) => {
    const { token } = request.params as { token: string };
    const found = /^[A-Za-z0-9_-]{10,64}$/.test(token) ? await findGestureByCardToken(services.db, token) : null;
    const send = (status: number, html: string) => reply.code(status).type('text/html; charset=utf-8').header('content-security-policy', PAGE_SECURITY)
      .header('cache-control', 'private, no-store').header('referrer-policy', 'no-referrer').send(html);
    if (!found) return send(404, page('en', NOT_FOUND.en, `<p role="alert" style="text-align:center">${NOT_FOUND.en}<br>${NOT_FOUND.ja}<br>${NOT_FOUND.zh}</p>`));
    const gesture = serializeGesture(found.gesture);
    const base = publicBaseUrl(request, services.config);
    const card = await composeDelightCard(services.db, found.gesture.accountId, gesture, { cardUrl: '', giftUrl: gesture.giftUrl ? new URL(gesture.giftUrl, base).toString() : null }, found.agentName ?? found.accountName);
    return send(200, page(card.locale, card.subject, `<h1 style="font-size:1rem;font-weight:500;color:#52606d;text-align:center;margin:0 0 18px">${escapeHtml(card.subject)}</h1>${card.html}`));
  });
}
