/**
 * Builds the widget into dist/: `widget-<hash>.js` (the chat, Preact included) first, then `loader.js`, which names
 * that file, and `manifest.json`, which the server reads. `npm run build -w @touchpoint/widget`.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type BuildOptions } from 'esbuild';

const here = fileURLToPath(new URL('.', import.meta.url));

/** The budgets CI holds the widget to (gzip): what a host page pays before the chat opens, and in all. */
export const BUDGETS = { loaderGzipBytes: 10 * 1024, totalGzipBytes: 60 * 1024 };

const common: BuildOptions = {
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020', 'chrome90', 'safari14', 'firefox90'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'none',
  write: false,
  logLevel: 'silent',
};

export interface BuiltFile {
  file: string;
  bytes: number;
  gzipBytes: number;
}

const describe = (file: string, content: Uint8Array): BuiltFile => ({ file, bytes: content.byteLength, gzipBytes: gzipSync(content, { level: 9 }).byteLength });

export async function buildWidget(outDir = join(here, 'dist')): Promise<{ loader: BuiltFile; widget: BuiltFile }> {
  const chat = await build({ ...common, entryPoints: [join(here, 'src/chat/main.tsx')] });
  const chatCode = chat.outputFiles![0]!.contents;
  const widgetFile = `widget-${createHash('sha256').update(chatCode).digest('hex').slice(0, 12)}.js`;
  const loader = await build({ ...common, entryPoints: [join(here, 'src/loader.ts')], define: { __WIDGET_FILE__: JSON.stringify(widgetFile) } });
  const loaderCode = loader.outputFiles![0]!.contents;
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, widgetFile), chatCode);
  writeFileSync(join(outDir, 'loader.js'), loaderCode);
  writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify({ loader: 'loader.js', widget: widgetFile }, null, 2)}\n`);
  return { loader: describe('loader.js', loaderCode), widget: describe(widgetFile, chatCode) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { loader, widget } = await buildWidget();
  for (const built of [loader, widget]) console.log(`${built.file.padEnd(24)} ${(built.bytes / 1024).toFixed(1)} KB, ${(built.gzipBytes / 1024).toFixed(1)} KB gzip`);
}
