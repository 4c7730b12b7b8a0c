import { z } from 'zod';
import { DEMO_AGENTS, DEMO_PASSWORD } from '@touchpoint/demo';

const DEMO_ACCOUNT_NAME = 'Sakura Goods';

const SignInAnswerSchema = z.object({ accounts: z.array(z.object({ id: z.string(), name: z.string(), role: z.string() })).min(1), csrfToken: z.string() });
const ApiKeyAnswerSchema = z.object({ key: z.string() });
const HomeAnswerSchema = z.object({ counts: z.record(z.string(), z.number()) });
const ItemsAnswerSchema = z.object({ items: z.array(z.unknown()) });

async function requestJson<T>(url: string, init: RequestInit, schema: z.ZodType<T>): Promise<{ body: T; response: Response }> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url} answered ${response.status}: ${text.slice(0, 500)}`);
  return { body: schema.parse(JSON.parse(text)), response };
}

export interface DemoAdminSession {
  accountId: string;
  /** `tp_session=…`, for requests and sockets. */
  cookie: string;
  csrfToken: string;
}

/** Signs in as the demo admin, in the demo workspace (Sakura Goods, or the first account if it was renamed). */
export async function signInDemoAdmin(baseUrl: string): Promise<DemoAdminSession> {
  const admin = DEMO_AGENTS.find((agent) => agent.role === 'admin') ?? DEMO_AGENTS[0];
  const signIn = await requestJson(
    `${baseUrl}/api/v1/auth/sign-in`,
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: admin.email, password: DEMO_PASSWORD }) },
    SignInAnswerSchema,
  );
  const cookie = signIn.response.headers.getSetCookie().find((header) => header.startsWith('tp_session='));
  if (!cookie) throw new Error('sign-in set no tp_session cookie');
  const account = signIn.body.accounts.find((candidate) => candidate.name === DEMO_ACCOUNT_NAME) ?? signIn.body.accounts[0]!;
  return { accountId: account.id, cookie: cookie.split(';')[0]!, csrfToken: signIn.body.csrfToken };
}

/** A request as the signed-in demo admin: cookie and x-csrf-token, JSON both ways. */
export function requestAsAdmin<T>(baseUrl: string, session: DemoAdminSession, method: string, path: string, body: unknown, schema: z.ZodType<T>) {
  const init = { method, headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrfToken }, body: JSON.stringify(body) };
  return requestJson(`${baseUrl}/api/v1/accounts/${session.accountId}${path}`, init, schema).then(({ body: answer }) => answer);
}

/** Creates an API key for the demo workspace as its admin: Bearer from there on. */
export async function createDemoApiKey(baseUrl: string, name: string): Promise<{ accountId: string; key: string }> {
  const session = await signInDemoAdmin(baseUrl);
  const created = await requestAsAdmin(baseUrl, session, 'POST', '/api-keys', { name }, ApiKeyAnswerSchema);
  return { accountId: session.accountId, key: created.key };
}

/** The data the load runs against, as the API reports it (so the numbers name the data size they were taken at). */
export async function describeWorkspaceData(baseUrl: string, accountId: string, key: string) {
  const headers = { authorization: `Bearer ${key}` };
  const base = `${baseUrl}/api/v1/accounts/${accountId}`;
  const [home, conversations, contacts] = await Promise.all([
    requestJson(`${base}/home`, { headers }, HomeAnswerSchema),
    requestJson(`${base}/conversations?limit=200`, { headers }, ItemsAnswerSchema),
    requestJson(`${base}/contacts?limit=200`, { headers }, ItemsAnswerSchema),
  ]);
  return { homeCounts: home.body.counts, conversationsListed: conversations.body.items.length, contactsListed: contacts.body.items.length };
}
