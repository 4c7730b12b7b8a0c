import { Readable } from 'node:stream';
import { z } from 'zod';
import { validationFailed } from '@touchpoint/core';
import { exportConversationsCsv, reportOverview } from '@touchpoint/reports';
import { defineRoute } from '../http/route.ts';
import { AccountParamsSchema } from './schemas.ts';

const DateSchema = z.iso.date({ message: 'must be a date like 2026-11-23' });
const PeriodSchema = z.strictObject({ from: DateSchema, to: DateSchema });
const MAX_DAYS = 366;

function assertPeriod(period: { from: string; to: string }) {
  const days = (Date.parse(period.to) - Date.parse(period.from)) / 86_400_000;
  if (days < 0) throw validationFailed([{ path: 'querystring.to', message: 'must not be before from' }]);
  if (days >= MAX_DAYS) throw validationFailed([{ path: 'querystring.to', message: `a report covers at most ${MAX_DAYS} days` }]);
}

const Minutes = z.object({ median: z.number().nullable(), p90: z.number().nullable() });

export const reportRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/reports/overview',
    auth: 'account',
    summary: 'Volume, first response and resolution times, by channel, agent and team, SLA attainment and CSAT for a period (account time zone)',
    tags: ['Reports'],
    params: AccountParamsSchema,
    query: PeriodSchema,
    response: z.object({
      timeZone: z.string(),
      period: PeriodSchema,
      volume: z.array(z.object({ date: z.string(), created: z.number(), resolved: z.number() })),
      firstResponseMinutes: Minutes,
      resolutionMinutes: Minutes,
      byChannel: z.array(z.object({ channel: z.string(), created: z.number() })),
      byAgent: z.array(z.object({ agentId: z.string(), name: z.string(), assigned: z.number(), resolved: z.number(), medianFirstResponseMinutes: z.number().nullable(), csatAverage: z.number().nullable() })),
      byTeam: z.array(z.object({ teamId: z.string(), name: z.string(), created: z.number(), resolved: z.number() })),
      slaAttainment: z.object({ met: z.number(), breached: z.number(), ratio: z.number() }).nullable(),
      csat: z.object({ count: z.number(), average: z.number().nullable(), satisfiedRatio: z.number() }).nullable(),
    }),
    handler: ({ query }, { services, scope }) => {
      assertPeriod(query);
      return reportOverview(services.db, scope, query);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/reports/conversations.csv',
    auth: 'account',
    summary: 'Every conversation created in the period as CSV (UTF-8 with BOM, times in the account time zone)',
    tags: ['Reports'],
    params: AccountParamsSchema,
    query: PeriodSchema,
    response: z.string().describe('text/csv'),
    async handler({ query }, { services, scope, reply }) {
      assertPeriod(query);
      reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="conversations-${query.from}-${query.to}.csv"`);
      return Readable.from(exportConversationsCsv(services.db, scope, query)) as unknown as string;
    },
  }),
];
