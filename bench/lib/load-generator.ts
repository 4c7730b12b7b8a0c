import { spawn } from 'node:child_process';
import type { LoadReport, LoadSpec } from './load-report.ts';
import { REPO_ROOT } from './server-process.ts';

/** Runs bench/load-worker.ts in a child process (autocannon's API) and returns its report. */
export function generateLoad(spec: LoadSpec): Promise<LoadReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/load-worker.ts', JSON.stringify(spec)], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-8000)));
    child.once('error', reject);
    child.once('exit', (code) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) return reject(new Error(`load worker failed (exit ${code}):\n${stderr}`));
      resolve(JSON.parse(line) as LoadReport);
    });
  });
}
