import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { AppError } from '@touchpoint/core';
import { sendProblem } from './problem.ts';

const NOT_BUILT_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Touchpoint</title></head>
<body><main><h1>Touchpoint is running</h1><p>The console has not been built yet. Run <code>npm run build</code>, or start with <code>npm start</code>, which builds it.</p>
<p>The API reference is at <a href="/api/docs">/api/docs</a>.</p></main></body></html>`;

/** Serves the built console at `/`, with every non-API GET falling back to index.html for client-side routes. */
export async function registerConsoleAssets(app: FastifyInstance, consoleDist: string) {
  const built = existsSync(join(consoleDist, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, { root: consoleDist, prefix: '/', wildcard: false, index: false, cacheControl: false });
    app.get('/assets/*', (request, reply) => {
      // Hashed file names never change, so they may be cached for a year.
      return reply.header('cache-control', 'public, max-age=31536000, immutable').sendFile((request.params as { '*': string })['*'], join(consoleDist, 'assets'));
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const isPage = request.method === 'GET' && !request.url.startsWith('/api/') && !request.url.startsWith('/assets/');
    if (!isPage) return sendProblem(reply, request, new AppError('not_found', 'Not found', `There is no ${request.method} ${request.url.split('?')[0]}.`));
    if (!built) return reply.type('text/html').send(NOT_BUILT_PAGE);
    return reply.header('cache-control', 'no-cache').sendFile('index.html', consoleDist);
  });
}
