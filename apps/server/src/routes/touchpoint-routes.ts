import { z } from 'zod';
import { TOUCHPOINT_KINDS, validationFailed } from '@touchpoint/core';
import { requireLiveContact } from '@touchpoint/contacts';
import type { Database } from '@touchpoint/db';
import { describeJourneys } from '@touchpoint/journeys';
import { describePrompts } from '@touchpoint/prompts';
import { describeSurveyTouchpoints } from '@touchpoint/surveys';
import {
  composeTouchpointDirectories, describeTouchpoint, directoryForKind, formatServiceInvestmentCsv, formatTouchpointMapCsv, LIFECYCLE_STAGES,
  listCustomerTouchpoints, measureServiceInvestment, setTouchpointStage, summarizeTouchpoints, type TouchpointDirectory,
} from '@touchpoint/touchpoints';
import { defineRoute } from '../http/route.ts';
import { AccountParamsSchema, UuidSchema } from './schemas.ts';

const TAGS = ['Touchpoints'];
const DateSchema = z.iso.date({ message: 'must be a date like 2026-11-23' });
const RangeSchema = z.strictObject({ from: DateSchema, to: DateSchema });
const MAX_DAYS = 366;
const KindSchema = z.enum(TOUCHPOINT_KINDS);
const StageSchema = z.enum(LIFECYCLE_STAGES);

/** Names of journeys, prompts and surveys, each from its own domain; one the account no longer has shows as a short id. */
const directoryOf = (db: Database): TouchpointDirectory => composeTouchpointDirectories([
  directoryForKind('journey', (accountId, ids) => describeJourneys(db, accountId, ids)),
  directoryForKind('prompt', (accountId, ids) => describePrompts(db, accountId, ids)),
  directoryForKind('survey', (accountId, ids) => describeSurveyTouchpoints(db, accountId, ids)),
]);

function assertRange(range: { from: string; to: string }) {
  const days = (Date.parse(range.to) - Date.parse(range.from)) / 86_400_000;
  if (days < 0) throw validationFailed([{ path: 'querystring.to', message: 'must not be before from' }]);
  if (days >= MAX_DAYS) throw validationFailed([{ path: 'querystring.to', message: `a range covers at most ${MAX_DAYS} days` }]);
}

