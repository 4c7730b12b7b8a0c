import { createAccount, createApiKey, createUser } from '@touchpoint/accounts';
import { createFeed, requireFeed, signInViewer, submitViewerPost, updateFeed } from '@touchpoint/live-feed';
import { loadConfig } from '../apps/server/src/config.ts';
import { startTouchpoint } from '../apps/server/src/runtime.ts';
import { readBenchEnv } from './lib/bench-env.ts';
import { measureOnEachTarget } from './lib/database-targets.ts';
import { runWorker } from './lib/load-generator.ts';
import type { LiveScreenReport, LiveScreenSpec } from './live-screen-worker.ts';
import type { Benchmark, Budget, ReportProgress } from './lib/types.ts';

const SOCKETS = 1000;
/** Share of the sockets opened as phones (the rest as overlays); both are the same socket, with a query to tell. */
const PHONE_SHARE = 0.8;
const POSTS = 20;
const INTERVAL_MS = 250;
const BUDGET: Budget = { limit: 100, kind: 'max', text: '≤ 100 ms' };

/**
 * "A post approved → on every overlay and phone": one server in this process, a live feed in manual moderation with
 * POSTS viewer posts waiting; a worker process opens SOCKETS screen sockets on the feed and approves the posts one
 * every INTERVAL_MS through the HTTP API. Each sample is the time from sending the approve request to the post
 * arriving on one socket: SOCKETS samples per post.
 */
async function measure(label: string, env: Record<string, string>, progress: ReportProgress) {
  const running = await startTouchpoint(loadConfig({ ...env, PORT: '0', HOST: '127.0.0.1', DEMO_DATA: 'never', LOG_LEVEL: 'warn', PUBLIC_URL: 'http://127.0.0.1' }));
  try {
    const { db } = running.services;
    const base = `http://127.0.0.1:${new URL(running.url).port}`;
    const admin = await createUser(db, { email: `bench-live-${Date.now()}@example.test`, name: 'Bench', password: 'correct horse battery staple' });
    const account = await createAccount(db, { name: 'Bench live', purposeStatement: 'Measure the live feed.', adminUserId: admin.id, handle: `bench-live-${Date.now().toString(36)}` });
    const scope = { accountId: account.id, actor: { type: 'system' as const, id: null, name: 'bench', role: 'admin' as const } };
    const { key } = await createApiKey(db, scope, { name: 'Bench moderator' });
    const created = await createFeed(db, account.id, { name: 'Bench show', slug: 'bench-show', moderation: 'manual', postsPerMinute: 60 });
    await updateFeed(db, account.id, created.id, { status: 'live' });
    const feed = await requireFeed(db, account.id, created.id);
    const { viewer } = await signInViewer(db, feed, { displayName: 'Bench viewer' });
    const postIds: string[] = [];
    for (let index = 0; index < POSTS; index += 1) postIds.push((await submitViewerPost(db, feed, viewer, { text: `Bench post ${index}` })).id);

    progress(`${label}: ${SOCKETS} screens connect (${Math.round(PHONE_SHARE * 100)}% phones), then ${POSTS} approvals one every ${INTERVAL_MS} ms`);
    const report = await runWorker<LiveScreenSpec, LiveScreenReport>('bench/live-screen-worker.ts', {
      socketUrl: `${base.replace('http', 'ws')}/api/live/${account.handle}/bench-show/socket`,
      approveUrls: postIds.map((postId) => ({ postId, url: `${base}/api/v1/accounts/${account.id}/live-feeds/${feed.id}/posts/${postId}/approve` })),
      apiKey: key, sockets: SOCKETS, phoneShare: PHONE_SHARE, intervalMs: INTERVAL_MS,
    });
    return { label, report };
  } finally {
    await running.stop();
  }
}

async function runLiveFeedFanout(progress: ReportProgress) {
  const { postgresAdminUrl } = readBenchEnv();
  const results = await measureOnEachTarget(postgresAdminUrl, (label, env) => measure(label, env, progress));
  return {
    measurements: results.flatMap(({ label, report }) => [
      { metric: `${label}, post approved → on a screen socket: p50 (${SOCKETS} sockets × ${POSTS} posts)`, value: report.deliveryMs.p50, unit: 'ms' as const },
      { metric: `${label}, post approved → on a screen socket: p99`, value: report.deliveryMs.p99, unit: 'ms' as const, budget: BUDGET },
      { metric: `${label}, post approved → on the last of ${SOCKETS} sockets: max`, value: report.lastSocketMs.max, unit: 'ms' as const },
      { metric: `${label}, approve request answered: p50`, value: report.approveAnsweredMs.p50, unit: 'ms' as const },
      { metric: `${label}, deliveries that never arrived`, value: report.missing, unit: 'count' as const, budget: { limit: 0, kind: 'max' as const, text: '0' } },
    ]),
    raw: { sockets: SOCKETS, phoneShare: PHONE_SHARE, posts: POSTS, intervalMs: INTERVAL_MS, results },
    notes: [
      'The moderator and the 1,000 screens run in a worker process of their own (bench/live-screen-worker.ts); the figures include its event loop.',
      'Timed from sending the approve request: the transaction, the outbox NOTIFY and drain, the bus and the fan-out.',
      ...(postgresAdminUrl === null ? ['PostgreSQL skipped: set BENCH_DATABASE_URL (a role that may CREATE DATABASE) to run it.'] : []),
    ],
  };
}

export const liveFeedFanoutBenchmark: Benchmark = {
  name: 'live-feed-fanout',
  summary: 'post approved → on 1,000 overlay and phone sockets (p50/p99/max, embedded and PostgreSQL)',
  run: runLiveFeedFanout,
};
