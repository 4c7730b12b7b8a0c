import { schema } from '@touchpoint/db';
import { requestAs, type SignedIn, type TestApp, type TestWorkspace } from './test-app.ts';
import { getTestDatabase } from './test-database.ts';

/** Creates an inbox of `channel` through the API as the workspace's admin, and makes the workspace's agent work in it. */
export async function createChannelInbox(t: TestApp, ws: TestWorkspace, admin: SignedIn, name: string, channel: string): Promise<string> {
  const created = await requestAs(t.app, admin, { method: 'POST', url: `/api/v1/accounts/${ws.accountId}/inboxes`, payload: { name, channel } });
  if (created.statusCode !== 201) throw new Error(`creating the ${channel} inbox answered ${created.statusCode}: ${created.body}`);
  const inboxId = created.json<{ id: string }>().id;
  const { db } = await getTestDatabase();
  await db.insert(schema.inboxMembers).values({ accountId: ws.accountId, inboxId, userId: ws.agent.id });
  return inboxId;
}
