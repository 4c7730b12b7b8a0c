import { z } from 'zod';
import { benchAgentEmail, BENCH_PASSWORD } from './bench-account.ts';

const SignInAnswerSchema = z.object({ accounts: z.array(z.object({ id: z.string(), name: z.string() })).min(1), csrfToken: z.string() });

export interface AgentSession {
  n: number;
  accountId: string;
  /** `tp_session=…`, for the Cookie header (and the WebSocket upgrade). */
  cookie: string;
  csrfToken: string;
}

/** Signs agent n of the generated account in, as the console does (cookie session; CSRF token for writes). */
export async function signInAgent(baseUrl: string, n: number, accountName: string): Promise<AgentSession> {
  const response = await fetch(`${baseUrl}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: benchAgentEmail(n), password: BENCH_PASSWORD }),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`sign-in of ${benchAgentEmail(n)} answered ${response.status}: ${text.slice(0, 300)}`);
  const body = SignInAnswerSchema.parse(JSON.parse(text));
  const cookie = response.headers.getSetCookie().find((header) => header.startsWith('tp_session='))?.split(';')[0];
  if (!cookie) throw new Error('sign-in set no tp_session cookie');
  const account = body.accounts.find((candidate) => candidate.name === accountName);
  if (!account) throw new Error(`${benchAgentEmail(n)} is not a member of ${accountName}: run npm run bench:generate first`);
  return { n, accountId: account.id, cookie, csrfToken: body.csrfToken };
}

/** Signs in agents 0 … count-1, a few at a time (password hashing is deliberately slow). */
export async function signInAgents(baseUrl: string, count: number, accountName: string): Promise<AgentSession[]> {
  const sessions: AgentSession[] = [];
  for (let n = 0; n < count; n += 4) {
    sessions.push(...(await Promise.all(Array.from({ length: Math.min(4, count - n) }, (_, i) => signInAgent(baseUrl, n + i, accountName)))));
  }
  return sessions;
}
