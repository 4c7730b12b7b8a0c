/* Tables of the touchpoint map (issue 7). Re-exported by schema.ts. */
import { pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { accountRef, updatedAt } from './schema-columns.ts';

/**
 * Where an admin placed a touchpoint in the customer lifecycle, overriding the default stage of its kind.
 * `touchpointId` is '' for account-wide touchpoints (orders, returns, the help center), so the key stays a primary key.
 */
export const touchpointStages = pgTable('touchpoint_stages', {
  accountId: accountRef(),
  touchpointKind: text('touchpoint_kind').notNull(),
  touchpointId: text('touchpoint_id').notNull().default(''),
  stage: text('stage').$type<'discover' | 'onboard' | 'buy' | 'get_help' | 'stay'>().notNull(),
  updatedAt: updatedAt(),
}, (t) => [primaryKey({ columns: [t.accountId, t.touchpointKind, t.touchpointId] })]);
