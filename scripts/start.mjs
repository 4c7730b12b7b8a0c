// `npm start`: builds the console when its build is missing or older than its sources, then runs the server
// in this same process (one process owns the embedded database).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const consoleDir = join(root, 'apps/console');
const builtIndex = join(consoleDir, 'dist/index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function consoleNeedsBuild() {
  if (!existsSync(builtIndex)) return true;
  const sources = [join(consoleDir, 'src'), join(consoleDir, 'index.html')].filter(existsSync);
  const newestSource = Math.max(...sources.map((path) => (statSync(path).isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)));
  return newestSource > statSync(builtIndex).mtimeMs;
}

if (existsSync(join(consoleDir, 'src')) && consoleNeedsBuild()) {
  process.stdout.write('Building the console…\n');
  const result = spawnSync('npm', ['run', 'build', '--silent', '-w', '@touchpoint/console'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const { register } = await import('tsx/esm/api');
register();
await import('../apps/server/src/main.ts');
