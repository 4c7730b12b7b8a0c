import { z } from 'zod';
import { listContactMerges, requireLiveContact, undoContactMerge } from '@touchpoint/contacts';
import { getContactTraits, ingestEvents, listCustomerEvents, MAX_BATCH_ITEMS } from '@touchpoint/customer-events';
import { defineRoute } from '../http/route.ts';
import { AccountParamsSchema, UuidSchema } from './schemas.ts';

const TAGS = ['Customer events'];
const ContactParamsSchema = AccountParamsSchema.extend({ contactId: UuidSchema });

/** Customer events (docs/events.md): batched ingest for server keys, a contact's timeline of events and computed traits. */
export const customerEventRoutes = [
  defineRoute({
    method: 'POST',
    url: '/api/v1/accounts/:accountId/events/batch',
    auth: 'account',
    summary: 'Store up to 1000 identify/track/page/alias calls (Segment-shaped); malformed items are reported by index, the rest are stored and committed before the answer',
    tags: TAGS,
    params: AccountParamsSchema,
    body: z.strictObject({ batch: z.array(z.unknown()).min(1).max(MAX_BATCH_ITEMS) }),
    response: z.object({ accepted: z.number(), duplicates: z.number(), errors: z.array(z.object({ index: z.number(), message: z.string() })) }),
    handler: async ({ body }, { services, scope }) => ingestEvents(services.db, scope.accountId, body.batch, { source: 'api' }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/contacts/:contactId/events',
    auth: 'account',
    summary: 'A contact’s customer events, newest first by when they happened, 50 at a time (before = the last occurredAt seen)',
    tags: TAGS,
    params: ContactParamsSchema,
    query: z.strictObject({ before: z.iso.datetime({ offset: true }).optional(), limit: z.coerce.number().int().min(1).max(200).optional() }),
    response: z.object({
      events: z.array(z.object({ id: z.string(), kind: z.string(), name: z.string(), properties: z.record(z.string(), z.unknown()), touchpoint: z.object({ kind: z.string(), id: z.string().nullable(), stepId: z.string().nullable() }).nullable(), source: z.string(), occurredAt: z.string() })),
      nextBefore: z.string().nullable(),
    }),
    handler: async ({ params, query }, { services, scope }) => {
      await requireLiveContact(services.db, scope.accountId, params.contactId);
      const limit = query.limit ?? 50;
      const rows = await listCustomerEvents(services.db, scope.accountId, params.contactId, { before: query.before ? new Date(query.before) : undefined, limit });
      return {
        events: rows.map((row) => ({
          id: row.id,
          kind: row.kind,
          name: row.name,
          properties: row.properties,
          touchpoint: row.touchpointKind ? { kind: row.touchpointKind, id: row.touchpointId, stepId: row.touchpointStepId } : null,
          source: row.source,
          occurredAt: row.occurredAt.toISOString(),
        })),
        nextBefore: rows.length === limit ? rows.at(-1)!.occurredAt.toISOString() : null,
      };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/contacts/:contactId/traits',
    auth: 'account',
    summary: 'A contact’s computed traits, kept as events arrive: event count, first and last seen, order count, lifetime value per currency, last order',
    tags: TAGS,
    params: ContactParamsSchema,
    response: z.object({
      eventCount: z.number(),
      firstSeenAt: z.string().nullable(),
      lastSeenAt: z.string().nullable(),
      orderCount: z.number(),
      lifetimeValue: z.array(z.object({ currency: z.string(), amountMinor: z.number() })),
      lastOrderAt: z.string().nullable(),
    }),
    handler: async ({ params }, { services, scope }) => {
      await requireLiveContact(services.db, scope.accountId, params.contactId);
      return getContactTraits(services.db, scope.accountId, params.contactId);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/contacts/:contactId/merges',
    auth: 'account',
    summary: 'The merges into a contact, newest first, with what each moved and whether it was undone',
    tags: TAGS,
    params: ContactParamsSchema,
    response: z.object({ merges: z.array(z.object({ id: z.string(), contactId: z.string(), duplicateId: z.string(), duplicateName: z.string(), mergedBy: z.string().nullable(), mergedAt: z.string(), undoneAt: z.string().nullable(), moved: z.record(z.string(), z.number()) })) }),
    handler: async ({ params }, { services, scope }) => {
      await requireLiveContact(services.db, scope.accountId, params.contactId);
      return { merges: await listContactMerges(services.db, scope.accountId, params.contactId) };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/accounts/:accountId/contacts/:contactId/merges/:mergeId/undo',
    auth: 'admin',
    summary: 'Undo a merge: what it moved goes back to the restored contact, both profiles return to their state before it (audited; the latest merge first)',
    tags: TAGS,
    params: ContactParamsSchema.extend({ mergeId: UuidSchema }),
    response: z.object({ mergeId: z.string(), contactId: z.string(), duplicateId: z.string(), undoneAt: z.string() }),
    handler: ({ params }, { services, scope }) => undoContactMerge(services.db, scope, params.contactId, params.mergeId),
  }),
];
