import { randomUUID } from 'node:crypto';
import { request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import type { Me } from '../../apps/console/src/api/types.ts';
import { DEMO_ACCOUNT_NAME } from './demo.ts';

/** A signed-in API session (cookie + CSRF token), the way the console itself talks to the server. */
export interface ApiSession {
  request: APIRequestContext;
  me: Me;
  /** State-changing call with the CSRF header the server requires for cookie sessions. */
  send(method: 'POST' | 'PATCH' | 'DELETE', path: string, data?: unknown): Promise<unknown>;
  get(path: string): Promise<unknown>;
  dispose(): Promise<void>;
}

async function readJson(response: Awaited<ReturnType<APIRequestContext['get']>>, what: string): Promise<unknown> {
  if (!response.ok()) throw new Error(`${what} answered ${response.status()}: ${await response.text()}`);
  return response.status() === 204 ? undefined : response.json();
}

function wrapSession(request: APIRequestContext, me: Me): ApiSession {
  return {
    request,
    me,
    send: async (method, path, data) =>
      readJson(
        await request.fetch(`/api/v1${path}`, { method, data, headers: { 'x-csrf-token': me.csrfToken } }),
        `${method} ${path}`,
      ),
    get: async (path) => readJson(await request.get(`/api/v1${path}`), `GET ${path}`),
    dispose: () => request.dispose(),
  };
}

export async function openApiSession(baseURL: string, storageState: string): Promise<ApiSession> {
  const request = await playwrightRequest.newContext({ baseURL, storageState });
  const me = (await readJson(await request.get('/api/v1/me'), 'GET /me')) as Me;
  return wrapSession(request, me);
}

export async function signInApi(baseURL: string, email: string, password: string): Promise<ApiSession> {
  const request = await playwrightRequest.newContext({ baseURL });
  const me = (await readJson(await request.post('/api/v1/auth/sign-in', { data: { email, password } }), 'sign-in')) as Me;
  return wrapSession(request, me);
}

export function findAccountId(me: Me, name = DEMO_ACCOUNT_NAME): string {
  const account = me.accounts.find((candidate) => candidate.name === name);
  if (!account) throw new Error(`${me.user.email} is not a member of ${name}`);
  return account.id;
}

export function createUniqueEmail(label: string): string {
  return `${label}-${randomUUID().slice(0, 8)}@e2e.touchpoint.dev`;
}

export interface NewAgent {
  email: string;
  name: string;
  password: string;
  session: ApiSession;
}

/**
 * Invites and signs up a fresh agent through the API, for tests that change a person's own settings
 * (language, password) and must not disturb the demo logins other tests use.
 */
export async function createAgent(baseURL: string, admin: ApiSession, label: string): Promise<NewAgent> {
  const accountId = findAccountId(admin.me);
  const email = createUniqueEmail(label);
  const invitation = (await admin.send('POST', `/accounts/${accountId}/invitations`, { email, role: 'agent', inboxIds: [] })) as { url: string };
  const token = new URL(invitation.url).pathname.split('/').at(-1) ?? '';
  const request = await playwrightRequest.newContext({ baseURL });
  const name = `E2E ${label}`;
  const password = `pw-${randomUUID()}`;
  const me = (await readJson(
    await request.post(`/api/v1/invitations/${token}/accept`, { data: { name, password } }),
    'accept invitation',
  )) as Me;
  return { email, name, password, session: wrapSession(request, me) };
}
