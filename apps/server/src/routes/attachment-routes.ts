import type { Readable } from 'node:stream';
import { z } from 'zod';
import { AppError } from '@touchpoint/core';
import { deleteUnsentAttachment, openAttachment, uploadAttachment } from '@touchpoint/conversations';
import { setFileHeaders } from '../http/file-response.ts';
import { defineRoute } from '../http/route.ts';
import { AccountParamsSchema, AttachmentSchema, UuidSchema } from './schemas.ts';

const TAGS = ['Attachments'];

/** The upload's bytes; a body that breaks off or is not valid multipart is the client's fault (400), not ours. */
async function* readUpload(file: Readable): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of file) yield chunk as Buffer;
  } catch (error) {
    throw new AppError('malformed_body', 'Malformed body', `The upload could not be read: ${(error as Error).message}`);
  }
}
const AttachmentParamsSchema = z.strictObject({ accountId: UuidSchema, attachmentId: UuidSchema });


export const attachmentRoutes = [
  defineRoute({
    method: 'POST',
    url: '/api/v1/accounts/:accountId/attachments',
    auth: 'account',
    summary: 'Upload a file (multipart/form-data, one part named `file`) to send with a message through `attachmentIds`; unsent uploads are deleted after 24 hours',
    tags: TAGS,
    params: AccountParamsSchema,
    multipartBody: z.object({ file: z.file().describe('the file; its name and type are kept') }),
    response: AttachmentSchema,
    status: 201,
    handler: async (_input, { services, scope, request }) => {
      if (!request.isMultipart()) throw new AppError('unsupported_media_type', 'Unsupported media type', 'Send the file as multipart/form-data.');
      // The parser stops one byte past the limit, so the file store sees it is too large and keeps nothing.
      const part = await request.file({ limits: { files: 1, fileSize: services.config.files.maxBytes + 1 }, throwFileSizeLimit: false });
      if (!part) throw new AppError('validation_failed', 'Invalid request', 'file: is missing', { errors: [{ path: 'file', message: 'is missing' }] });
      return uploadAttachment(services.db, services.files, scope, { fileName: part.filename, contentType: part.mimetype, content: readUpload(part.file) }, services.config.files.maxBytes);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/attachments/limits',
    auth: 'account',
    summary: 'How large an upload may be, so a client can refuse a file before sending it',
    tags: TAGS,
    params: AccountParamsSchema,
    response: z.object({ maxBytes: z.number() }),
    handler: async (_input, { services }) => ({ maxBytes: services.config.files.maxBytes }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/attachments/:attachmentId',
    auth: 'account',
    summary: 'The file: PNG, JPEG, GIF and WebP images inline, everything else as a download (`?download=true` always downloads)',
    tags: TAGS,
    params: AttachmentParamsSchema,
    query: z.strictObject({ download: z.enum(['true', 'false']).optional() }),
    response: z.string().describe('the file’s bytes'),
    handler: async ({ params, query }, { services, scope, reply }) => {
      const { attachment, content } = await openAttachment(services.db, services.files, scope, params.attachmentId);
      setFileHeaders(reply, attachment, { cacheControl: 'private, max-age=86400', download: query.download === 'true' });
      // Fastify sends a stream as it is, without the response serializer; the declared type only feeds OpenAPI.
      return content as unknown as string;
    },
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/accounts/:accountId/attachments/:attachmentId',
    auth: 'account',
    summary: 'Remove an upload that no message uses yet (409 once it is sent)',
    tags: TAGS,
    params: AttachmentParamsSchema,
    handler: ({ params }, { services, scope }) => deleteUnsentAttachment(services.db, services.files, scope, params.attachmentId),
  }),
];
