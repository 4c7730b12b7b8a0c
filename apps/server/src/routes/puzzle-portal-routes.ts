import { z } from 'zod';
import { type Locale, LOCALES, notFound } from '@touchpoint/core';
import { describeCustomer, findAccountByHandle } from '@touchpoint/customers';
import { getTodaysPuzzle, isBuiltinImage, MAX_MOVES, openPuzzleImage, renderBuiltinImage, startPuzzleSession, submitPuzzleSolution } from '@touchpoint/puzzles';
import type { CustomerContext } from '../http/auth.ts';
import { defineRoute } from '../http/route.ts';
import type { Services } from '../services.ts';
import { puzzleImageStoreOf } from './puzzle-image-store.ts';
import { IsoDateSchema, LocaleSchema } from './schemas.ts';

const TAGS = ['Customer portal'];
const PREFIX = '/api/portal/:handle';
const HandleSchema = z.string().min(1).max(63);
const HandleParamsSchema = z.strictObject({ handle: HandleSchema });
const SessionParamsSchema = z.strictObject({ handle: HandleSchema, sessionId: z.uuid({ message: 'must be a UUID' }) });
const LocaleQuerySchema = z.strictObject({ locale: LocaleSchema.optional().describe('the page’s language for the deal text; defaults to the customer’s') });
const IMMUTABLE = 'public, max-age=31536000, immutable';

const SessionSchema = z.object({
  id: z.string(), gridSize: z.number(), arrangement: z.array(z.number()).describe('arrangement[slot] = the piece in that slot at the start'), startedAt: IsoDateSchema, expiresAt: IsoDateSchema,
});
const SolvedSchema = z.object({
  seconds: z.number(), moves: z.number(), solvedAt: IsoDateSchema,
  deal: z.object({
    kind: z.enum(['coupon', 'points', 'missed']).describe('missed: the pool had no code left when you solved it'), text: z.string(), code: z.string().nullable(), points: z.number().nullable(),
    offer: z.object({ kind: z.string(), value: z.number(), currency: z.string().nullable(), minSpendMinor: z.number().nullable(), expiresAt: z.string().nullable() }).nullable(),
  }),
});

async function localeOf(services: Services, customer: CustomerContext, asked?: Locale): Promise<Locale> {
  if (asked) return asked;
  const me = await describeCustomer(services.db, customer.accountId, customer.contactId);
  return (LOCALES as readonly string[]).includes(me.locale ?? '') ? (me.locale as Locale) : 'en';
}

/** The daily puzzle for a signed-in customer of the portal; pictures are public at unguessable or built-in addresses. */
export const puzzlePortalRoutes = [
  defineRoute({
    method: 'GET', url: `${PREFIX}/puzzle/today`, auth: 'customer', tags: TAGS,
    summary: 'Today’s puzzle (null on a day without one), my open play to resume, and my solve with its deal once solved',
    params: HandleParamsSchema, query: LocaleQuerySchema,
    response: z.object({
      day: z.string(), nextDay: z.string().nullable().describe('on a day without a puzzle: the next day that has one'), puzzle: z.object({ id: z.string(), gridSize: z.number(), imageUrl: z.string(), dealKind: z.enum(['coupon', 'points']) }).nullable(),
      session: SessionSchema.nullable(), solved: SolvedSchema.nullable(),
    }),
    handler: async ({ query }, { services, customer }) => getTodaysPuzzle(services.db, customer.accountId, customer.contactId, await localeOf(services, customer, query.locale)),
  }),
  defineRoute({
    method: 'POST', url: `${PREFIX}/puzzle/sessions`, auth: 'customer', tags: TAGS, status: 201,
    summary: 'Start today’s puzzle (or get my open play back): the server shuffles the pieces; 409 when I have already solved it today',
    params: HandleParamsSchema,
    response: z.object({ session: SessionSchema, resumed: z.boolean() }),
    handler: (_input, { services, customer }) => startPuzzleSession(services.db, customer.accountId, customer.contactId),
  }),
  defineRoute({
    method: 'POST', url: `${PREFIX}/puzzle/sessions/:sessionId/solution`, auth: 'customer', tags: TAGS,
    summary: 'Submit my play: the swaps I made, in order. The server replays them from its shuffle and grants the deal once per day; 422 puzzle_not_solved, 410 puzzle_session_expired, 409 puzzle_session_used',
    params: SessionParamsSchema, query: LocaleQuerySchema,
    body: z.strictObject({ moves: z.array(z.tuple([z.number().int().min(0).max(35), z.number().int().min(0).max(35)])).max(MAX_MOVES).describe('each move swaps the pieces of two slots (slot = row × gridSize + column)') }),
    response: z.object({ granted: z.boolean().describe('false when I had already solved today’s puzzle with another play: that first deal is shown again'), solved: SolvedSchema }),
    handler: async ({ params, query, body }, { services, customer }) =>
      submitPuzzleSolution(services.db, customer.accountId, customer.contactId, { sessionId: params.sessionId, moves: body.moves.map(([a, b]) => [a, b] as const) }, await localeOf(services, customer, query.locale)),
  }),
  defineRoute({
    method: 'GET', url: `${PREFIX}/puzzle-images/:imageId`, auth: 'public', tags: TAGS, summary: 'An uploaded puzzle picture (public at its unguessable id, cached for a year)',
    params: z.strictObject({ handle: HandleSchema, imageId: z.uuid() }), response: z.string().describe('image/png, image/jpeg or image/webp'),
    handler: async ({ params }, { services, reply }) => {
      const account = await findAccountByHandle(services.db, params.handle);
      const { image, content } = await openPuzzleImage(services.db, puzzleImageStoreOf(services), account.id, params.imageId);
      reply.type(image.contentType).header('content-length', image.byteSize).header('x-content-type-options', 'nosniff').header('cache-control', IMMUTABLE).header('content-security-policy', "default-src 'none'");
      return content as never;
    },
  }),
  defineRoute({
    method: 'GET', url: `${PREFIX}/puzzle-images/builtin/:file`, auth: 'public', tags: TAGS, summary: 'A built-in puzzle picture (`<key>.svg`), drawn by us',
    params: z.strictObject({ handle: HandleSchema, file: z.string().max(40) }), response: z.string().describe('image/svg+xml'),
    handler: async ({ params }, { services, reply }) => {
      await findAccountByHandle(services.db, params.handle);
      const key = params.file.replace(/\.svg$/, '');
      if (!params.file.endsWith('.svg') || !isBuiltinImage(key)) throw notFound('picture');
      reply.type('image/svg+xml').header('x-content-type-options', 'nosniff').header('cache-control', 'public, max-age=86400').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
      return renderBuiltinImage(key) as never;
    },
  }),
];