const ConversionSchema = z.object({ label: z.enum(['converted', 'clicked', 'answered', 'resolved']), numerator: z.number(), denominator: z.number(), rate: z.number().nullable() }).nullable();
const SatisfactionSchema = z.object({
  csat: z.object({ n: z.number(), satisfiedRate: z.number(), average: z.number() }).nullable(),
  nps: z.object({ n: z.number(), score: z.number(), promoters: z.number(), passives: z.number(), detractors: z.number() }).nullable(),
  ces: z.object({ n: z.number(), average: z.number() }).nullable(),
});
const TouchpointSummarySchema = z.object({
  key: z.string(), kind: KindSchema, id: z.string().nullable(), name: z.string().nullable(), stage: StageSchema, stageOverridden: z.boolean(),
  events: z.number(), customers: z.number(), satisfaction: SatisfactionSchema, conversion: ConversionSchema,
  messages: z.object({ sent: z.number(), responded: z.number(), rate: z.number().nullable() }).nullable(),
  suppressed: z.number(), suppressions: z.record(z.string(), z.number()),
});
const MapSchema = z.object({
  timeZone: z.string(), range: RangeSchema, touchpoints: z.array(TouchpointSummarySchema),
  flows: z.array(z.object({ from: z.string(), to: z.string(), count: z.number() })),
});
const GroupSchema = z.object({
  group: z.string(), customers: z.number(), repeatCustomers: z.number(), repeatRate: z.number().nullable(), valuedCustomers: z.number(),
  averageLifetimeValueMinor: z.number().nullable(), medianLifetimeValueMinor: z.number().nullable(),
});
const InvestmentQuerySchema = RangeSchema.extend({ currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like USD').optional() });

/** The touchpoint map and experience analytics (docs/touchpoint-map.md). */
export const touchpointRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/touchpoints',
    auth: 'account',
    summary: 'Every touchpoint of the account in its lifecycle stage, with volume, satisfaction, conversion and suppressions for a range (account time zone)',
    tags: TAGS,
    params: AccountParamsSchema,
    query: RangeSchema,
    response: MapSchema,
    handler: ({ query }, { services, scope }) => {
      assertRange(query);
      return summarizeTouchpoints(services.db, scope.accountId, query, directoryOf(services.db));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/touchpoints.csv',
    auth: 'account',
    summary: 'The touchpoint map for a range as CSV (UTF-8 with BOM), one line per touchpoint',
    tags: TAGS,
    params: AccountParamsSchema,
    query: RangeSchema,
    response: z.string().describe('text/csv'),
    async handler({ query }, { services, scope, reply }) {
      assertRange(query);
      const map = await summarizeTouchpoints(services.db, scope.accountId, query, directoryOf(services.db), { flowLimit: 0 });
      reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="touchpoints-${query.from}-${query.to}.csv"`);
      return formatTouchpointMapCsv(map);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/touchpoints/detail',
    auth: 'account',
    summary: 'One touchpoint for a range: its figures, daily trend and (journeys) its steps',
    tags: TAGS,
    params: AccountParamsSchema,
    query: RangeSchema.extend({ kind: KindSchema, id: z.string().max(200).optional() }),
    response: z.object({
      timeZone: z.string(), range: RangeSchema, touchpoint: TouchpointSummarySchema,
      trend: z.array(z.object({ date: z.string(), events: z.number(), customers: z.number(), converted: z.number() })),
      steps: z.array(z.object({ stepId: z.string(), events: z.number(), customers: z.number(), sent: z.number(), suppressed: z.number(), converted: z.number() })),
    }),
    handler: ({ query }, { services, scope }) => {
      assertRange(query);
      return describeTouchpoint(services.db, scope.accountId, { kind: query.kind, id: query.id ?? null }, { from: query.from, to: query.to }, directoryOf(services.db));
    },
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/accounts/:accountId/touchpoint-stages',
    auth: 'admin',
    summary: 'Place a touchpoint in a lifecycle stage (stage null gives it back the default stage of its kind)',
    tags: TAGS,
    params: AccountParamsSchema,
    body: z.strictObject({ kind: KindSchema, id: z.string().min(1).max(200).nullable().optional(), stage: StageSchema.nullable() }),
    response: z.object({ kind: KindSchema, id: z.string().nullable(), stage: StageSchema.nullable() }),
    handler: async ({ body }, { services, scope }) => {
      await setTouchpointStage(services.db, scope.accountId, { kind: body.kind, id: body.id ?? null }, body.stage);
      return { kind: body.kind, id: body.id ?? null, stage: body.stage };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/touchpoints/investment',
    auth: 'account',
    summary: 'Service as an investment: lifetime value and repeat purchase of customers with and without service contacts, and by satisfaction',
    tags: TAGS,
    params: AccountParamsSchema,
    query: InvestmentQuerySchema,
    response: z.object({
      timeZone: z.string(), range: RangeSchema, currency: z.string().nullable(), currencies: z.array(z.string()), otherCurrencyOrders: z.number(),
      byService: z.array(GroupSchema), byCsat: z.array(GroupSchema), byNps: z.array(GroupSchema),
    }),
    handler: ({ query }, { services, scope }) => {
      assertRange(query);
      return measureServiceInvestment(services.db, scope.accountId, { from: query.from, to: query.to }, query.currency);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/touchpoints/investment.csv',
    auth: 'account',
    summary: 'The service-as-an-investment groups as CSV (UTF-8 with BOM; amounts in the currency’s minor unit)',
    tags: TAGS,
    params: AccountParamsSchema,
    query: InvestmentQuerySchema,
    response: z.string().describe('text/csv'),
    async handler({ query }, { services, scope, reply }) {
      assertRange(query);
      const investment = await measureServiceInvestment(services.db, scope.accountId, { from: query.from, to: query.to }, query.currency);
      reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="service-investment-${query.from}-${query.to}.csv"`);
      return formatServiceInvestmentCsv(investment);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/contacts/:contactId/touchpoints',
    auth: 'account',
    summary: 'A customer’s journey: their touchpoints in time order with lifecycle stages, suppressions and survey answers (latest 500)',
    tags: TAGS,
    params: AccountParamsSchema.extend({ contactId: UuidSchema }),
    response: z.object({
      events: z.array(z.object({
        id: z.string(), name: z.string(), occurredAt: z.string(), key: z.string(),
        touchpoint: z.object({ kind: KindSchema, id: z.string().nullable(), stepId: z.string().nullable() }),
        stage: StageSchema, suppressedReason: z.string().nullable(),
        answer: z.object({ kind: z.string(), score: z.number(), about: z.object({ kind: KindSchema, id: z.string().nullable().optional(), stepId: z.string().nullable().optional() }).nullable() }).nullable(),
      })),
      touchpoints: z.array(z.object({ key: z.string(), kind: KindSchema, id: z.string().nullable(), name: z.string().nullable(), stage: StageSchema })),
      truncated: z.boolean(),
    }),
    handler: async ({ params }, { services, scope }) => {
      await requireLiveContact(services.db, scope.accountId, params.contactId);
      return listCustomerTouchpoints(services.db, scope.accountId, params.contactId, directoryOf(services.db));
    },
  }),
];
