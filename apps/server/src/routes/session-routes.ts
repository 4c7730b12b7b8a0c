import { z } from 'zod';
import { acceptInvitation, changePassword, describeInvitation, describeUser, openSessionForUser, signIn, signOut, signOutEverywhere, updateProfile, verifyPassword } from '@touchpoint/accounts';
import type { FastifyRequest } from 'fastify';
import { clearSessionCookie, readUserSession, setSessionCookie } from '../http/auth.ts';
import { defineRoute } from '../http/route.ts';
import { EmailSchema, LocaleSchema, MeSchema, NameSchema, PasswordSchema, RoleSchema } from './schemas.ts';

const clientInfo = (request: FastifyRequest) => ({ ip: request.ip, userAgent: request.headers['user-agent'] ?? null });
const TAGS = ['Session'];

export const sessionRoutes = [
  defineRoute({
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    auth: 'public',
    summary: 'Sign in with email and password',
    tags: TAGS,
    body: z.strictObject({ email: EmailSchema, password: z.string().min(1).max(200) }),
    response: MeSchema,
    async handler({ body }, { services, request, reply }) {
      const session = await signIn(services.db, body, clientInfo(request), services.sessionPolicy);
      setSessionCookie(request, reply, session);
      return { ...(await describeUser(services.db, session.userId)), csrfToken: session.csrfToken };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/auth/sign-out',
    auth: 'user',
    summary: 'End this session',
    tags: TAGS,
    async handler(_input, { services, session, request, reply }) {
      await signOut(services.db, session.sessionId);
      clearSessionCookie(request, reply);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/auth/sign-out-everywhere',
    auth: 'user',
    summary: 'End every session of the signed-in person, on every device',
    tags: TAGS,
    async handler(_input, { services, session, request, reply }) {
      await signOutEverywhere(services.db, session.userId);
      clearSessionCookie(request, reply);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/me',
    auth: 'user',
    summary: 'The signed-in person, their accounts and the CSRF token',
    tags: TAGS,
    response: MeSchema,
    async handler(_input, { services, session }) {
      return { ...(await describeUser(services.db, session.userId)), csrfToken: session.csrfToken };
    },
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/me',
    auth: 'user',
    summary: 'Change my name or language',
    tags: TAGS,
    body: z.strictObject({ name: NameSchema.optional(), locale: LocaleSchema.nullable().optional() }),
    response: MeSchema,
    async handler({ body }, { services, session }) {
      await updateProfile(services.db, session.userId, body);
      return { ...(await describeUser(services.db, session.userId)), csrfToken: session.csrfToken };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/me/password',
    auth: 'user',
    summary: 'Change my password; my other sessions end',
    tags: TAGS,
    body: z.strictObject({ currentPassword: z.string().min(1).max(200), newPassword: PasswordSchema }),
    async handler({ body }, { services, session }) {
      await changePassword(services.db, session.userId, session.sessionId, body);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/invitations/:token',
    auth: 'public',
    summary: 'What an invitation link is for',
    tags: TAGS,
    params: z.strictObject({ token: z.string().min(20).max(100) }),
    response: z.object({ email: z.string(), accountName: z.string(), role: RoleSchema, expiresAt: z.string(), existingUser: z.boolean() }),
    async handler({ params }, { services }) {
      return describeInvitation(services.db, params.token);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/invitations/:token/accept',
    auth: 'public',
    summary: 'Accept an invitation and sign in',
    tags: TAGS,
    params: z.strictObject({ token: z.string().min(20).max(100) }),
    body: z.strictObject({ name: NameSchema, password: z.string().min(1).max(200) }),
    response: MeSchema,
    async handler({ params, body }, { services, request, reply }) {
      const existingSession = await readUserSession(request, services);
      const userId = await acceptInvitation(services.db, params.token, body, (hash) => verifyPassword(body.password, hash));
      if (existingSession && existingSession.userId !== userId) clearSessionCookie(request, reply);
      const session = await openSessionForUser(services.db, userId, clientInfo(request), services.sessionPolicy);
      setSessionCookie(request, reply, session);
      return { ...(await describeUser(services.db, userId)), csrfToken: session.csrfToken };
    },
  }),
];

export const NEW_PASSWORD_RULE = PasswordSchema;
