import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyBaseLogger, FastifyInstance, InjectOptions } from 'fastify';
import { inject } from 'vitest';
import { createAccount, createUser, DEFAULT_SESSION_POLICY, setInboxMemberships } from '@touchpoint/accounts';
import { createDiskFileStore } from '@touchpoint/conversations';
import { schema } from '@touchpoint/db';
import { createInProcessBus, createOutboxDispatcher, createRedisBus, type EventBus } from '@touchpoint/events';
import { createMailer } from '@touchpoint/mailer';
import { buildApp } from '../app.ts';
import { listEventSinks, registerConversationHooks } from '../background.ts';
import { createChannels } from '../channels/channel-registry.ts';
import { loadConfig } from '../config.ts';
import { createSocketHub } from '../realtime/socket-hub.ts';
import type { Services } from '../services.ts';
import { getTestDatabase } from './test-database.ts';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  bus: EventBus;
  close(): Promise<void>;
}

/** The real app on the worker's test database, with a running outbox dispatcher; nothing mocked. */
export async function createTestApp(options: { logger?: FastifyBaseLogger; env?: Record<string, string> } = {}): Promise<TestApp> {
  registerConversationHooks();
  const database = await getTestDatabase();
  const redisUrl = inject('redisUrl');
  const bus = redisUrl ? await createRedisBus(redisUrl) : createInProcessBus();
  // Attachments go to a directory of this app's own, removed on close.
  const filesDir = mkdtempSync(join(tmpdir(), 'touchpoint-files-'));
  const config = loadConfig({ LOG_LEVEL: 'silent', CONSOLE_DIST: '/nonexistent', PUBLIC_URL: 'http://touchpoint.test', FILES_DIR: filesDir, ...options.env });
  const mailer = createMailer(config.mail);
  const services: Services = { config, database, db: database.db, bus, files: createDiskFileStore(config.files.dir), mailer, channels: createChannels({ publicUrl: config.publicUrl, smtpUrl: config.mail.smtpUrl, bus, mailer, db: database.db }), sessionPolicy: { ...DEFAULT_SESSION_POLICY, maxFailedAttempts: config.session.maxFailedAttempts }, readiness: { ready: true } };
  const hub = createSocketHub({ db: database.db, bus });
  const app = await buildApp(services, hub, options.logger ? { logger: options.logger } : {});
  const dispatcher = createOutboxDispatcher({ handle: database, bus, pollIntervalMs: 200, sinks: listEventSinks(services) });
  await dispatcher.start();
  await app.ready();
  return {
    app,
    services,
    bus,
    async close() {
      hub.closeAll();
      await app.close();
      await dispatcher.stop();
      services.mailer.close();
      await bus.close();
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

export interface TestWorkspace {
  accountId: string;
  admin: { id: string; email: string };
  agent: { id: string; email: string };
  inboxes: { mine: string; other: string };
}

/** A fresh account: an admin, an agent who works in inbox `mine` only, and a second inbox `other`. */
export async function createTestWorkspace(name = 'Test shop'): Promise<TestWorkspace> {
  const { db } = await getTestDatabase();
  const tag = randomUUID().slice(0, 8);
  const admin = await createUser(db, { email: `admin-${tag}@example.test`, name: `Admin ${tag}`, password: TEST_PASSWORD });
  const agent = await createUser(db, { email: `agent-${tag}@example.test`, name: `Agent ${tag}`, password: TEST_PASSWORD });
  const account = await createAccount(db, { name: `${name} ${tag}`, purposeStatement: 'Delight every customer.', adminUserId: admin.id });
  await db.insert(schema.memberships).values({ accountId: account.id, userId: agent.id, role: 'agent' });
  const [mine, other] = await db
    .insert(schema.inboxes)
    .values([
      { accountId: account.id, name: 'Chat', channel: 'web_chat' },
      { accountId: account.id, name: 'Email', channel: 'email' },
    ])
    .returning();
  await setInboxMemberships(db, account.id, agent.id, [mine!.id]);
  return { accountId: account.id, admin: { id: admin.id, email: admin.email }, agent: { id: agent.id, email: agent.email }, inboxes: { mine: mine!.id, other: other!.id } };
}

export interface SignedIn {
  cookie: string;
  csrfToken: string;
  /** Headers for a state-changing request: cookie and CSRF token. */
  headers: Record<string, string>;
}

export async function signInAs(app: FastifyInstance, email: string, password = TEST_PASSWORD): Promise<SignedIn> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password }, remoteAddress: `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` });
  if (response.statusCode !== 200) throw new Error(`sign-in as ${email} failed: ${response.statusCode} ${response.body}`);
  const cookie = (response.cookies as { name: string; value: string }[]).find((c) => c.name === 'tp_session')!;
  const csrfToken = response.json<{ csrfToken: string }>().csrfToken;
  return { cookie: `tp_session=${cookie.value}`, csrfToken, headers: { cookie: `tp_session=${cookie.value}`, 'x-csrf-token': csrfToken } };
}

/** app.inject with a signed-in person's cookie and CSRF token. */
export function requestAs(app: FastifyInstance, who: SignedIn, options: InjectOptions) {
  return app.inject({ ...options, headers: { ...who.headers, ...(options.headers ?? {}) } });
}
