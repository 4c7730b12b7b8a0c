import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { registerPortalAssets } from './portal-assets.ts';

const dist = mkdtempSync(join(tmpdir(), 'portal-dist-'));
mkdirSync(join(dist, 'assets'));
const SCRIPT = `console.log(${JSON.stringify('puzzle '.repeat(500))});`;
writeFileSync(join(dist, 'assets', 'index-abc.js'), SCRIPT);
writeFileSync(join(dist, 'assets', 'logo-abc.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Portal</title>');
const app = Fastify();
registerPortalAssets(app, dist);
afterAll(async () => {
  await app.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('portal assets', () => {
  it('sends scripts gzipped to a browser that accepts it, and as they are otherwise', async () => {
    const zipped = await app.inject({ url: '/portal/assets/index-abc.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toContain('accept-encoding');
    expect(gunzipSync(zipped.rawPayload).toString()).toBe(SCRIPT);
    expect(zipped.rawPayload.length).toBeLessThan(SCRIPT.length / 4);
    const plain = await app.inject({ url: '/portal/assets/index-abc.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
  });

  it('leaves pictures as they are', async () => {
    const png = await app.inject({ url: '/portal/assets/logo-abc.png', headers: { 'accept-encoding': 'gzip' } });
    expect(png.headers['content-encoding']).toBeUndefined();
    expect(png.headers['content-type']).toBe('image/png');
  });
});
