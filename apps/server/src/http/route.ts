import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AccountScope } from '@touchpoint/core';
import type { Services } from '../services.ts';
import { type CustomerContext, requireAccountScope, requireCustomer, requireUserSession, type UserSession } from './auth.ts';

/**
 * - `public`: anyone;
 * - `user`: a signed-in person (session cookie), for things about themselves;
 * - `account` / `admin`: a member (or API key) of the `:accountId` in the URL; `admin` also needs the admin role;
 * - `customer`: a customer signed in to the portal of the `:handle` in the URL (`ctx.customer`: account and contact).
 */
export type AuthMode = 'public' | 'user' | 'account' | 'admin' | 'customer';

type Infer<T> = T extends z.ZodType ? z.infer<T> : undefined;

interface BaseContext {
  services: Services;
  request: FastifyRequest;
  reply: FastifyReply;
}

export type RouteContext<A extends AuthMode> = BaseContext &
  (A extends 'user' ? { session: UserSession } : A extends 'account' | 'admin' ? { scope: AccountScope } : A extends 'customer' ? { customer: CustomerContext } : unknown);

export interface RouteSpec<A extends AuthMode, P, Q, B, R> {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  auth: A;
  summary: string;
  tags: string[];
  params?: P;
  query?: Q;
  body?: B;
  /** The success answer; omit for 204 No Content. */
  response?: R;
  status?: 200 | 201 | 202;
  /** A larger body limit than the server's default, for uploads such as CSV imports. */
  bodyLimit?: number;
  /** A `multipart/form-data` body that the handler reads itself, as a stream: documented in OpenAPI, not validated here. */
  multipartBody?: z.ZodType;
  handler: (input: { params: Infer<P>; query: Infer<Q>; body: Infer<B> }, ctx: RouteContext<A>) => Promise<R extends z.ZodType ? z.input<R> : void>;
}

export type AnyRouteSpec = RouteSpec<AuthMode, unknown, unknown, unknown, unknown>;

/** Declares a route: auth mode, input schemas, one domain call. Everything cross-cutting happens here. */
export function defineRoute<A extends AuthMode, P extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, B extends z.ZodType | undefined = undefined, R extends z.ZodType | undefined = undefined>(
  spec: RouteSpec<A, P, Q, B, R>,
): AnyRouteSpec {
  return spec as unknown as AnyRouteSpec;
}

const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    code: z.string().describe('stable machine-readable error code'),
    detail: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string(), stepId: z.string().optional() })).optional().describe('one entry per invalid field'),
    instance: z.string().optional(),
    requestId: z.string().optional(),
  })
  .describe('application/problem+json');

interface RequestAuth {
  session?: UserSession;
  scope?: AccountScope;
  customer?: CustomerContext;
}

const authByRequest = new WeakMap<FastifyRequest, RequestAuth>();

export function registerRoutes(app: FastifyInstance, services: Services, routes: AnyRouteSpec[]) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  for (const spec of routes) {
    const successStatus = spec.response ? (spec.status ?? 200) : 204;
    typed.route({
      method: spec.method,
      url: spec.url,
      ...(spec.bodyLimit ? { bodyLimit: spec.bodyLimit } : {}),
      schema: {
        summary: spec.summary,
        tags: spec.tags,
        ...(spec.multipartBody ? { consumes: ['multipart/form-data'], multipartBody: spec.multipartBody } : {}),
        ...(spec.auth === 'public' ? {} : { security: spec.auth === 'user' ? [{ session: [] }] : spec.auth === 'customer' ? [{ customerSession: [] }] : [{ session: [] }, { apiKey: [] }] }),
        ...(spec.params ? { params: spec.params as z.ZodType } : {}),
        ...(spec.query ? { querystring: spec.query as z.ZodType } : {}),
        ...(spec.body ? { body: spec.body as z.ZodType } : {}),
        response: { [successStatus]: (spec.response as z.ZodType | undefined) ?? z.null().describe('No Content'), '4xx': ProblemSchema },
      },
      // Authentication runs first, before the body is even parsed: strangers get 401, other accounts 404.
      onRequest: async (request) => {
        const auth: RequestAuth = {};
        if (spec.auth === 'user') auth.session = await requireUserSession(request, services);
        if (spec.auth === 'account' || spec.auth === 'admin') {
          auth.scope = await requireAccountScope(request, services, (request.params as { accountId?: string }).accountId ?? '', spec.auth === 'admin');
        }
        if (spec.auth === 'customer') auth.customer = await requireCustomer(request, services, (request.params as { handle?: string }).handle ?? '');
        authByRequest.set(request, auth);
      },
      handler: async (request, reply) => {
        const ctx = { services, request, reply, ...authByRequest.get(request) };
        const input = { params: request.params, query: request.query, body: request.body };
        const result = await spec.handler(input as never, ctx as never);
        if (!spec.response) return reply.code(204).send();
        return reply.code(successStatus).send(result);
      },
    });
  }
}
