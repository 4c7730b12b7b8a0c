import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { CUSTOMER_SESSION_COOKIE, SESSION_COOKIE } from './auth.ts';

/** The OpenAPI document at /api/openapi.json, generated from the route declarations, and a reference page at /api/docs. */
export async function registerOpenApi(app: FastifyInstance) {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Touchpoint API',
        version: '1',
        description:
          'Errors are application/problem+json with a stable `code`. Account routes answer 404 for ids of other accounts. ' +
          'Cookie sessions must send the `x-csrf-token` header on writes; API keys (Bearer) need no CSRF token.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key created by an admin (tp_...)' },
          customerSession: { type: 'apiKey', in: 'cookie', name: CUSTOMER_SESSION_COOKIE, description: 'A customer signed in to the portal (/api/portal/<handle>/...)' },
        },
      },
    },
    // A multipart body (see `multipartBody` in route.ts) is documented as the request body; Fastify never validates it.
    transform: (input) => {
      const { multipartBody, ...schema } = input.schema as typeof input.schema & { multipartBody?: unknown };
      return jsonSchemaTransform({ ...input, schema: multipartBody ? { ...schema, body: multipartBody } : schema } as typeof input);
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list', deepLinking: true } });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
