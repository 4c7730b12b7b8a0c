import { Readable } from 'node:stream';
import { z } from 'zod';
import {
  addContactNote, createCompany, createContact, deleteContact, deleteContactNote, exportContactsCsv, getContact, getContactImport, getContactTimeline,
  listCompanies, listContactNotes, listContacts, mergeContacts, runContactImport, startContactImport, updateCompany, updateContact,
} from '@touchpoint/contacts';
import { defineRoute } from '../http/route.ts';
import {
  AccountParamsSchema, accountParamsWith, CompanyCreateSchema, CompanySchema, CompanyUpdateSchema, ContactCreateSchema, ContactImportCreateSchema, ContactImportSchema,
  ContactNoteParamsSchema, ContactNoteSchema, ContactProfileSchema, ContactUpdateSchema, ConversationSummarySchema, LimitSchema, OrderSchema, TimelineItemSchema, TimelineQuerySchema, UuidSchema,
} from './schemas.ts';

const ContactParamsSchema = accountParamsWith('contactId');

/** The timeline route's contract, shown in the OpenAPI document (docs/contacts.md has the reasoning). */
const TIMELINE_DESCRIPTION = [
  'Pages of `limit` items (default 50, at most 200); pass `nextCursor` as `before` for the next, older page (`nextCursor` is null on the last).',
  'The cursor is exact: items at the same moment keep one order. A conversation is placed by its last message, so one that gets a new message moves to the top.',
  '`kinds` keeps only some kinds (comma-separated). `message`, `prompt`, `survey` and `event` are customer events by name (`message.*`, `prompt.*`, `survey.*`, the rest);',
  'customer events that mirror an item already listed (a conversation’s messages, order.placed / order.updated, return.* steps, csat.rated) are left out.',
].join(' ');

