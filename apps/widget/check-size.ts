/**
 * `npm run check:widget-size`: the built widget against its budgets (gzip): the loader ≤ 10 KB, loader and chat
 * together ≤ 60 KB. Exits 1 when over, naming what and by how much.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { BUDGETS } from './build.ts';

const dist = fileURLToPath(new URL('./dist/', import.meta.url));
const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as { loader: string; widget: string };
const gzipOf = (file: string) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).byteLength;
const loader = gzipOf(manifest.loader);
const total = loader + gzipOf(manifest.widget);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const checks = [
  { what: 'loader', size: loader, budget: BUDGETS.loaderGzipBytes },
  { what: 'whole widget (loader + chat)', size: total, budget: BUDGETS.totalGzipBytes },
];
for (const check of checks) console.log(`${check.size <= check.budget ? 'ok  ' : 'OVER'} ${check.what}: ${kb(check.size)} gzip (budget ${kb(check.budget)})`);
process.exit(checks.every((check) => check.size <= check.budget) ? 0 : 1);
