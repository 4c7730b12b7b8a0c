import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUDGETS, buildWidget } from './build.ts';

const outDir = mkdtempSync(join(tmpdir(), 'touchpoint-widget-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('the widget build', () => {
  it('keeps the loader within 10 KB gzip and the whole widget within 60 KB gzip', async () => {
    const { loader, widget } = await buildWidget(outDir);
    expect(loader.gzipBytes).toBeLessThanOrEqual(BUDGETS.loaderGzipBytes);
    expect(loader.gzipBytes + widget.gzipBytes).toBeLessThanOrEqual(BUDGETS.totalGzipBytes);
    // The loader fetches the chat by its content-hashed name, which the manifest gives the server.
    const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8'));
    expect(manifest).toEqual({ loader: 'loader.js', widget: widget.file });
    expect(widget.file).toMatch(/^widget-[0-9a-f]{12}\.js$/);
    expect(readFileSync(join(outDir, 'loader.js'), 'utf8')).toContain(widget.file);
  });
});
