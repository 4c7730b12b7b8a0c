import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

let t: TestApp;
const dist = mkdtempSync(join(tmpdir(), 'touchpoint-widget-dist-'));
const WIDGET_FILE = 'widget-0123456789ab.js';

beforeAll(async () => {
  // A build as apps/widget/build.ts writes it: the loader, the hashed chat, and the manifest naming both.
  writeFileSync(join(dist, 'loader.js'), `/* loader */ window.loaded = '${WIDGET_FILE}';`);
  writeFileSync(join(dist, WIDGET_FILE), '/* chat */ window.chat = true;'.repeat(50));
  writeFileSync(join(dist, 'manifest.json'), JSON.stringify({ loader: 'loader.js', widget: WIDGET_FILE }));
  t = await createTestApp({ env: { WIDGET_DIST: dist } });
});
afterAll(async () => {
  await t.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('the widget’s scripts', () => {
  it('serves the loader for any site, gzipped when asked, and revalidated after five minutes', async () => {
    const plain = await t.app.inject({ method: 'GET', url: '/widget/loader.js' });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(plain.headers['cache-control']).toBe('public, max-age=300');
    expect(plain.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(plain.body).toContain(WIDGET_FILE);
    const gzipped = await t.app.inject({ method: 'GET', url: '/widget/loader.js', headers: { 'accept-encoding': 'gzip, br' } });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzipped.rawPayload).toString()).toBe(plain.body);
  });

  it('serves the chat under its content hash for a year, under widget.js without caching, and nothing else', async () => {
    const hashed = await t.app.inject({ method: 'GET', url: `/widget/${WIDGET_FILE}` });
    expect(hashed.statusCode).toBe(200);
    expect(hashed.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const current = await t.app.inject({ method: 'GET', url: '/widget/widget.js' });
    expect(current.body).toBe(hashed.body);
    expect(current.headers['cache-control']).toBe('no-cache');
    for (const url of ['/widget/widget-ffffffffffff.js', '/widget/manifest.json', '/widget/..%2Fpackage.json']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });
});
