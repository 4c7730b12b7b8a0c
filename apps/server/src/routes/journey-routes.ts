import { z } from 'zod';
import { validationFailed } from '@touchpoint/core';
import { requireLiveContact } from '@touchpoint/contacts';
import {
  createJourney, deleteJourney, describeJourneyAnalytics, getJourney, getJourneyRun, JourneyDefinitionSchema, listContactJourneyRuns, listJourneyRuns, listJourneys, pauseJourney, publishJourney, runJourneyTest, TRACE_OUTCOMES, updateJourney,
} from '@touchpoint/journeys';
import { defineRoute } from '../http/route.ts';
import { journeyPortsOf } from '../journeys/journey-ports.ts';
import { AccountParamsSchema, accountParamsWith, IsoDateSchema, UuidSchema } from './schemas.ts';

const TAGS = ['Journeys'];
const JourneyParamsSchema = accountParamsWith('journeyId');

const JourneySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  status: z.enum(['draft', 'live', 'paused', 'archived']),
  definition: JourneyDefinitionSchema.describe('the draft (JourneyDefinition, docs/journeys.md#definition)'),
  liveVersion: z.number().int().nullable(),
  publishedAt: z.string().nullable(),
  hasUnpublishedChanges: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const RunSchema = z.object({
  id: z.string(),
  journeyId: z.string(),
  contactId: z.string(),
  version: z.number().int(),
  status: z.enum(['active', 'exited']),
  phase: z.enum(['entering', 'ready', 'waiting']),
  currentStepId: z.string().nullable(),
  dueAt: z.string().nullable(),
  awaitingEvent: z.string().nullable(),
  splitPath: z.string().nullable(),
  test: z.boolean(),
  enteredAt: z.string(),
  convertedAt: z.string().nullable(),
  exitedAt: z.string().nullable(),
  exitReason: z.string().nullable(),
});

const NameSchema = z.string().trim().min(1, 'must not be empty').max(120);
const DescriptionSchema = z.string().max(2000);

