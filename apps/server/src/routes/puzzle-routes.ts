import { z } from 'zod';
import { AppError } from '@touchpoint/core';
import {
  BUILTIN_IMAGES, builtinImagePath, deletePuzzleDay, describePuzzleAccount, getPuzzleDay, listPuzzleSchedule, listPuzzleStats, MAX_GRID_SIZE, MAX_PUZZLE_IMAGE_BYTES, MIN_GRID_SIZE,
  savePuzzleDay, uploadPuzzleImage,
} from '@touchpoint/puzzles';
import { defineRoute } from '../http/route.ts';
import { puzzleImageStoreOf, readUpload } from './puzzle-image-store.ts';
import { puzzlePortalRoutes } from './puzzle-portal-routes.ts';
import { AccountParamsSchema, IsoDateSchema, UuidSchema } from './schemas.ts';

const TAGS = ['Daily puzzle'];
const BASE = '/api/v1/accounts/:accountId';
const DaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, YYYY-MM-DD');
const DayParamsSchema = z.strictObject({ accountId: UuidSchema, day: DaySchema });
const RangeQuerySchema = z.strictObject({ from: DaySchema.optional(), to: DaySchema.optional() });
const DealTextSchema = z.strictObject({ en: z.string().max(300), ja: z.string().max(300).optional(), zh: z.string().max(300).optional() });
export const PuzzleSchema = z.object({
  id: z.string(), day: z.string(), gridSize: z.number(), imageUrl: z.string(),
  image: z.union([z.object({ kind: z.literal('builtin'), key: z.string() }), z.object({ kind: z.literal('upload'), imageId: z.string() })]),
  deal: z.union([z.object({ kind: z.literal('coupon'), poolId: z.string() }), z.object({ kind: z.literal('points'), points: z.number() })]),
  dealText: z.object({ en: z.string().optional(), ja: z.string().optional(), zh: z.string().optional() }), createdAt: IsoDateSchema, updatedAt: IsoDateSchema,
});

/** The daily puzzle's schedule, pictures and figures for the console (docs/puzzles.md); customer routes in puzzle-portal-routes.ts. */
const puzzleConsoleRoutes = [
  defineRoute({
    method: 'GET', url: `${BASE}/puzzles`, auth: 'account', tags: TAGS,
    summary: 'The puzzle calendar from `from` to `to` (default: a week ago to three weeks ahead, in the account’s time zone): every day with its puzzle or null, and the built-in pictures',
    params: AccountParamsSchema, query: RangeQuerySchema,
    response: z.object({
      today: z.string(), timeZone: z.string(), days: z.array(z.object({ day: z.string(), puzzle: PuzzleSchema.nullable() })),
      builtinImages: z.array(z.object({ key: z.string(), url: z.string() })), gridSizes: z.object({ min: z.number(), max: z.number() }),
    }),
    handler: async ({ params, query }, { services }) => {
      const schedule = await listPuzzleSchedule(services.db, params.accountId, query);
      const { handle } = await describePuzzleAccount(services.db, params.accountId);
      return { ...schedule, builtinImages: BUILTIN_IMAGES.map((key) => ({ key, url: builtinImagePath(handle, key) })), gridSizes: { min: MIN_GRID_SIZE, max: MAX_GRID_SIZE } };
    },
  }),
  defineRoute({
    method: 'GET', url: `${BASE}/puzzles/:day`, auth: 'account', tags: TAGS, summary: 'The puzzle of one day (404 when the day has none)',
    params: DayParamsSchema, response: PuzzleSchema,
    handler: ({ params }, { services }) => getPuzzleDay(services.db, params.accountId, params.day),
  }),
  defineRoute({
    method: 'PUT', url: `${BASE}/puzzles/:day`, auth: 'admin', tags: TAGS,
    summary: 'Set the puzzle of a day (today or later): a built-in or uploaded picture, the pieces per side, the deal (a coupon pool or points) and its text in en/ja/zh',
    params: DayParamsSchema,
    body: z.strictObject({
      image: z.discriminatedUnion('kind', [z.strictObject({ kind: z.literal('builtin'), key: z.enum(BUILTIN_IMAGES) }), z.strictObject({ kind: z.literal('upload'), imageId: UuidSchema })]),
      gridSize: z.number().int().min(MIN_GRID_SIZE).max(MAX_GRID_SIZE),
      deal: z.discriminatedUnion('kind', [z.strictObject({ kind: z.literal('coupon'), poolId: UuidSchema }), z.strictObject({ kind: z.literal('points'), points: z.number().int().min(1).max(1_000_000) })]),
      dealText: DealTextSchema,
    }),
    response: PuzzleSchema,
    handler: ({ params, body }, { services, scope }) => savePuzzleDay(services.db, scope, params.day, body),
  }),
  defineRoute({
    method: 'DELETE', url: `${BASE}/puzzles/:day`, auth: 'admin', tags: TAGS, summary: 'Remove a day’s puzzle (409 once a customer has solved it)',
    params: DayParamsSchema,
    handler: ({ params }, { services }) => deletePuzzleDay(services.db, params.accountId, params.day),
  }),
  defineRoute({
    method: 'POST', url: `${BASE}/puzzle-images`, auth: 'admin', tags: TAGS, status: 201,
    summary: `Upload a puzzle picture (multipart/form-data, one part named \`file\`): PNG, JPEG or WebP by its bytes, at most ${MAX_PUZZLE_IMAGE_BYTES / 1024 / 1024} MB; square pictures cut best`,
    params: AccountParamsSchema, multipartBody: z.object({ file: z.file().describe('the picture') }), bodyLimit: MAX_PUZZLE_IMAGE_BYTES + 64 * 1024,
    response: z.object({ id: z.string(), fileName: z.string(), contentType: z.string(), byteSize: z.number(), url: z.string() }),
    handler: async (_input, { services, scope, request }) => {
      if (!request.isMultipart()) throw new AppError('unsupported_media_type', 'Unsupported media type', 'Send the picture as multipart/form-data.');
      const maxBytes = Math.min(MAX_PUZZLE_IMAGE_BYTES, services.config.files.maxBytes);
      const part = await request.file({ limits: { files: 1, fileSize: maxBytes + 1 }, throwFileSizeLimit: false });
      if (!part) throw new AppError('validation_failed', 'Invalid request', 'file: is missing', { errors: [{ path: 'file', message: 'is missing' }] });
      return uploadPuzzleImage(services.db, puzzleImageStoreOf(services), scope, { fileName: part.filename, content: readUpload(part.file) }, maxBytes);
    },
  }),
  defineRoute({
    method: 'GET', url: `${BASE}/puzzle-stats`, auth: 'account', tags: TAGS,
    summary: 'Per day with a puzzle (default: the last 30 days): players, solvers, median time to solve, deals granted and missed',
    params: AccountParamsSchema, query: RangeQuerySchema,
    response: z.object({
      days: z.array(z.object({ day: z.string(), puzzleId: z.string(), players: z.number(), solvers: z.number(), medianSeconds: z.number().nullable(), couponsGranted: z.number(), pointsGranted: z.number(), dealsMissed: z.number() })),
    }),
    handler: ({ params, query }, { services }) => listPuzzleStats(services.db, params.accountId, query),
  }),
];

/** Issue 8 routes for this domain. */
export const puzzleRoutes = [...puzzleConsoleRoutes, ...puzzlePortalRoutes];
