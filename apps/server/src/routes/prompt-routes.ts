import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '@touchpoint/core';
import { resolveCustomerSession } from '@touchpoint/customers';
import {
  createPrompt, deletePrompt, findPrompt, listPendingPrompts, listPrompts, PROMPT_FREQUENCIES, PROMPT_KINDS, PROMPT_STATUSES, PROMPT_SURFACES, PromptInputSchema,
  PromptPatchSchema, recordPromptResponse, sendPromptNow, updatePrompt,
} from '@touchpoint/prompts';
import { CUSTOMER_SESSION_COOKIE, type CustomerContext, requireCustomer } from '../http/auth.ts';
import { sendProblem } from '../http/problem.ts';
import { defineRoute } from '../http/route.ts';
import { closePromptSockets, promptSocketsFor } from '../realtime/prompt-sockets.ts';
import type { Services } from '../services.ts';
import { AccountParamsSchema, UuidSchema } from './schemas.ts';

const TAGS = ['Prompts'];
const PromptParamsSchema = AccountParamsSchema.extend({ promptId: UuidSchema });
const HandleSchema = z.string().min(1).max(63).describe('the account’s public handle (accounts.handle)');

const ContentSchema = z.object({ title: z.string(), body: z.string(), ctaLabel: z.string().nullish(), imageUrl: z.string().nullish() });
const PromptSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(PROMPT_KINDS),
  placement: z.enum(['top', 'bottom']),
  anchorSelector: z.string().nullable(),
  status: z.enum(PROMPT_STATUSES),
  content: z.record(z.string(), ContentSchema),
  action: z.object({ kind: z.enum(['url', 'open_chat', 'dismiss']), url: z.string().optional() }),
  triggerEvent: z.string().nullable(),
  triggerFirstOnly: z.boolean(),
  condition: z.unknown().nullable(),
  segmentId: z.string().nullable(),
  surfaces: z.enum(PROMPT_SURFACES),
  frequency: z.enum(PROMPT_FREQUENCIES),
  frequencyDays: z.number().nullable(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  priority: z.number(),
  pendingMinutes: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const StatsSchema = z.object({ triggered: z.number(), shown: z.number(), clicked: z.number(), dismissed: z.number(), clickRate: z.number() });
const PayloadSchema = z.object({
  deliveryId: z.string(),
  promptId: z.string().nullable(),
  kind: z.enum(PROMPT_KINDS),
  placement: z.enum(['top', 'bottom']),
  anchorSelector: z.string().nullable(),
  content: z.record(z.string(), ContentSchema),
  locale: z.string().nullable(),
  action: z.object({ kind: z.enum(['url', 'open_chat', 'dismiss']), url: z.string().optional() }),
  priority: z.number(),
  surfaces: z.enum(PROMPT_SURFACES),
  expiresAt: z.string(),
});

/** In-app prompts: the console's CRUD (docs/prompts.md) and the portal's side of a prompt's life. */
export const promptRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/prompts',
    auth: 'account',
    summary: 'Prompts with their status and figures (triggered, shown, clicked, dismissed, click rate)',
    tags: TAGS,
    params: AccountParamsSchema,
    response: z.object({ prompts: z.array(PromptSchema.extend({ stats: StatsSchema })) }),
    handler: async (_input, { services, scope }) => ({ prompts: await listPrompts(services.db, scope.accountId) }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/accounts/:accountId/prompts',
    auth: 'admin',
    summary: 'Create a prompt (a draft unless status says live)',
    tags: TAGS,
    params: AccountParamsSchema,
    body: PromptInputSchema,
    response: PromptSchema,
    status: 201,
    handler: async ({ body }, { services, scope }) => createPrompt(services.db, scope.accountId, body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/prompts/:promptId',
    auth: 'account',
    summary: 'One prompt',
    tags: TAGS,
    params: PromptParamsSchema,
    response: PromptSchema,
    handler: async ({ params }, { services, scope }) => findPrompt(services.db, scope.accountId, params.promptId),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/accounts/:accountId/prompts/:promptId',
    auth: 'admin',
    summary: 'Change a prompt; `status` publishes (live), pauses or resumes it',
    tags: TAGS,
    params: PromptParamsSchema,
    body: PromptPatchSchema,
    response: PromptSchema,
    handler: async ({ params, body }, { services, scope }) => updatePrompt(services.db, scope.accountId, params.promptId, body),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/accounts/:accountId/prompts/:promptId',
    auth: 'admin',
    summary: 'Delete a prompt (what customers already saw stays on their timelines)',
    tags: TAGS,
    params: PromptParamsSchema,
    handler: async ({ params }, { services, scope }) => deletePrompt(services.db, scope.accountId, params.promptId),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/accounts/:accountId/prompts/:promptId/send',
    auth: 'admin',
    summary: 'Show the prompt to one customer now, whatever its status and rules (to try it on yourself)',
    tags: TAGS,
    params: PromptParamsSchema,
    body: z.strictObject({ contactId: UuidSchema }),
    response: z.object({ status: z.enum(['queued', 'skipped']), deliveryId: z.string().optional(), reason: z.string().optional() }),
    status: 202,
    handler: async ({ params, body }, { services, scope }) => sendPromptNow(services.db, scope.accountId, params.promptId, body.contactId),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/portal/:handle/prompts',
    auth: 'customer',
    summary: 'Prompts waiting for the signed-in customer in the portal (the portal socket pushes the same ones)',
    tags: ['Customer portal'],
    params: z.strictObject({ handle: HandleSchema }),
    response: z.object({ prompts: z.array(PayloadSchema) }),
    handler: async (_input, { services, customer }) => ({ prompts: await listPendingPrompts(services.db, customer.accountId, customer.contactId, 'portal') }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/portal/:handle/prompts/:deliveryId/:response',
    auth: 'customer',
    summary: 'The customer saw, clicked or dismissed a prompt in the portal (recorded once each)',
    tags: ['Customer portal'],
    params: z.strictObject({ handle: HandleSchema, deliveryId: UuidSchema, response: z.enum(['shown', 'clicked', 'dismissed']) }),
    handler: async ({ params }, { services, customer }) => {
      await recordPromptResponse(services.db, customer.accountId, customer.contactId, params.deliveryId, params.response);
    },
  }),
];

const PORTAL_SESSION_RECHECK_MS = 60_000;

function isSameOrigin(request: FastifyRequest, services: Services): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  try {
    const { host } = new URL(origin);
    return host === request.headers.host || host === services.config.publicUrl?.host;
  } catch {
    return false;
  }
}

