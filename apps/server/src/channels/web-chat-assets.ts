import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '@touchpoint/core';

/** What the widget build writes next to its files (apps/widget/build.mjs). */
interface WidgetManifest {
  loader: string;
  widget: string;
}

interface Asset {
  body: Buffer;
  gzipped: Buffer;
}

const HASHED_WIDGET = /^widget-[0-9a-f]{8,}\.js$/;

const notBuilt = () => new AppError('not_found', 'Not found', 'The chat widget has not been built: run `npm run build`.');

/**
 * The widget's scripts, read once and kept in memory with a gzipped copy (they are small, and every host page asks):
 * - `/widget/loader.js`: what the snippet names; revalidated after five minutes, so a new build reaches sites soon;
 * - `/widget/widget-<hash>.js`: the rest, which the loader fetches only when needed; its name changes with its
 *   content, so it is cached for a year;
 * - `/widget/widget.js`: the current build under a fixed name (no-cache), for tools and people.
 */
export function registerWidgetAssets(app: FastifyInstance, widgetDist: string) {
  const cache = new Map<string, Asset>();
  const manifestPath = join(widgetDist, 'manifest.json');
  let manifest: WidgetManifest | null = null;

  const readManifest = () => (manifest ??= existsSync(manifestPath) ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as WidgetManifest) : null);
  const readAsset = (fileName: string): Asset => {
    let asset = cache.get(fileName);
    if (!asset) {
      const body = readFileSync(join(widgetDist, fileName));
      asset = { body, gzipped: gzipSync(body, { level: 9 }) };
      cache.set(fileName, asset);
    }
    return asset;
  };

  const sendScript = (request: FastifyRequest, reply: FastifyReply, fileName: string, cacheControl: string) => {
    const asset = readAsset(fileName);
    const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', cacheControl)
      .header('vary', 'accept-encoding')
      // Host pages that isolate themselves (COEP) may still load it.
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('x-content-type-options', 'nosniff');
    if (gzip) reply.header('content-encoding', 'gzip');
    return reply.send(gzip ? asset.gzipped : asset.body);
  };

  app.get('/widget/loader.js', { schema: { hide: true } }, async (request, reply) => {
    const built = readManifest();
    if (!built) throw notBuilt();
    return sendScript(request, reply, built.loader, 'public, max-age=300');
  });
  app.get('/widget/widget.js', { schema: { hide: true } }, async (request, reply) => {
    const built = readManifest();
    if (!built) throw notBuilt();
    return sendScript(request, reply, built.widget, 'no-cache');
  });
  app.get('/widget/:fileName', { schema: { hide: true } }, async (request, reply) => {
    const { fileName } = request.params as { fileName: string };
    const built = readManifest();
    if (!built || !HASHED_WIDGET.test(fileName) || fileName !== built.widget) throw new AppError('not_found', 'Not found', `There is no widget file ${fileName}.`);
    return sendScript(request, reply, fileName, 'public, max-age=31536000, immutable');
  });
}
