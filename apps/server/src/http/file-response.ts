import type { FastifyReply } from 'fastify';
import { buildContentDisposition } from './content-disposition.ts';

/** Raster images a browser may show in the page. SVG and HTML can carry scripts, so they are always downloads. */
const INLINE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

export interface StoredFile {
  fileName: string;
  contentType: string;
  byteSize: number;
}

/**
 * The headers every stored file is served with: its type and size, inline only for safe images (or never, with
 * `download`), no sniffing, and a sandbox so an HTML or SVG file opened directly can run nothing.
 */
export function setFileHeaders(reply: FastifyReply, file: StoredFile, options: { cacheControl: string; download?: boolean }) {
  const inline = INLINE_TYPES.has(file.contentType) && !options.download;
  return reply
    .type(file.contentType)
    .header('content-length', file.byteSize)
    .header('content-disposition', buildContentDisposition(inline ? 'inline' : 'attachment', file.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', options.cacheControl);
}
