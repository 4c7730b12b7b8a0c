import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findFreePort } from './free-port.ts';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUTPUT_KEPT_CHARS = 32_000;
const READY_POLL_MS = 20;

export interface ServerOptions {
  /** The whole environment of the server process (see readBenchEnv for what is inherited). */
  env: Record<string, string>;
  readyTimeoutMs?: number;
}

export interface StopOutcome {
  stopMs: number;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** True when SIGTERM did not end the process in time and it was killed. */
  killed: boolean;
}

export interface ServerProcess {
  pid: number;
  baseUrl: string;
  /** Spawn → first `/readyz` 200, as a client sees it. */
  readyMs: number;
  /** The server's own "Ready in X s" line (from main() entry, so without Node and tsx start-up), or null. */
  selfReportedReadyMs: number | null;
  readOutput(): string;
  stop(graceMs?: number): Promise<StopOutcome>;
}

/** Keeps the last few KB of a child's stdout and stderr, so the pipes never fill and failures can be shown. */
function collectOutput(child: ChildProcess) {
  let text = '';
  const append = (chunk: Buffer) => {
    text = (text + chunk.toString('utf8')).slice(-OUTPUT_KEPT_CHARS);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  return () => text;
}

function waitForExit(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

async function pollReady(url: string, child: ChildProcess, deadline: number, readOutput: () => string): Promise<void> {
  let exited = false;
  child.once('exit', () => (exited = true));
  while (performance.now() < deadline) {
    if (exited) throw new Error(`server exited before it was ready:\n${readOutput().slice(-4000)}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
  }
  throw new Error(`server not ready after the timeout:\n${readOutput().slice(-4000)}`);
}

/** The banner is printed just after readiness flips, so it may trail the first 200 by a few ms. */
async function waitForOutput(readOutput: () => string, pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray | null> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(readOutput());
    if (match || performance.now() > deadline) return match;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Spawns `node --import tsx apps/server/src/main.ts` from the repo root on a free port of 127.0.0.1 and resolves
 * once `/readyz` answers 200 (polled every 20 ms, so `readyMs` carries up to ~20 ms of polling slack).
 * The child is the server itself (no npm or shell in between), so its pid is the one to read /proc from.
 */
export async function startServer(options: ServerOptions): Promise<ServerProcess> {
  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = { ...options.env, HOST: '127.0.0.1', PORT: String(port), PUBLIC_URL: `http://localhost:${port}` };
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const readOutput = collectOutput(child);
  const exited = waitForExit(child);
  try {
    await pollReady(`${baseUrl}/readyz`, child, spawnedAt + (options.readyTimeoutMs ?? 180_000), readOutput);
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    throw error;
  }
  const readyMs = performance.now() - spawnedAt;
  const selfReported = await waitForOutput(readOutput, /Ready in ([\d.]+) s/, 2000);

  async function stop(graceMs = 20_000): Promise<StopOutcome> {
    const started = performance.now();
    child.kill('SIGTERM');
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, graceMs);
    const { code, signal } = await exited;
    clearTimeout(timer);
    return { stopMs: performance.now() - started, exitCode: code, signal, killed };
  }

  return { pid: child.pid!, baseUrl, readyMs, selfReportedReadyMs: selfReported ? Number(selfReported[1]) * 1000 : null, readOutput, stop };
}

/** Starts a server, runs `use` against it and always stops it, also when `use` throws. */
export async function useServer<T>(options: ServerOptions, use: (server: ServerProcess) => Promise<T> | T): Promise<{ value: T; server: ServerProcess; stop: StopOutcome }> {
  const server = await startServer(options);
  let value: T;
  try {
    value = await use(server);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { value, server, stop: await server.stop() };
}
