import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { notFound } from '@touchpoint/core';

const ASSET_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,200}$/;
const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.json': 'application/json' };

/** Text assets a phone downloads gzipped (a third of the bytes on a slow network); kept in memory once compressed. */
const COMPRESSIBLE = new Set(['.js', '.css', '.svg', '.json']);
const gzipped = new Map<string, Buffer>();

const NOT_BUILT_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Customer portal</title></head>
<body><main><h1>The customer portal has not been built yet</h1><p>Run <code>npm run build</code>, or start with <code>npm start</code>, which builds it.</p></main></body></html>`;

/** Pages hold a sign-in token in their address (the fragment) for a moment: never let it travel in a Referer. */
const pageHeaders = (reply: FastifyReply) => reply.header('cache-control', 'no-cache').header('referrer-policy', 'no-referrer').header('x-frame-options', 'DENY');

/**
 * Serves the built customer portal (apps/portal) at `/portal/<handle>/...`: every page is the same index.html, which
 * reads the handle from its address; hashed files are under `/portal/assets/` (so no account may use the handle
 * `assets`). Registered before the console's catch-all, which would otherwise answer these paths.
 */
export function registerPortalAssets(app: FastifyInstance, portalDist: string) {
  const indexPath = join(portalDist, 'index.html');
  const indexHtml = existsSync(indexPath) ? readFileSync(indexPath, 'utf8') : null;
  app.get('/portal/assets/:file', { schema: { hide: true } }, async (request, reply) => {
    const { file } = request.params as { file: string };
    const path = join(portalDist, 'assets', file);
    if (!ASSET_NAME.test(file) || !TYPES[extname(file)] || !existsSync(path)) throw notFound('file');
    // Hashed file names never change, so they may be cached for a year (and their compressed bytes kept).
    reply.type(TYPES[extname(file)]!).header('cache-control', 'public, max-age=31536000, immutable').header('x-content-type-options', 'nosniff');
    if (!COMPRESSIBLE.has(extname(file))) return reply.send(createReadStream(path));
    reply.header('vary', 'accept-encoding');
    if (!/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) return reply.send(createReadStream(path));
    let body = gzipped.get(path);
    if (!body) gzipped.set(path, (body = gzipSync(readFileSync(path), { level: 9 })));
    return reply.header('content-encoding', 'gzip').send(body);
  });
  const page = async (_request: unknown, reply: FastifyReply) => pageHeaders(reply).type('text/html; charset=utf-8').send(indexHtml ?? NOT_BUILT_PAGE);
  app.get('/portal/:handle', { schema: { hide: true } }, page);
  app.get('/portal/:handle/*', { schema: { hide: true } }, page);
}
