import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.ts';

/** /healthz: the process is alive. /readyz: it can serve traffic (database answers, not shutting down). */
export function registerHealthRoutes(app: FastifyInstance, services: Services) {
  app.get('/healthz', { schema: { hide: true }, logLevel: 'warn' }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true }, logLevel: 'warn' }, async (_request, reply) => {
    if (!services.readiness.ready) return reply.code(503).send({ status: 'unavailable', reason: 'starting or shutting down' });
    try {
      await services.database.query('select 1');
    } catch {
      return reply.code(503).send({ status: 'unavailable', reason: 'database unreachable' });
    }
    return { status: 'ready', database: services.database.kind, bus: services.bus.kind };
  });
}
