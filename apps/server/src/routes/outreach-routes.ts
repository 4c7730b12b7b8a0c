import { getOutreachSettings, OutreachSettingsSchema, saveOutreachSettings } from '@touchpoint/outreach';
import { defineRoute } from '../http/route.ts';
import { AccountParamsSchema } from './schemas.ts';

const TAGS = ['Outreach'];

/** Pressure control: frequency caps, quiet hours and the control group (docs/outreach.md). */
export const outreachRoutes = [
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/outreach-settings', auth: 'account', tags: TAGS,
    summary: 'Messaging limits: global and per-channel frequency caps, quiet hours in the customer’s zone, control group percent',
    params: AccountParamsSchema, response: OutreachSettingsSchema,
    handler: (_request, { services, scope }) => getOutreachSettings(services.db, scope.accountId),
  }),
  defineRoute({
    method: 'PUT', url: '/api/v1/accounts/:accountId/outreach-settings', auth: 'admin', tags: TAGS,
    summary: 'Replace the messaging limits (applies to sends from now on; held messages are checked again when released)',
    params: AccountParamsSchema, body: OutreachSettingsSchema, response: OutreachSettingsSchema,
    handler: ({ body }, { services, scope }) => saveOutreachSettings(services.db, scope.accountId, body),
  }),
];
