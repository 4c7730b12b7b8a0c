import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEMO_PASSWORD } from '@touchpoint/demo';
import { loadConfig } from './config.ts';
import { type RunningTouchpoint, startTouchpoint } from './runtime.ts';
import { findFreePort, killServer, type ServerProcess, signInOverHttp, spawnServer, waitUntilReady } from './testing/server-process.ts';
import { sendRawMail } from './testing/smtp-client.ts';

const DEMO_ADMIN = 'aiko@demo.touchpoint.dev';

let root: string;
const started: ServerProcess[] = [];

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'touchpoint-runtime-'));
});
afterAll(async () => {
  await Promise.all(started.map((server) => killServer(server)));
  rmSync(root, { recursive: true, force: true });
});

/** Sends the headers and half of a JSON body, and finishes the request only when told to: a request held in flight. */
function startSlowRequest(url: string, path: string, payload: unknown) {
  const body = Buffer.from(JSON.stringify(payload));
  const { hostname, port } = new URL(url);
  const request = httpRequest({ host: hostname, port, path, method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': body.length, connection: 'close' } });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    request.on('response', (incoming) => {
      let text = '';
      incoming.on('data', (chunk: Buffer) => (text += chunk.toString()));
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, body: text }));
      incoming.on('error', reject);
    });
    request.on('error', reject);
  });
  const half = Math.floor(body.length / 2);
  const headersSent = new Promise<void>((resolve) => request.write(body.subarray(0, half), () => resolve()));
  return { headersSent, finish: () => request.end(body.subarray(half)), response };
}

describe('graceful shutdown of the in-process server', () => {
  let running: RunningTouchpoint;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = join(root, 'in-process');
    running = await startTouchpoint(loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', JOBS: 'false', CONSOLE_DIST: '/nonexistent' }));
    // Loading the demo into a fresh embedded database takes ~5 s alone, but several times that while the tier's other
    // files share the two cores.
  }, 180_000);
  afterAll(async () => {
    await running?.stop();
  });

  it('finishes a request in flight, closes sockets with 1001 and turns readiness off, then releases the data dir', async () => {
    const base = running.url.replace('localhost', '127.0.0.1');
    expect(running.demoLogins?.map((login) => login.email)).toContain(DEMO_ADMIN);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', database: 'embedded', bus: 'in-process' });

    const session = await signInOverHttp(base, DEMO_ADMIN, DEMO_PASSWORD);
    const socket = new WebSocket(`${base.replace('http', 'ws')}/api/v1/realtime`, { headers: { cookie: session.cookie, origin: base } });
    const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.once('message', (data) => {
        expect(JSON.parse(String(data))).toEqual({ type: 'ready' });
        resolve();
      });
    });

    const signIn = startSlowRequest(base, '/api/v1/auth/sign-in', { email: DEMO_ADMIN, password: DEMO_PASSWORD });
    await signIn.headersSent;
    await new Promise((resolve) => setTimeout(resolve, 200));

    let stopFinished = false;
    const stopping = running.stop().then(() => (stopFinished = true));
    expect(running.services.readiness.ready).toBe(false);
    expect(await closed).toEqual({ code: 1001, reason: 'server shutting down' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stopFinished).toBe(false);

    signIn.finish();
    const answer = await signIn.response;
    expect(answer.status).toBe(200);
    expect((JSON.parse(answer.body) as { csrfToken: string }).csrfToken).toEqual(expect.any(String));

    await stopping;
    expect(existsSync(join(dataDir, 'touchpoint.lock'))).toBe(false);
    await expect(fetch(`${base}/readyz`)).rejects.toThrow();
  }, 60_000);
});

