import { spawn } from 'node:child_process';
import type { LoadReport, LoadSpec } from './load-report.ts';
import { REPO_ROOT } from './server-process.ts';

/**
 * Runs a worker script (`bench/<name>.ts`) in a child process, so load generation never shares an event loop with
 * the runner or the server: the spec goes in as JSON on argv[2], the report comes back as the last JSON line on stdout.
 */
export function runWorker<Spec, Report>(script: string, spec: Spec): Promise<Report> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(spec)], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-8000)));
    child.once('error', reject);
    child.once('exit', (code) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) return reject(new Error(`${script} failed (exit ${code}):\n${stderr}`));
      resolve(JSON.parse(line) as Report);
    });
  });
}

/** Runs bench/load-worker.ts (autocannon's API) and returns its report. */
export const generateLoad = (spec: LoadSpec) => runWorker<LoadSpec, LoadReport>('bench/load-worker.ts', spec);
