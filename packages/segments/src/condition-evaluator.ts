import { sql } from 'drizzle-orm';
import type { Condition, ConditionPort } from '@touchpoint/core';
import type { Database } from '@touchpoint/db';
import { compileCondition } from './condition-sql.ts';

/**
 * The `ConditionPort` journeys, prompts and surveys use: one statement per question, the condition compiled to SQL
 * over the customer's profile row (see condition-sql.ts). A merged-away or unknown contact, or one in another
 * account, matches nothing.
 */
export function createConditionEvaluator(db: Database): ConditionPort {
  return {
    async matches(accountId: string, contactId: string, condition: Condition, now: Date): Promise<boolean> {
      const compiled = compileCondition(condition, now);
      const result = await db.execute(sql`select (${compiled.match}) as matches from contacts c where c.account_id = ${accountId}::uuid and c.id = ${contactId}::uuid and c.merged_into_id is null`);
      return rowsOf<{ matches: boolean }>(result)[0]?.matches === true;
    },
  };
}

/** Rows from `db.execute`, whichever driver ran it (node-postgres and PGlite both return `{ rows }`). */
export function rowsOf<Row>(result: unknown): Row[] {
  return (result as { rows: Row[] }).rows;
}