/**
 * The portal's customer socket (`/api/portal/:handle/socket`): the portal session cookie (path-scoped to the handle)
 * authenticates it, it is account-scoped, and it carries the customer's prompts through the shared registry (the bus
 * reaches every node). The session is checked again every minute; a signed-out session closes it with 4401.
 */
export function registerPortalPromptSocket(app: FastifyInstance, services: Services) {
  const sockets = new Set<{ close(code: number, reason: string): void }>();
  app.addHook('preClose', async () => {
    for (const socket of sockets) socket.close(1001, 'server shutting down');
    closePromptSockets(services.bus);
  });
  app.get('/api/portal/:handle/socket', {
    websocket: true,
    schema: { hide: true },
    async preValidation(request, reply) {
      if (!isSameOrigin(request, services)) return sendProblem(reply, request, new AppError('forbidden', 'Forbidden', 'This origin may not open the portal socket.'));
      try {
        (request as FastifyRequest & { customer?: CustomerContext }).customer = await requireCustomer(request, services, (request.params as { handle: string }).handle);
      } catch (error) {
        if (error instanceof AppError) return sendProblem(reply, request, error);
        throw error;
      }
    },
  }, async (socket, request) => {
    const customer = (request as FastifyRequest & { customer?: CustomerContext }).customer!;
    const token = request.cookies[CUSTOMER_SESSION_COOKIE]!;
    sockets.add(socket);
    const pinger = setInterval(() => {
      if (socket.readyState === socket.OPEN) socket.send('{"type":"ping"}');
    }, 25_000);
    const recheck = setInterval(() => {
      resolveCustomerSession(services.db, customer.accountId, token).then((session) => {
        if (!session) socket.close(4401, 'session ended');
      }).catch(() => {});
    }, PORTAL_SESSION_RECHECK_MS);
    pinger.unref();
    recheck.unref();
    socket.on('close', () => {
      sockets.delete(socket);
      clearInterval(pinger);
      clearInterval(recheck);
    });
    socket.send('{"type":"ready"}');
    await promptSocketsFor(services.db, services.bus, (error) => app.log.error({ err: error }, 'portal socket failed')).attach(socket, customer.accountId, customer.contactId, 'portal');
  });
}
