import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** Test helper: runs `node --import tsx apps/server/src/main.ts` as a real child process. */

const repoRoot = fileURLToPath(new URL('../../../..', import.meta.url));
const mainScript = fileURLToPath(new URL('../main.ts', import.meta.url));

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly url: string;
  readonly output: { stdout: string; stderr: string };
  /** Resolves when the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** A TCP port that was free a moment ago (the OS picks it, then it is released). */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Spawns a server with only the given settings (listening on 127.0.0.1, no console build): nothing leaks in from
 * the test runner's environment, such as a DATABASE_URL.
 */
export function spawnServer(env: Record<string, string>): ServerProcess {
  const port = env.PORT ?? '3000';
  const child = spawn(process.execPath, ['--import', 'tsx', mainScript], {
    cwd: repoRoot,
    env: { HOST: '127.0.0.1', CONSOLE_DIST: '/nonexistent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout!.on('data', (chunk: Buffer) => (output.stdout = (output.stdout + chunk.toString()).slice(-20_000)));
  child.stderr!.on('data', (chunk: Buffer) => (output.stderr = (output.stderr + chunk.toString()).slice(-20_000)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return { child, pid: child.pid!, url: `http://127.0.0.1:${port}`, output, exited };
}

/** Polls /readyz until it answers 200; fails early, with the server's output, if the process exits. */
export async function waitUntilReady(server: ServerProcess, timeoutMs = 60_000): Promise<void> {
  let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  void server.exited.then((result) => (exit = result));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exit) throw new Error(`the server exited (${JSON.stringify(exit)}) before it was ready:\n${server.output.stderr}${server.output.stdout}`);
    try {
      const response = await fetch(`${server.url}/readyz`);
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the server was not ready after ${timeoutMs} ms:\n${server.output.stderr}${server.output.stdout}`);
}

/** Kills the process (if it still runs) and waits for it to exit. */
export async function killServer(server: ServerProcess, signal: NodeJS.Signals = 'SIGKILL') {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill(signal);
  return server.exited;
}

export interface HttpSession {
  cookie: string;
  csrfToken: string;
  userId: string;
  accounts: { id: string; name: string; role: 'admin' | 'agent' }[];
  /** Headers for a state-changing request: the session cookie and the CSRF token. */
  headers: Record<string, string>;
}

/** Signs in over real HTTP and returns the session cookie, CSRF token and the person's accounts. */
export async function signInOverHttp(baseUrl: string, email: string, password: string): Promise<HttpSession> {
  const response = await fetch(`${baseUrl}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in as ${email} failed: ${response.status} ${await response.text()}`);
  const setCookie = response.headers.getSetCookie().find((value) => value.startsWith('tp_session='));
  if (!setCookie) throw new Error('sign-in answered without a session cookie');
  const cookie = setCookie.split(';')[0]!;
  const body = (await response.json()) as { csrfToken: string; user: { id: string }; accounts: HttpSession['accounts'] };
  return { cookie, csrfToken: body.csrfToken, userId: body.user.id, accounts: body.accounts, headers: { cookie, 'x-csrf-token': body.csrfToken } };
}
