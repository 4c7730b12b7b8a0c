import { Readable } from 'node:stream';
import { z } from 'zod';
import { ConditionSchema } from '@touchpoint/core';
import {
  addContactToSegment, createSegment, deleteSegment, exportSegmentMembersCsv, getSegment, listSegmentMembers, listSegments, previewCondition, removeContactFromSegment, updateSegment,
} from '@touchpoint/segments';
import { defineRoute } from '../http/route.ts';
import { AccountParamsSchema, IsoDateSchema, LimitSchema, UuidSchema, accountParamsWith } from './schemas.ts';

const TAGS = ['Segments'];
const SegmentParamsSchema = accountParamsWith('segmentId');
const MemberParamsSchema = AccountParamsSchema.extend({ segmentId: UuidSchema, contactId: UuidSchema });
const KindSchema = z.enum(['dynamic', 'manual']);
const BuildSchema = z.object({ status: z.enum(['building', 'ready']), done: z.number(), total: z.number() });
const SegmentSummarySchema = z.object({ id: z.string(), name: z.string(), description: z.string(), kind: KindSchema, memberCount: z.number(), build: BuildSchema, createdAt: IsoDateSchema, updatedAt: IsoDateSchema });
const SegmentDetailSchema = SegmentSummarySchema.extend({ condition: ConditionSchema.nullable(), dependencies: z.array(z.string()) });
const NameSchema = z.string().trim().min(1, 'must not be empty').max(120);
const DescriptionSchema = z.string().max(1000);

/** Segments: dynamic (a condition, kept up to date as events arrive) and manual (lists). See docs/segments.md. */
export const segmentRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/segments',
    auth: 'account',
    summary: 'The account’s segments with their member counts (and build progress while one is being built)',
    tags: TAGS,
    params: AccountParamsSchema,
    response: z.object({ segments: z.array(SegmentSummarySchema) }),
    handler: async (_input, { services, scope }) => ({ segments: await listSegments(services.db, scope.accountId) }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/accounts/:accountId/segments',
    auth: 'admin',
    summary: 'Create a segment: dynamic with a condition (built in the background, progress in `build`) or a manual list',
    tags: TAGS,
    params: AccountParamsSchema,
    body: z.strictObject({ name: NameSchema, description: DescriptionSchema.optional(), kind: KindSchema, condition: ConditionSchema.nullable().optional() }),
    response: SegmentDetailSchema,
    status: 201,
    handler: ({ body }, { services, scope }) => createSegment(services.db, scope, body),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/accounts/:accountId/segments/preview',
    auth: 'account',
    summary: 'How many contacts a condition matches now, with a sample of them, without saving anything',
    tags: TAGS,
    params: AccountParamsSchema,
    body: z.strictObject({ condition: ConditionSchema }),
    response: z.object({ count: z.number(), total: z.number(), sample: z.array(z.object({ contactId: z.string(), name: z.string(), email: z.string().nullable() })) }),
    handler: ({ body }, { services, scope }) => previewCondition(services.db, scope.accountId, body.condition),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/segments/:segmentId',
    auth: 'account',
    summary: 'A segment with its condition, member count and build progress',
    tags: TAGS,
    params: SegmentParamsSchema,
    response: SegmentDetailSchema,
    handler: ({ params }, { services, scope }) => getSegment(services.db, scope.accountId, params.segmentId),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/accounts/:accountId/segments/:segmentId',
    auth: 'admin',
    summary: 'Rename a segment or change its condition (a new condition rebuilds the membership in the background)',
    tags: TAGS,
    params: SegmentParamsSchema,
    body: z.strictObject({ name: NameSchema.optional(), description: DescriptionSchema.optional(), condition: ConditionSchema.optional() }),
    response: SegmentDetailSchema,
    handler: ({ params, body }, { services, scope }) => updateSegment(services.db, scope, params.segmentId, body),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/accounts/:accountId/segments/:segmentId',
    auth: 'admin',
    summary: 'Delete a segment and its membership (409 while another segment’s condition refers to it)',
    tags: TAGS,
    params: SegmentParamsSchema,
    handler: ({ params }, { services, scope }) => deleteSegment(services.db, scope, params.segmentId),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/segments/:segmentId/members',
    auth: 'account',
    summary: 'A page of members, newest first, optionally searched by name, email or phone; follow `nextCursor` with `after`',
    tags: TAGS,
    params: SegmentParamsSchema,
    query: z.strictObject({ search: z.string().max(200).optional(), after: z.string().max(200).optional(), limit: LimitSchema }),
    response: z.object({
      members: z.array(z.object({ contactId: z.string(), name: z.string(), email: z.string().nullable(), phone: z.string().nullable(), enteredAt: IsoDateSchema })),
      nextCursor: z.string().nullable(),
    }),
    handler: ({ params, query }, { services, scope }) => listSegmentMembers(services.db, scope.accountId, params.segmentId, query),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/segments/:segmentId/members.csv',
    auth: 'account',
    summary: 'Every member as CSV (UTF-8 with BOM, RFC 4180), streamed as an attachment',
    tags: TAGS,
    params: SegmentParamsSchema,
    response: z.string().describe('text/csv'),
    handler: async ({ params }, { services, scope, reply }) => {
      const segment = await getSegment(services.db, scope.accountId, params.segmentId);
      const file = `segment-${segment.name.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 60) || segment.id}.csv`;
      reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file}"`).header('cache-control', 'no-store');
      // Fastify sends a stream as it is, without the response serializer; the declared type only feeds OpenAPI.
      return Readable.from(exportSegmentMembersCsv(services.db, scope.accountId, params.segmentId)) as unknown as string;
    },
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/accounts/:accountId/segments/:segmentId/members/:contactId',
    auth: 'account',
    summary: 'Add a contact to a manual segment (idempotent; `added` is false when they were already a member)',
    tags: TAGS,
    params: MemberParamsSchema,
    response: z.object({ added: z.boolean() }),
    handler: async ({ params }, { services, scope }) => ({ added: await services.db.transaction((tx) => addContactToSegment(tx, scope.accountId, params.segmentId, params.contactId)) }),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/accounts/:accountId/segments/:segmentId/members/:contactId',
    auth: 'account',
    summary: 'Remove a contact from a manual segment (idempotent)',
    tags: TAGS,
    params: MemberParamsSchema,
    response: z.object({ removed: z.boolean() }),
    handler: async ({ params }, { services, scope }) => ({ removed: await services.db.transaction((tx) => removeContactFromSegment(tx, scope.accountId, params.segmentId, params.contactId)) }),
  }),
];
