import { z } from 'zod';
import { countSavedViewConversations, createSavedView, deleteSavedView, listSavedViews, updateSavedView } from '@touchpoint/conversations';
import { defineRoute } from '../http/route.ts';
import { AccountParamsSchema, accountParamsWith, ConversationFiltersSchema, IsoDateSchema } from './schemas.ts';

const TAGS = ['Saved views'];
const SavedViewNameSchema = z.string().trim().min(1, 'must not be empty').max(80);
const VisibilitySchema = z.enum(['personal', 'shared']).describe('personal: only me; shared: everyone in the account (admins manage these)');
const SavedViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  visibility: VisibilitySchema,
  filters: ConversationFiltersSchema.describe('the conversation list’s query, stored without empty or default values'),
  createdAt: IsoDateSchema,
  count: z.number().optional().describe('with counts=true: conversations the view lists now (open ones unless it filters on status)'),
});

export const savedViewRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/saved-views',
    auth: 'account',
    summary: 'My saved inbox views, then the shared ones; counts=true adds how many conversations each lists',
    tags: TAGS,
    params: AccountParamsSchema,
    query: z.strictObject({ counts: z.enum(['true', 'false']).optional() }),
    response: z.array(SavedViewSchema),
    async handler({ query }, { services, scope }) {
      const views = await listSavedViews(services.db, scope);
      if (query.counts !== 'true') return views;
      const counts = await countSavedViewConversations(services.db, scope, views);
      return views.map((view) => ({ ...view, count: counts.get(view.id) ?? 0 }));
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/accounts/:accountId/saved-views',
    auth: 'account',
    summary: 'Save filters as a view: personal (anyone) or shared with the account (admins)',
    tags: TAGS,
    params: AccountParamsSchema,
    body: z.strictObject({ name: SavedViewNameSchema, visibility: VisibilitySchema.default('personal'), filters: ConversationFiltersSchema }),
    response: SavedViewSchema,
    status: 201,
    handler: ({ body }, { services, scope }) => createSavedView(services.db, scope, body),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/accounts/:accountId/saved-views/:savedViewId',
    auth: 'account',
    summary: 'Rename a saved view or replace its filters (shared views: admins)',
    tags: TAGS,
    params: accountParamsWith('savedViewId'),
    body: z.strictObject({ name: SavedViewNameSchema.optional(), filters: ConversationFiltersSchema.optional() }),
    response: SavedViewSchema,
    handler: ({ params, body }, { services, scope }) => updateSavedView(services.db, scope, params.savedViewId, body),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/accounts/:accountId/saved-views/:savedViewId',
    auth: 'account',
    summary: 'Delete a saved view (shared views: admins)',
    tags: TAGS,
    params: accountParamsWith('savedViewId'),
    handler: ({ params }, { services, scope }) => deleteSavedView(services.db, scope, params.savedViewId),
  }),
];
