import { z } from 'zod';
import { listContactCoupons, listPointsEntries } from '@touchpoint/rewards';
import { defineRoute } from '../http/route.ts';

const HandleParamsSchema = z.strictObject({ handle: z.string().min(1).max(63) });

/** The signed-in customer's own rewards in the portal ("My rewards"): read only, always their contact. */
export const portalRewardRoutes = [
  defineRoute({
    method: 'GET', url: '/api/portal/:handle/rewards', auth: 'customer', tags: ['Customer portal'],
    summary: 'My points balance and history (newest first, the last 50) and my coupons with their offer and expiry',
    params: HandleParamsSchema,
    response: z.object({
      balance: z.number(),
      entries: z.array(z.object({ id: z.string(), kind: z.string(), points: z.number(), balanceAfter: z.number(), reason: z.string(), expiresAt: z.string().nullable(), createdAt: z.string() })),
      coupons: z.array(z.object({
        id: z.string(), code: z.string(), status: z.string(), issuedAt: z.string().nullable(), redeemedAt: z.string().nullable(), expiresAt: z.string().nullable(),
        offer: z.object({ name: z.string(), kind: z.string(), value: z.number(), currency: z.string().nullable(), minSpendMinor: z.number().nullable() }),
      })),
    }),
    handler: async (_input, { services, customer }) => {
      const points = await listPointsEntries(services.db, customer.accountId, customer.contactId, 50);
      const coupons = await listContactCoupons(services.db, customer.accountId, customer.contactId);
      return {
        balance: points.balance,
        entries: points.entries.map(({ id, kind, points: n, balanceAfter, reason, expiresAt, createdAt }) => ({ id, kind, points: n, balanceAfter, reason, expiresAt, createdAt })),
        coupons: coupons.map(({ id, code, status, issuedAt, redeemedAt, expiresAt, offer }) => ({ id, code, status, issuedAt, redeemedAt, expiresAt, offer })),
      };
    },
  }),
];