describe('crash safety of the embedded database', () => {
  it('releases the data dir when the port is taken, so the next start is not refused', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    // The data dir of the graceful-shutdown test, stopped by now: reopening it is cheaper than creating one.
    const dataDir = join(root, 'in-process');
    try {
      await expect(
        startTouchpoint(loadConfig({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', JOBS: 'false', DEMO_DATA: 'never', CONSOLE_DIST: '/nonexistent' })),
      ).rejects.toThrow(/EADDRINUSE/);
    } finally {
      blocker.close();
    }
    expect(existsSync(join(dataDir, 'pgdata', 'PG_VERSION'))).toBe(true);
    expect(existsSync(join(dataDir, 'touchpoint.lock'))).toBe(false);
  }, 60_000);

  it('keeps every acknowledged write through a SIGKILL, takes over the stale lock on restart, and refuses a second server meanwhile', async () => {
    const dataDir = join(root, 'crash');
    const env = { DATA_DIR: dataDir, LOG_LEVEL: 'warn', JOBS: 'false' };
    const first = spawnServer({ ...env, PORT: String(await findFreePort()) });
    started.push(first);
    await waitUntilReady(first);

    const admin = await signInOverHttp(first.url, DEMO_ADMIN, DEMO_PASSWORD);
    const accountId = admin.accounts[0]!.id;
    const createKey = (name: string) =>
      fetch(`${first.url}/api/v1/accounts/${accountId}/api-keys`, {
        method: 'POST',
        headers: { ...admin.headers, 'content-type': 'application/json' },
        body: JSON.stringify({ name }),
      });

    const acknowledged: string[] = [];
    let sent = 0;
    let killed = false;
    while (sent < 200) {
      const name = `key-${++sent}`;
      const pending = createKey(name);
      if (acknowledged.length === 40 && !killed) {
        // The 41st write is on its way when the process dies: it may or may not land, but it was never acknowledged.
        await new Promise((resolve) => setTimeout(resolve, 5));
        first.child.kill('SIGKILL');
        killed = true;
      }
      try {
        const response = await pending;
        if (response.status === 201) acknowledged.push(name);
        else throw new Error(`write ${name} answered ${response.status}: ${await response.text()}`);
      } catch (error) {
        if (!killed) throw error;
        break;
      }
    }
    expect(killed).toBe(true);
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);
    expect(readFileSync(join(dataDir, 'touchpoint.lock'), 'utf8')).toBe(String(first.pid));

    const second = spawnServer({ ...env, PORT: String(await findFreePort()) });
    started.push(second);
    await waitUntilReady(second);
    expect(readFileSync(join(dataDir, 'touchpoint.lock'), 'utf8')).toBe(String(second.pid));

    const intruder = spawnServer({ ...env, PORT: String(await findFreePort()) });
    started.push(intruder);
    const afterSignIn = signInOverHttp(second.url, DEMO_ADMIN, DEMO_PASSWORD);
    const intruderExit = await intruder.exited;
    expect(intruderExit.code).not.toBe(0);
    expect(intruderExit.code).not.toBeNull();
    expect(intruder.output.stderr).toContain(`The embedded database in ${dataDir} is already in use by process ${second.pid}`);

    const again = await afterSignIn;
    const listed = await fetch(`${second.url}/api/v1/accounts/${accountId}/api-keys`, { headers: again.headers });
    expect(listed.status).toBe(200);
    const names = ((await listed.json()) as { name: string }[]).map((key) => key.name);
    expect(names.filter((name) => acknowledged.includes(name)).sort()).toEqual([...acknowledged].sort());
    expect(new Set(names).size).toBe(names.length);
    expect(names.length - acknowledged.length).toBeLessThanOrEqual(1);

    expect(await killServer(second, 'SIGTERM')).toEqual({ code: 0, signal: null });
    expect(existsSync(join(dataDir, 'touchpoint.lock'))).toBe(false);
  }, 120_000);
});

describe('the inbound SMTP server', () => {
  it('is started with the server when SMTP_INBOUND_PORT is set, refuses unknown recipients, and stops with it', async () => {
    const smtpPort = await findFreePort();
    // The data dir of the graceful-shutdown test, stopped by now: reopening it is cheaper than creating one.
    const running = await startTouchpoint(loadConfig({ PORT: '0', HOST: '127.0.0.1', SMTP_INBOUND_PORT: String(smtpPort), DATA_DIR: join(root, 'in-process'), LOG_LEVEL: 'silent', JOBS: 'false', DEMO_DATA: 'never', CONSOLE_DIST: '/nonexistent' }));
    try {
      const answer = await sendRawMail(smtpPort, { from: 'someone@example.com', to: ['nobody@nowhere.example'] }, 'From: someone@example.com\r\n\r\nhello\r\n');
      expect(answer).toMatchObject({ accepted: false, responseCode: 550 });
    } finally {
      await running.stop();
    }
    await expect(sendRawMail(smtpPort, { from: 'someone@example.com', to: ['nobody@nowhere.example'] }, 'x')).rejects.toThrow(/ECONNREFUSED/);
  }, 60_000);
});
