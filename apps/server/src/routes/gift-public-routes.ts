import type { Readable } from 'node:stream';
import { z } from 'zod';
import { AppError } from '@touchpoint/core';
import { acceptGift, addGiftReaction, MAX_REACTION_TEXT_LENGTH, MAX_REACTION_VIDEO_BYTES, openGift } from '@touchpoint/gifts';
import { giftMediaStoreOf } from '../gift-delivery.ts';
import { createFixedWindowLimiter } from '../http/fixed-window-limiter.ts';
import { defineRoute } from '../http/route.ts';
import { CountrySchema, RecipientViewSchema } from './gift-schemas.ts';

const TAGS = ['Gift claim'];
const TokenParamsSchema = z.strictObject({ token: z.string().min(1).max(100).describe('the claim token from the gift’s link') });
/** Per address and gift, per minute: enough for a person on a flaky connection, not for a script. */
const GIFT_LIMITS_PER_MINUTE = { open: 60, accept: 10, react: 6 };
export const limitGiftRequest = createFixedWindowLimiter(GIFT_LIMITS_PER_MINUTE);

/** Reads an upload into memory up to `limit` + 1 bytes and drains the rest, so an oversized one is refused whole. */
async function readCapped(file: Readable, limit: number) {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of file) {
      size += (chunk as Buffer).length;
      if (size <= limit + 1) chunks.push(chunk as Buffer);
    }
  } catch (error) {
    throw new AppError('malformed_body', 'Malformed body', `The upload could not be read: ${(error as Error).message}`);
  }
  return { bytes: Buffer.concat(chunks), truncated: size > limit };
}

const fieldValue = (fields: Record<string, unknown>, name: string) => {
  const field = fields[name] as { value?: unknown } | undefined;
  return typeof field?.value === 'string' ? field.value : undefined;
};

/** The recipient's side: no sign-in, the token in the link is the key. Rate-limited per address and gift. */
export const giftPublicRoutes = [
  defineRoute({
    method: 'GET', url: '/api/gift/:token', auth: 'public', tags: TAGS,
    summary: 'Open a gift: the sender, their message, the item and swap options (marks it opened)',
    params: TokenParamsSchema,
    response: RecipientViewSchema,
    handler: async ({ params }, { services, request }) => {
      limitGiftRequest('open', request.ip, params.token);
      return openGift(services.db, params.token);
    },
  }),
  defineRoute({
    method: 'POST', url: '/api/gift/:token/accept', auth: 'public', tags: TAGS,
    summary: 'Claim the gift, or a swap option (`swapIndex`): once only (409 already_claimed), 410 gift_expired after its expiry',
    params: TokenParamsSchema,
    body: z.strictObject({ swapIndex: z.number().int().min(0).max(20).optional(), country: CountrySchema.optional() }),
    response: RecipientViewSchema,
    handler: async ({ params, body }, { services, request }) => {
      limitGiftRequest('accept', request.ip, params.token);
      return acceptGift(services.db, params.token, body);
    },
  }),
  defineRoute({
    method: 'POST', url: '/api/gift/:token/reaction', auth: 'public', tags: TAGS,
    summary: 'Send a text reaction to a claimed gift (once)',
    params: TokenParamsSchema,
    body: z.strictObject({ text: z.string().max(MAX_REACTION_TEXT_LENGTH) }),
    response: RecipientViewSchema,
    handler: async ({ params, body }, { services, request }) => {
      limitGiftRequest('react', request.ip, params.token);
      return addGiftReaction(services.db, giftMediaStoreOf(services), params.token, { kind: 'text', text: body.text });
    },
  }),
  defineRoute({
    method: 'POST', url: '/api/gift/:token/reaction/media', auth: 'public', tags: TAGS, status: 201, bodyLimit: MAX_REACTION_VIDEO_BYTES + 64 * 1024,
    summary: 'Send a photo (JPEG/PNG/WebP, ≤ 5 MB) or a video (WebM/MP4, ≤ 8 MB, ≤ 15 s) reaction as multipart/form-data: fields `durationMs` and `text` first, then `file`; the type is checked from the bytes (415), the size per kind (413)',
    params: TokenParamsSchema,
    multipartBody: z.object({ durationMs: z.string().optional(), text: z.string().optional(), file: z.file() }),
    response: RecipientViewSchema,
    handler: async ({ params }, { services, request }) => {
      limitGiftRequest('react', request.ip, params.token);
      if (!request.isMultipart()) throw new AppError('unsupported_media_type', 'Unsupported media type', 'Send the file as multipart/form-data.');
      const part = await request.file({ limits: { files: 1, fileSize: MAX_REACTION_VIDEO_BYTES + 1 }, throwFileSizeLimit: false });
      if (!part) throw new AppError('validation_failed', 'Invalid request', 'file: is missing', { errors: [{ path: 'file', message: 'is missing' }] });
      const { bytes, truncated } = await readCapped(part.file, MAX_REACTION_VIDEO_BYTES);
      const duration = Number(fieldValue(part.fields, 'durationMs'));
      return addGiftReaction(services.db, giftMediaStoreOf(services), params.token, {
        kind: 'media', bytes, truncated: truncated || part.file.truncated, durationMs: Number.isFinite(duration) ? Math.round(duration) : null, text: fieldValue(part.fields, 'text'),
      });
    },
  }),
];
