import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { describeSurvey, submitCsatRating } from '@touchpoint/conversations';
import { defineRoute } from '../http/route.ts';
import { pickLocale, renderCsatPage } from '../pages/csat-page.ts';
import type { Services } from '../services.ts';

const TokenParamsSchema = z.strictObject({ token: z.string().min(16).max(64) });
const RatingSchema = z.strictObject({ rating: z.coerce.number().int().min(1).max(5), comment: z.string().max(2000).default('') });

/** The customer's side of CSAT as JSON, for the widget and the portal. */
export const csatRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/csat/:token',
    auth: 'public',
    summary: 'A satisfaction survey by its link token',
    tags: ['CSAT'],
    params: TokenParamsSchema,
    response: z.object({ accountName: z.string(), number: z.number(), subject: z.string(), locale: z.string(), expired: z.boolean(), rating: z.number().nullable(), comment: z.string() }),
    handler: ({ params }, { services }) => describeSurvey(services.db, params.token),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/csat/:token',
    auth: 'public',
    summary: 'Answer a satisfaction survey (1–5 and a comment); answering again replaces the answer',
    tags: ['CSAT'],
    params: TokenParamsSchema,
    body: RatingSchema,
    handler: ({ params, body }, { services }) => submitCsatRating(services.db, params.token, body),
  }),
];

const PAGE_SECURITY = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

function sendPage(reply: FastifyReply, html: string, status = 200) {
  return reply.code(status).type('text/html; charset=utf-8').header('content-security-policy', PAGE_SECURITY).header('cache-control', 'no-store').send(html);
}

/** The survey as a page a customer opens from an email or a message: no JavaScript needed. */
export function registerCsatPages(app: FastifyInstance, services: Services) {
  void app.register(async (scoped) => {
    scoped.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 8192 }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    scoped.get('/csat/:token', { schema: { hide: true } }, async (request, reply) => {
      const { token } = request.params as { token: string };
      const view = await describeSurvey(services.db, token);
      return sendPage(reply, renderCsatPage(view, pickLocale(request.headers['accept-language'], view.locale)));
    });
    scoped.post('/csat/:token', { schema: { hide: true } }, async (request, reply) => {
      const { token } = request.params as { token: string };
      const view = await describeSurvey(services.db, token);
      const locale = pickLocale(request.headers['accept-language'], view.locale);
      const parsed = RatingSchema.safeParse(request.body ?? {});
      if (!parsed.success) return sendPage(reply, renderCsatPage(view, locale, { error: true }), 400);
      await submitCsatRating(services.db, token, parsed.data);
      return sendPage(reply, renderCsatPage({ ...view, ...parsed.data }, locale, { submitted: true }));
    });
  });
}
