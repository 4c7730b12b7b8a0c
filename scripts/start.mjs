// `npm start`: builds the console, the chat widget and the customer portal when a build is missing or older than its sources, then runs the server
// in this same process (one process owns the embedded database).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The UIs the server serves, each rebuilt when its build is missing or older than its sources. */
const APPS = [
  { name: '@touchpoint/console', label: 'the console', dir: join(root, 'apps/console'), built: 'dist/index.html', sources: ['src', 'index.html'] },
  { name: '@touchpoint/widget', label: 'the chat widget', dir: join(root, 'apps/widget'), built: 'dist/manifest.json', sources: ['src', 'build.ts'] },
  { name: '@touchpoint/portal', label: 'the customer portal', dir: join(root, 'apps/portal'), built: 'dist/index.html', sources: ['src', 'index.html', 'vite.config.ts'] },
];

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function needsBuild(app) {
  const built = join(app.dir, app.built);
  if (!existsSync(built)) return true;
  const sources = app.sources.map((source) => join(app.dir, source)).filter(existsSync);
  const newestSource = Math.max(...sources.map((path) => (statSync(path).isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)));
  return newestSource > statSync(built).mtimeMs;
}

for (const app of APPS) {
  if (!existsSync(join(app.dir, 'src')) || !needsBuild(app)) continue;
  process.stdout.write(`Building ${app.label}…\n`);
  const result = spawnSync('npm', ['run', 'build', '--silent', '-w', app.name], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const { register } = await import('tsx/esm/api');
register();
await import('../apps/server/src/main.ts');
