import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '@touchpoint/core';
import { readUserSession, SESSION_COOKIE } from '../http/auth.ts';
import { sendProblem } from '../http/problem.ts';
import type { SocketHub } from '../realtime/socket-hub.ts';
import type { Services } from '../services.ts';

/** Browsers send Origin on WebSocket upgrades; one from another site is refused (cross-site WebSocket hijacking). */
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

export function registerRealtimeRoute(app: FastifyInstance, services: Services, hub: SocketHub) {
  app.get('/api/v1/realtime', {
    websocket: true,
    schema: { hide: true },
    async preValidation(request, reply) {
      if (!isSameOrigin(request, services)) return sendProblem(reply, request, new AppError('forbidden', 'Forbidden', 'This origin may not open the realtime socket.'));
      const session = await readUserSession(request, services);
      if (!session) return sendProblem(reply, request, new AppError('unauthenticated', 'Sign-in required', 'Sign in before opening the realtime socket.'));
      (request as FastifyRequest & { userId?: string }).userId = session.userId;
    },
  }, async (socket, request) => {
    const userId = (request as FastifyRequest & { userId?: string }).userId!;
    await hub.add(socket, userId, request.cookies[SESSION_COOKIE]!);
  });
}
