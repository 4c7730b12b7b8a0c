import { z } from 'zod';
import {
  createCannedReply, createCustomStatus, createLabel, deleteCannedReply, deleteCustomStatus, deleteLabel, listCannedReplies, listCustomStatuses, listLabels,
  setConversationLabels, updateCannedReply, updateCustomStatus, updateLabel,
} from '@touchpoint/conversations';
import { defineRoute } from '../http/route.ts';
import { AccountParamsSchema, accountParamsWith, IsoDateSchema, LabelSchema, UuidSchema } from './schemas.ts';

const ColorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #3b82f6');
const LabelNameSchema = z.string().trim().min(1).max(60);
const CannedReplySchema = z.object({ id: z.string(), shortcut: z.string(), title: z.string(), body: z.string(), createdAt: IsoDateSchema });
const ShortcutSchema = z.string().trim().regex(/^[\p{L}\p{N}_-]{1,40}$/u, 'letters, digits, _ and - only (used after / in the composer)');
const CustomStatusSchema = z.object({ id: z.string(), name: z.string(), category: z.enum(['open', 'pending', 'resolved']), position: z.number() });

export const labelRoutes = [
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/labels', auth: 'account', summary: 'Labels', tags: ['Labels'],
    params: AccountParamsSchema, response: z.array(LabelSchema),
    handler: (_input, { services, scope }) => listLabels(services.db, scope),
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/accounts/:accountId/labels', auth: 'admin', summary: 'Create a label', tags: ['Labels'],
    params: AccountParamsSchema, body: z.strictObject({ name: LabelNameSchema, color: ColorSchema.optional() }), response: LabelSchema, status: 201,
    handler: ({ body }, { services, scope }) => createLabel(services.db, scope, body),
  }),
  defineRoute({
    method: 'PATCH', url: '/api/v1/accounts/:accountId/labels/:labelId', auth: 'admin', summary: 'Rename or recolour a label', tags: ['Labels'],
    params: accountParamsWith('labelId'), body: z.strictObject({ name: LabelNameSchema.optional(), color: ColorSchema.optional() }), response: LabelSchema,
    handler: ({ params, body }, { services, scope }) => updateLabel(services.db, scope, params.labelId, body),
  }),
  defineRoute({
    method: 'DELETE', url: '/api/v1/accounts/:accountId/labels/:labelId', auth: 'admin', summary: 'Delete a label (it leaves every conversation)', tags: ['Labels'],
    params: accountParamsWith('labelId'),
    handler: ({ params }, { services, scope }) => deleteLabel(services.db, scope, params.labelId),
  }),
  defineRoute({
    method: 'PUT', url: '/api/v1/accounts/:accountId/conversations/:conversationId/labels', auth: 'account', summary: 'Set a conversation’s labels', tags: ['Labels'],
    params: accountParamsWith('conversationId'), body: z.strictObject({ labelIds: z.array(UuidSchema).max(50) }), response: z.array(LabelSchema),
    handler: ({ params, body }, { services, scope }) => setConversationLabels(services.db, scope, params.conversationId, body.labelIds),
  }),
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/canned-replies', auth: 'account', summary: 'Canned replies; `q` searches shortcut, title and text', tags: ['Canned replies'],
    params: AccountParamsSchema, query: z.strictObject({ q: z.string().max(100).optional() }), response: z.array(CannedReplySchema),
    handler: ({ query }, { services, scope }) => listCannedReplies(services.db, scope, query.q),
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/accounts/:accountId/canned-replies', auth: 'account', summary: 'Create a canned reply (variables like {{ contact.first_name | default: "there" }})', tags: ['Canned replies'],
    params: AccountParamsSchema, body: z.strictObject({ shortcut: ShortcutSchema, title: z.string().trim().min(1).max(120), body: z.string().min(1).max(10_000) }), response: CannedReplySchema, status: 201,
    handler: ({ body }, { services, scope }) => createCannedReply(services.db, scope, body),
  }),
  defineRoute({
    method: 'PATCH', url: '/api/v1/accounts/:accountId/canned-replies/:cannedReplyId', auth: 'account', summary: 'Edit a canned reply', tags: ['Canned replies'],
    params: accountParamsWith('cannedReplyId'), body: z.strictObject({ shortcut: ShortcutSchema.optional(), title: z.string().trim().min(1).max(120).optional(), body: z.string().min(1).max(10_000).optional() }), response: CannedReplySchema,
    handler: ({ params, body }, { services, scope }) => updateCannedReply(services.db, scope, params.cannedReplyId, body),
  }),
  defineRoute({
    method: 'DELETE', url: '/api/v1/accounts/:accountId/canned-replies/:cannedReplyId', auth: 'account', summary: 'Delete a canned reply', tags: ['Canned replies'],
    params: accountParamsWith('cannedReplyId'),
    handler: ({ params }, { services, scope }) => deleteCannedReply(services.db, scope, params.cannedReplyId),
  }),
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/custom-statuses', auth: 'account', summary: 'The account’s own statuses, by category', tags: ['Statuses'],
    params: AccountParamsSchema, response: z.array(CustomStatusSchema),
    handler: (_input, { services, scope }) => listCustomStatuses(services.db, scope),
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/accounts/:accountId/custom-statuses', auth: 'admin', summary: 'Add a status under open, pending or resolved', tags: ['Statuses'],
    params: AccountParamsSchema, body: z.strictObject({ name: z.string().trim().min(1).max(60), category: z.enum(['open', 'pending', 'resolved']), position: z.number().int().min(0).max(1000).optional() }), response: CustomStatusSchema, status: 201,
    handler: ({ body }, { services, scope }) => createCustomStatus(services.db, scope, body),
  }),
  defineRoute({
    method: 'PATCH', url: '/api/v1/accounts/:accountId/custom-statuses/:statusId', auth: 'admin', summary: 'Rename or reorder a status', tags: ['Statuses'],
    params: accountParamsWith('statusId'), body: z.strictObject({ name: z.string().trim().min(1).max(60).optional(), position: z.number().int().min(0).max(1000).optional() }), response: CustomStatusSchema,
    handler: ({ params, body }, { services, scope }) => updateCustomStatus(services.db, scope, params.statusId, body),
  }),
  defineRoute({
    method: 'DELETE', url: '/api/v1/accounts/:accountId/custom-statuses/:statusId', auth: 'admin', summary: 'Delete a status (its conversations keep their category)', tags: ['Statuses'],
    params: accountParamsWith('statusId'),
    handler: ({ params }, { services, scope }) => deleteCustomStatus(services.db, scope, params.statusId),
  }),
];
