import { z } from 'zod';
import { requireLiveContact } from '@touchpoint/contacts';
import { findAccountByHandle, handleOfAccount } from '@touchpoint/customers';
import {
  commitPlay, createCampaign, deleteCampaign, exportCampaignEvidence, formatEvidenceCsv, getCampaign, getCampaignStats, getReceipt, grantUnlock,
  listCampaigns, listCustomerGames, playGame, setCampaignStatus, updateCampaign,
} from '@touchpoint/games';
import { defineRoute } from '../http/route.ts';
import {
  CampaignInputSchema, CampaignSchema, CommitSchema, CustomerGameSchema, PlayBodySchema, PlayResultSchema, ReceiptSchema, StatsSchema, toDate, UnlockSchema,
} from './game-schemas.ts';
import { AccountParamsSchema, accountParamsWith, UuidSchema } from './schemas.ts';

const TAGS = ['Games and draws'];
const PORTAL_TAGS = ['Customer portal'];
const CampaignParamsSchema = accountParamsWith('campaignId');
const HandleSchema = z.string().min(1).max(63);
const inputOf = (body: z.infer<typeof CampaignInputSchema>) => ({ ...body, startsAt: toDate(body.startsAt), endsAt: toDate(body.endsAt) });

/** Games and fair draws (docs/games.md): console set-up, customer plays in the portal, public receipts. */
export const gameRoutes = [
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/game-campaigns', auth: 'account', tags: TAGS,
    summary: 'The account’s games and draws, newest first, with their prize tables (odds, stock left)',
    params: AccountParamsSchema,
    response: z.object({ campaigns: z.array(CampaignSchema) }),
    handler: async ({ params }, { services }) => ({ campaigns: await listCampaigns(services.db, params.accountId) }),
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/accounts/:accountId/game-campaigns', auth: 'admin', tags: TAGS, status: 201,
    summary: 'Create a game or draw as a draft: eligibility, limits, dates, rules and its prize table',
    params: AccountParamsSchema, body: CampaignInputSchema, response: CampaignSchema,
    handler: ({ params, body }, { services }) => createCampaign(services.db, params.accountId, inputOf(body)),
  }),
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/game-campaigns/:campaignId', auth: 'account', tags: TAGS,
    summary: 'One game or draw', params: CampaignParamsSchema, response: CampaignSchema,
    handler: ({ params }, { services }) => getCampaign(services.db, params.accountId, params.campaignId),
  }),
  defineRoute({
    method: 'PUT', url: '/api/v1/accounts/:accountId/game-campaigns/:campaignId', auth: 'admin', tags: TAGS,
    summary: 'Replace a campaign’s settings and prizes (a live campaign keeps its lines and odds: only stock, name, end, limits, rules and budget change)',
    params: CampaignParamsSchema, body: CampaignInputSchema, response: CampaignSchema,
    handler: ({ params, body }, { services }) => updateCampaign(services.db, params.accountId, params.campaignId, inputOf(body)),
  }),
  defineRoute({
    method: 'DELETE', url: '/api/v1/accounts/:accountId/game-campaigns/:campaignId', auth: 'admin', tags: TAGS,
    summary: 'Delete a draft (a published campaign keeps its plays as evidence: end it instead)', params: CampaignParamsSchema,
    handler: ({ params }, { services }) => deleteCampaign(services.db, params.accountId, params.campaignId),
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/accounts/:accountId/game-campaigns/:campaignId/publish', auth: 'admin', tags: TAGS,
    summary: 'Publish a draft: it becomes playable between its dates, and its rules page public', params: CampaignParamsSchema, response: CampaignSchema,
    handler: ({ params }, { services }) => setCampaignStatus(services.db, params.accountId, params.campaignId, 'live'),
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/accounts/:accountId/game-campaigns/:campaignId/end', auth: 'admin', tags: TAGS,
    summary: 'End a live campaign: no new plays; receipts and evidence stay', params: CampaignParamsSchema, response: CampaignSchema,
    handler: ({ params }, { services }) => setCampaignStatus(services.db, params.accountId, params.campaignId, 'ended'),
  }),
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/game-campaigns/:campaignId/stats', auth: 'account', tags: TAGS,
    summary: 'Plays, winners, players, unlocks, stock left per prize, budget spent, plays per day, and the public rules and verify paths', params: CampaignParamsSchema, response: StatsSchema,
    handler: async ({ params }, { services }) => {
      const stats = await getCampaignStats(services.db, params.accountId, params.campaignId);
      const handle = await handleOfAccount(services.db, params.accountId);
      return { ...stats, rulesPath: `/play/${handle}/${stats.slug}/rules`, verifyPath: `/play/${handle}/verify` };
    },
  }),
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/game-campaigns/:campaignId/evidence', auth: 'admin', tags: TAGS,
    summary: 'The campaign’s evidence as JSON (configuration, algorithm, every play) or CSV (one row per play), as an attachment',
    params: CampaignParamsSchema, query: z.strictObject({ format: z.enum(['json', 'csv']).default('json') }),
    response: z.unknown().describe('application/json or text/csv'),
    handler: async ({ params, query }, { services, reply }) => {
      const evidence = await exportCampaignEvidence(services.db, params.accountId, params.campaignId);
      const name = `game-evidence-${evidence.campaign.slug}`;
      reply.header('cache-control', 'no-store').header('content-disposition', `attachment; filename="${name}.${query.format}"`);
      if (query.format === 'csv') reply.type('text/csv; charset=utf-8');
      return query.format === 'csv' ? formatEvidenceCsv(evidence) : evidence;
    },
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/accounts/:accountId/game-campaigns/:campaignId/unlocks', auth: 'admin', tags: TAGS, status: 201,
    summary: 'Give a customer one play outside the order rule: a no-purchase-necessary entry (`alternative`) or a goodwill play (`manual`)',
    params: CampaignParamsSchema, body: z.strictObject({ contactId: UuidSchema, source: z.enum(['alternative', 'manual']) }), response: UnlockSchema,
    handler: async ({ params, body }, { services }) => {
      await getCampaign(services.db, params.accountId, params.campaignId);
      await requireLiveContact(services.db, params.accountId, body.contactId);
      return grantUnlock(services.db, params.accountId, params.campaignId, body.contactId, body.source);
    },
  }),
  // The customer's side, in the portal (session + CSRF).
  defineRoute({
    method: 'GET', url: '/api/portal/:handle/games', auth: 'customer', tags: PORTAL_TAGS,
    summary: 'My open games: plays waiting for me, progress to the next unlock, and my last plays with receipts',
    params: z.strictObject({ handle: HandleSchema }), response: z.object({ games: z.array(CustomerGameSchema) }),
    handler: async (_input, { services, customer }) => ({ games: await listCustomerGames(services.db, customer.accountId, customer.contactId) }),
  }),
  defineRoute({
    method: 'POST', url: '/api/portal/:handle/games/:campaignId/enter', auth: 'customer', tags: PORTAL_TAGS, status: 201,
    summary: 'Enter an open draw (one unplayed entry at a time; limits apply when playing)',
    params: z.strictObject({ handle: HandleSchema, campaignId: UuidSchema }), response: UnlockSchema,
    handler: ({ params }, { services, customer }) => grantUnlock(services.db, customer.accountId, params.campaignId, customer.contactId, 'draw'),
  }),
  defineRoute({
    method: 'POST', url: '/api/portal/:handle/game-unlocks/:unlockId/commit', auth: 'customer', tags: PORTAL_TAGS,
    summary: 'Commit a play: the SHA-256 of the server seed and the nonce, before anything is drawn (the same answer every time for one unlock)',
    params: z.strictObject({ handle: HandleSchema, unlockId: UuidSchema }), response: CommitSchema,
    handler: ({ params }, { services, customer }) => commitPlay(services.db, customer.accountId, customer.contactId, params.unlockId),
  }),
  defineRoute({
    method: 'POST', url: '/api/portal/:handle/game-plays/:playId/play', auth: 'customer', tags: PORTAL_TAGS,
    summary: 'Play once with my client seed: the outcome, the prize (coupon code or points) and the receipt with the revealed seed; the same idempotency key answers the same result',
    params: z.strictObject({ handle: HandleSchema, playId: UuidSchema }), body: PlayBodySchema, response: PlayResultSchema,
    handler: ({ params, body }, { services, customer }) => playGame(services.db, customer.accountId, customer.contactId, params.playId, body),
  }),
  // Public: anyone holding a play id can check its receipt.
  defineRoute({
    method: 'GET', url: '/api/play/:handle/receipts/:playId', auth: 'public', tags: ['Games (public)'],
    summary: 'A played play’s receipt as the server recorded it (seeds, nonce, roll, prize table, outcome), for the verify page',
    params: z.strictObject({ handle: HandleSchema, playId: UuidSchema }), response: ReceiptSchema,
    handler: async ({ params }, { services }) => {
      const account = await findAccountByHandle(services.db, params.handle);
      return getReceipt(services.db, account.id, params.playId);
    },
  }),
];