/** Journeys: CRUD on the draft, publish (422 with one error per step), pause, test mode, analytics and runs (docs/journeys.md). */
export const journeyRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/journeys',
    auth: 'account',
    summary: 'The account’s journeys (archived ones last)',
    tags: TAGS,
    params: AccountParamsSchema,
    response: z.object({ journeys: z.array(JourneySchema) }),
    handler: async ({ params }, { services }) => ({ journeys: await listJourneys(services.db, params.accountId) }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/accounts/:accountId/journeys',
    auth: 'admin',
    summary: 'Create a journey as a draft (publish makes it live)',
    tags: TAGS,
    params: AccountParamsSchema,
    body: z.strictObject({ name: NameSchema, description: DescriptionSchema.optional(), definition: JourneyDefinitionSchema }),
    response: JourneySchema,
    status: 201,
    handler: async ({ params, body }, { services }) => createJourney(services.db, params.accountId, body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/journeys/:journeyId',
    auth: 'account',
    summary: 'One journey with its draft definition',
    tags: TAGS,
    params: JourneyParamsSchema,
    response: JourneySchema,
    handler: async ({ params }, { services }) => getJourney(services.db, params.accountId, params.journeyId),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/accounts/:accountId/journeys/:journeyId',
    auth: 'admin',
    summary: 'Edit the draft (customers keep walking the live version until the next publish)',
    tags: TAGS,
    params: JourneyParamsSchema,
    body: z.strictObject({ name: NameSchema.optional(), description: DescriptionSchema.optional(), definition: JourneyDefinitionSchema.optional() }),
    response: JourneySchema,
    handler: async ({ params, body }, { services }) => updateJourney(services.db, params.accountId, params.journeyId, body),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/accounts/:accountId/journeys/:journeyId',
    auth: 'admin',
    summary: 'Delete a never-published journey; archive a published one (customers inside exit, figures stay)',
    tags: TAGS,
    params: JourneyParamsSchema,
    handler: async ({ params }, { services }) => {
      await deleteJourney(services.db, params.accountId, params.journeyId);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/accounts/:accountId/journeys/:journeyId/publish',
    auth: 'admin',
    summary: 'Publish the draft as a new version and go live (422 with errors[].stepId when a step is invalid); customers inside move by the edit rule',
    tags: TAGS,
    params: JourneyParamsSchema,
    response: JourneySchema,
    handler: async ({ params }, { services }) => publishJourney(services.db, params.accountId, params.journeyId),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/accounts/:accountId/journeys/:journeyId/pause',
    auth: 'admin',
    summary: 'Pause a live journey: nobody enters, customers inside stay where they are until it is published again',
    tags: TAGS,
    params: JourneyParamsSchema,
    response: JourneySchema,
    handler: async ({ params }, { services }) => pauseJourney(services.db, params.accountId, params.journeyId),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/accounts/:accountId/journeys/:journeyId/test',
    auth: 'admin',
    summary: 'Walk one customer through the draft now (waits fast-forwarded, messages really sent and marked test); returns the trace',
    tags: TAGS,
    params: JourneyParamsSchema,
    body: z.strictObject({ contactId: UuidSchema }),
    response: z.object({ runId: z.string(), trace: z.array(z.object({ stepId: z.string(), kind: z.string(), at: z.string(), outcome: z.enum(TRACE_OUTCOMES), detail: z.record(z.string(), z.unknown()) })) }),
    handler: async ({ params, body }, { services }) => runJourneyTest(services.db, journeyPortsOf(services), params.accountId, params.journeyId, body.contactId),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/journeys/:journeyId/analytics',
    auth: 'account',
    summary: 'Totals and per-step figures (entered, sent, suppressed by reason, converted) for customers who entered in [from, to); test runs left out',
    tags: TAGS,
    params: JourneyParamsSchema,
    query: z.strictObject({ from: IsoDateSchema.optional(), to: IsoDateSchema.optional() }),
    response: z.object({
      totals: z.object({ entered: z.number(), active: z.number(), converted: z.number(), exited: z.number() }),
      steps: z.array(z.object({ stepId: z.string(), entered: z.number(), sent: z.number(), suppressed: z.record(z.string(), z.number()), converted: z.number() })),
    }),
    handler: async ({ params, query }, { services }) => {
      const to = query.to ? new Date(query.to) : new Date();
      const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * 86_400_000);
      if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) {
        throw validationFailed([{ path: Number.isNaN(from.getTime()) ? 'from' : 'to', message: 'must be an ISO 8601 date' }]);
      }
      return describeJourneyAnalytics(services.db, params.accountId, params.journeyId, { from, to });
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/journeys/:journeyId/runs',
    auth: 'account',
    summary: 'Customers’ runs through this journey, newest first',
    tags: TAGS,
    params: JourneyParamsSchema,
    query: z.strictObject({ status: z.enum(['active', 'exited']).optional(), limit: z.coerce.number().int().min(1).max(200).optional() }),
    response: z.object({ runs: z.array(RunSchema) }),
    handler: async ({ params, query }, { services }) => ({ runs: await listJourneyRuns(services.db, params.accountId, params.journeyId, query) }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/journeys/:journeyId/runs/:runId',
    auth: 'account',
    summary: 'One customer’s run with the outcome of every step it reached (pending while a step is in flight)',
    tags: TAGS,
    params: z.strictObject({ accountId: UuidSchema, journeyId: UuidSchema, runId: UuidSchema }),
    response: z.object({ run: RunSchema, steps: z.array(z.object({ stepId: z.string(), visit: z.number().int(), kind: z.string(), outcome: z.string(), reason: z.string().nullable(), detail: z.record(z.string(), z.unknown()), at: z.string() })) }),
    handler: async ({ params }, { services }) => getJourneyRun(services.db, params.accountId, params.journeyId, params.runId),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/contacts/:contactId/journey-runs',
    auth: 'account',
    summary: 'A customer’s runs through every journey, newest first',
    tags: TAGS,
    params: accountParamsWith('contactId'),
    response: z.object({ runs: z.array(RunSchema.extend({ journeyName: z.string() })) }),
    handler: async ({ params }, { services }) => {
      await requireLiveContact(services.db, params.accountId, params.contactId);
      return { runs: await listContactJourneyRuns(services.db, params.accountId, params.contactId) };
    },
  }),
];