export const contactRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/contacts',
    auth: 'account',
    summary: 'Live contacts (merged ones left out), newest first; `q` matches name, emails or phones',
    tags: ['Contacts'],
    params: AccountParamsSchema,
    query: z.strictObject({ q: z.string().max(200).optional(), limit: LimitSchema }),
    response: z.object({ items: z.array(ContactProfileSchema) }),
    handler: async ({ query }, { services, scope }) => ({ items: await listContacts(services.db, scope, query) }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/accounts/:accountId/contacts',
    auth: 'account',
    summary: 'Create a contact (an email already used by another live contact is a 409 naming it)',
    tags: ['Contacts'],
    params: AccountParamsSchema,
    body: ContactCreateSchema,
    response: ContactProfileSchema,
    status: 201,
    handler: ({ body }, { services, scope }) => createContact(services.db, scope, body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/contacts/export.csv',
    auth: 'admin',
    summary: 'Every live contact as CSV (UTF-8 with BOM, RFC 4180), streamed as an attachment',
    tags: ['Contacts'],
    params: AccountParamsSchema,
    response: z.string().describe('text/csv'),
    handler: async (_input, { services, scope, reply }) => {
      const day = new Date().toISOString().slice(0, 10);
      reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="contacts-${day}.csv"`).header('cache-control', 'no-store');
      // Fastify sends a stream as it is, without the response serializer; the declared type only feeds OpenAPI.
      return Readable.from(exportContactsCsv(services.db, scope)) as unknown as string;
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/accounts/:accountId/contacts/imports',
    auth: 'admin',
    summary: 'Start a CSV import (202); rows are processed in the background, follow it with GET …/imports/:importId',
    tags: ['Contacts'],
    params: AccountParamsSchema,
    body: ContactImportCreateSchema,
    response: ContactImportSchema,
    status: 202,
    bodyLimit: 20 * 1024 * 1024,
    handler: async ({ body }, { services, scope, request }) => {
      const { contactImport, plan } = await startContactImport(services.db, scope, body);
      // Not awaited: the request answers at once. A failure is recorded on the import (status `failed`) and logged.
      runContactImport(services.db, scope, plan).catch((error: unknown) => request.log.error({ err: error, importId: plan.importId }, 'contact import failed'));
      return contactImport;
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/contacts/imports/:importId',
    auth: 'admin',
    summary: 'Progress of a CSV import: counts and the errors by line',
    tags: ['Contacts'],
    params: accountParamsWith('importId'),
    response: ContactImportSchema,
    handler: ({ params }, { services, scope }) => getContactImport(services.db, scope, params.importId),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/contacts/:contactId',
    auth: 'account',
    summary: 'A contact with their company, orders and conversations (a merged contact: 404 naming the survivor)',
    tags: ['Contacts'],
    params: ContactParamsSchema,
    response: ContactProfileSchema.extend({ orders: z.array(OrderSchema), conversations: z.array(ConversationSummarySchema) }),
    handler: ({ params }, { services, scope }) => getContact(services.db, scope, params.contactId),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/accounts/:accountId/contacts/:contactId',
    auth: 'account',
    summary: 'Update a contact’s profile; `attributes` are merged (null removes one), lists replace',
    tags: ['Contacts'],
    params: ContactParamsSchema,
    body: ContactUpdateSchema,
    response: ContactProfileSchema,
    handler: ({ params, body }, { services, scope }) => updateContact(services.db, scope, params.contactId, body),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/accounts/:accountId/contacts/:contactId',
    auth: 'admin',
    summary: 'Erase a contact for a privacy request: with its conversations, notes and merged duplicates (audited)',
    tags: ['Contacts'],
    params: ContactParamsSchema,
    handler: ({ params }, { services, scope }) => deleteContact(services.db, scope, params.contactId),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/accounts/:accountId/contacts/:contactId/merge',
    auth: 'account',
    summary: 'Merge a duplicate into this contact: its conversations, orders and notes move here',
    tags: ['Contacts'],
    params: ContactParamsSchema,
    body: z.strictObject({ duplicateId: UuidSchema }),
    response: ContactProfileSchema.extend({ mergeId: z.string().describe('undo it with POST …/merges/:mergeId/undo'), moved: z.object({ conversations: z.number(), orders: z.number(), returns: z.number(), notes: z.number() }) }),
    handler: ({ params, body }, { services, scope }) => mergeContacts(services.db, scope, params.contactId, body.duplicateId),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/contacts/:contactId/timeline',
    auth: 'account',
    summary: 'Everything that happened with a contact in one list, newest first, paged: conversations (only those of inboxes the caller works in), orders, return steps, notes and customer events',
    tags: ['Contacts'],
    params: ContactParamsSchema,
    query: TimelineQuerySchema,
    response: z.object({ items: z.array(TimelineItemSchema), nextCursor: z.string().nullable().describe('pass as before for the next, older page; null on the last') }).describe(TIMELINE_DESCRIPTION),
    handler: ({ params, query }, { services, scope }) => getContactTimeline(services.db, scope, params.contactId, { limit: query.limit, before: query.before, kinds: query.kinds }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/contacts/:contactId/notes',
    auth: 'account',
    summary: 'Notes on a contact, newest first',
    tags: ['Contacts'],
    params: ContactParamsSchema,
    response: z.object({ items: z.array(ContactNoteSchema) }),
    handler: async ({ params }, { services, scope }) => ({ items: await listContactNotes(services.db, scope, params.contactId) }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/accounts/:accountId/contacts/:contactId/notes',
    auth: 'account',
    summary: 'Add a note to a contact',
    tags: ['Contacts'],
    params: ContactParamsSchema,
    body: z.strictObject({ body: z.string().trim().min(1, 'must not be empty').max(10_000) }),
    response: ContactNoteSchema,
    status: 201,
    handler: ({ params, body }, { services, scope }) => addContactNote(services.db, scope, params.contactId, body),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/accounts/:accountId/contacts/:contactId/notes/:noteId',
    auth: 'account',
    summary: 'Delete a note: one’s own, or any as an admin',
    tags: ['Contacts'],
    params: ContactNoteParamsSchema,
    handler: ({ params }, { services, scope }) => deleteContactNote(services.db, scope, params.contactId, params.noteId),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/companies',
    auth: 'account',
    summary: 'Companies by name, with how many live contacts each has',
    tags: ['Contacts'],
    params: AccountParamsSchema,
    response: z.object({ items: z.array(CompanySchema) }),
    handler: async (_input, { services, scope }) => ({ items: await listCompanies(services.db, scope) }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/accounts/:accountId/companies',
    auth: 'account',
    summary: 'Create a company',
    tags: ['Contacts'],
    params: AccountParamsSchema,
    body: CompanyCreateSchema,
    response: CompanySchema,
    status: 201,
    handler: ({ body }, { services, scope }) => createCompany(services.db, scope, body),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/accounts/:accountId/companies/:companyId',
    auth: 'account',
    summary: 'Rename a company or change its domain',
    tags: ['Contacts'],
    params: accountParamsWith('companyId'),
    body: CompanyUpdateSchema,
    response: CompanySchema,
    handler: ({ params, body }, { services, scope }) => updateCompany(services.db, scope, params.companyId, body),
  }),
];
