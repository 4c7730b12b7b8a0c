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

/**
 * Signs in as the demo admin and creates an API key for the demo workspace (Sakura Goods, or the first account
 * if it was renamed): the cookie + x-csrf-token path the console uses, then Bearer from there on.
 */
export async function createDemoApiKey(baseUrl: string, name: string): Promise<{ accountId: string; key: string }> {
  const admin = DEMO_AGENTS.find((agent) => agent.role === 'admin') ?? DEMO_AGENTS[0];
  const signIn = await requestJson(
    `${baseUrl}/api/v1/auth/sign-in`,
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: admin.email, password: DEMO_PASSWORD }) },
    SignInAnswerSchema,
  );
  const cookie = signIn.response.headers.getSetCookie().find((header) => header.startsWith('tp_session='));
  if (!cookie) throw new Error('sign-in set no tp_session cookie');
  const account = signIn.body.accounts.find((candidate) => candidate.name === DEMO_ACCOUNT_NAME) ?? signIn.body.accounts[0]!;
  const created = await requestJson(
    `${baseUrl}/api/v1/accounts/${account.id}/api-keys`,
    { method: 'POST', headers: { 'content-type': 'application/json', cookie: cookie.split(';')[0]!, 'x-csrf-token': signIn.body.csrfToken }, body: JSON.stringify({ name }) },
    ApiKeyAnswerSchema,
  );
  return { accountId: account.id, key: created.body.key };
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
