import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AccountScope, AppError, isUuid, notFound } from '@touchpoint/core';
import { assertAdmin, type IssuedSession, resolveApiKey, resolveSession, resolveUserScope, scopeForApiKey, unauthenticated } from '@touchpoint/accounts';
import { findAccountByHandle, type IssuedCustomerSession, resolveCustomerSession } from '@touchpoint/customers';
import type { Services } from '../services.ts';

export const SESSION_COOKIE = 'tp_session';
/** The customer portal's session cookie, sent only to that account's portal API (`/api/portal/<handle>`). */
export const CUSTOMER_SESSION_COOKIE = 'tp_customer';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export interface UserSession {
  userId: string;
  sessionId: string;
  csrfToken: string;
}

/** Secure on https and on loopback (browsers treat localhost as a secure context); httpOnly; SameSite=Lax. */
function cookieOptions(request: FastifyRequest) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: request.protocol === 'https' || LOOPBACK_HOSTS.has(request.hostname.replace(/:\d+$/, '')) };
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, session: IssuedSession) {
  reply.setCookie(SESSION_COOKIE, session.token, { ...cookieOptions(request), expires: session.expiresAt });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(request));
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new AppError('unauthenticated', 'Bad Authorization header', 'Send the API key as `Authorization: Bearer tp_...`.');
  return match[1]!;
}

/** The session behind the cookie; state-changing requests must also carry its CSRF token. */
export async function readUserSession(request: FastifyRequest, services: Services): Promise<UserSession | null> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return null;
  const session = await resolveSession(services.db, token, services.sessionPolicy);
  if (!session) return null;
  return { userId: session.userId, sessionId: session.id, csrfToken: session.csrfToken };
}

function assertCsrf(request: FastifyRequest, session: UserSession) {
  if (SAFE_METHODS.has(request.method)) return;
  if (request.headers['x-csrf-token'] !== session.csrfToken) {
    throw new AppError('csrf_failed', 'CSRF check failed', 'Send the csrfToken from GET /api/v1/me in the x-csrf-token header.');
  }
}

export async function requireUserSession(request: FastifyRequest, services: Services): Promise<UserSession> {
  const session = await readUserSession(request, services);
  if (!session) throw unauthenticated();
  assertCsrf(request, session);
  return session;
}

/** The actor for an account route: an API key of that account, or a signed-in member. Anyone else gets 404. */
export async function requireAccountScope(request: FastifyRequest, services: Services, accountId: string, adminOnly: boolean): Promise<AccountScope> {
  if (!isUuid(accountId)) throw notFound('account');
  const secret = bearerToken(request);
  let scope: AccountScope;
  if (secret) {
    const key = await resolveApiKey(services.db, secret);
    if (!key) throw new AppError('unauthenticated', 'Unknown API key', 'This API key does not exist or was revoked.');
    scope = scopeForApiKey(key, accountId);
  } else {
    const session = await requireUserSession(request, services);
    scope = await resolveUserScope(services.db, session.userId, accountId);
  }
  if (adminOnly) assertAdmin(scope);
  return scope;
}

/** A customer signed in to one account's portal: everything they reach is scoped to their own contact. */
export interface CustomerContext {
  accountId: string;
  contactId: string;
  sessionId: string;
  csrfToken: string;
}

const customerCookiePath = (handle: string) => `/api/portal/${handle}`;

export function setCustomerSessionCookie(request: FastifyRequest, reply: FastifyReply, handle: string, session: IssuedCustomerSession) {
  reply.setCookie(CUSTOMER_SESSION_COOKIE, session.token, { ...cookieOptions(request), path: customerCookiePath(handle), expires: session.expiresAt });
}

export function clearCustomerSessionCookie(request: FastifyRequest, reply: FastifyReply, handle: string) {
  reply.clearCookie(CUSTOMER_SESSION_COOKIE, { ...cookieOptions(request), path: customerCookiePath(handle) });
}

/**
 * The customer behind the portal cookie, on the portal of the `:handle` in the URL (404 for an unknown handle, 401
 * without a live session of that account); writes must carry the session's CSRF token like the console's.
 */
export async function requireCustomer(request: FastifyRequest, services: Services, handle: string): Promise<CustomerContext> {
  const account = await findAccountByHandle(services.db, handle);
  const token = request.cookies[CUSTOMER_SESSION_COOKIE];
  const session = token ? await resolveCustomerSession(services.db, account.id, token) : null;
  if (!session) throw new AppError('unauthenticated', 'Not signed in', 'Sign in to the portal with the link we email you.');
  if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== session.csrfToken) {
    throw new AppError('csrf_failed', 'CSRF check failed', 'Send the csrfToken from GET /api/portal/<handle>/me in the x-csrf-token header.');
  }
  return { accountId: account.id, contactId: session.contactId, sessionId: session.sessionId, csrfToken: session.csrfToken };
}
