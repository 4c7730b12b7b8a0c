import type { FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import { notFound } from '@touchpoint/core';
import type { Database } from '@touchpoint/db';
import type { EventBus } from '@touchpoint/events';
import { type ChannelInbox, findVisitorContact, type WidgetVisitor } from '@touchpoint/channels';
import { recordPromptResponse } from '@touchpoint/prompts';
import { defineRoute } from '../http/route.ts';
import { promptSocketsFor } from '../realtime/prompt-sockets.ts';

/**
 * Prompts on a widget socket: the visitor's contact gets its prompts there. A visitor without a contact yet (nothing
 * sent, no verified identity) is looked up again when their first message arrives on the bus, or when the widget
 * says `{ type: 'prompts.refresh' }` (after an identify).
 */
export async function attachWidgetPrompts(db: Database, bus: EventBus, socket: WebSocket, inbox: ChannelInbox, visitor: WidgetVisitor, onError: (error: unknown) => void) {
  const registry = promptSocketsFor(db, bus, onError);
  let attached = false;
  const tryAttach = async () => {
    if (attached) return;
    const contact = await findVisitorContact(db, inbox, visitor);
    if (!contact || attached) return;
    attached = true;
    await registry.attach(socket, inbox.accountId, contact.id, 'widget');
  };
  socket.on('message', (data) => {
    if (!attached && String(data).includes('"prompts.refresh"')) tryAttach().catch(onError);
  });
  await tryAttach();
  if (attached) return;
  const unsubscribe = bus.subscribe((event) => {
    if (attached || event.type !== 'message.created' || event.accountId !== inbox.accountId) return;
    const message = event.payload.message as { channelData?: { visitor?: unknown } } | undefined;
    if (message?.channelData?.visitor === visitor.key) tryAttach().then(() => attached && unsubscribe()).catch(onError);
  });
  socket.on('close', unsubscribe);
}

const PromptResponseParamsSchema = z.strictObject({
  channelKey: z.string().regex(/^[0-9a-f]{32}$/, 'must be the inbox key from the snippet'),
  deliveryId: z.uuid(),
  response: z.enum(['shown', 'clicked', 'dismissed']),
});

/**
 * The widget's prompt endpoints, registered in the widget's scope (inbox found and origin checked first). The visitor
 * is resolved by the scope's own helper, passed in to keep one place that reads widget credentials.
 */
export function createWidgetPromptRoutes(widgetVisitor: (request: FastifyRequest) => { inbox: ChannelInbox; visitor: WidgetVisitor }) {
  return [
    defineRoute({
      method: 'POST',
      url: '/widget/v1/:channelKey/prompts/:deliveryId/:response',
      auth: 'public',
      summary: 'The visitor saw, clicked or dismissed a prompt (recorded once each as prompt.shown / prompt.clicked / prompt.dismissed)',
      tags: ['Web chat widget'],
      params: PromptResponseParamsSchema,
      handler: async ({ params }, { services, request }) => {
        const { inbox, visitor } = widgetVisitor(request);
        const contact = await findVisitorContact(services.db, inbox, visitor);
        if (!contact) throw notFound('prompt delivery');
        await recordPromptResponse(services.db, inbox.accountId, contact.id, params.deliveryId, params.response);
      },
    }),
  ];
}
