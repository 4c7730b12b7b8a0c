import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import WebSocket from 'ws';
import { signMetaBody } from '@touchpoint/channels';
import { schema } from '@touchpoint/db';
import { loadMetaFixture } from '../../../../packages/channels/src/meta/fixtures/meta-fixtures.ts';
import { eventsSettled } from '../testing/events-settled.ts';
import { startFakeProvider } from '../testing/fake-provider.ts';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type SignedIn, type TestApp, type TestWorkspace } from '../testing/test-app.ts';

let t: TestApp;
let ws: TestWorkspace;
let admin: SignedIn;
let agent: SignedIn;
let handle: string;
let apiKey: string;
const url = (path: string) => `/api/v1/accounts/${ws.accountId}${path}`;
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

interface Feed { id: string; slug: string }
async function newFeed(body: Record<string, unknown> = {}): Promise<Feed> {
  const slug = `show-${randomUUID().slice(0, 8)}`;
  const created = await requestAs(t.app, admin, { method: 'POST', url: url('/live-feeds'), payload: { name: 'Friday Night Live', slug, ...body } });
  expect(created.statusCode, created.body).toBe(201);
  return created.json<Feed>();
}
const setFeed = (feed: Feed, payload: Record<string, unknown>) => requestAs(t.app, agent, { method: 'PATCH', url: url(`/live-feeds/${feed.id}`), payload });
const pub = (feed: Feed, path = '') => `/api/live/${handle}/${feed.slug}${path}`;
async function signIn(feed: Feed, displayName = 'Mika') {
  const response = await t.app.inject({ method: 'POST', url: pub(feed, '/viewers'), payload: { displayName } });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ token: string }>().token;
}
const post = (feed: Feed, token: string, payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: pub(feed, '/posts'), payload, headers: { 'x-live-viewer': token } });
const moderate = (feed: Feed, postId: string, action: string) => requestAs(t.app, agent, { method: 'POST', url: url(`/live-feeds/${feed.id}/posts/${postId}/${action}`) });
const screen = async (feed: Feed) => (await t.app.inject({ method: 'GET', url: pub(feed) })).json<{ posts: { id: string; text: string }[]; pinned: { id: string } | null; poll: { total: number; options: { votes: number }[] } | null }>();
const queue = async (feed: Feed, status = 'pending') => (await requestAs(t.app, agent, { method: 'GET', url: url(`/live-feeds/${feed.id}/posts?status=${status}`) })).json<{ posts: { id: string; text: string; status: string; source: string; blockReason: string | null }[]; counts: Record<string, number> }>();
async function postCount(feedId: string) {
  const [row] = await t.services.db.select({ n: count() }).from(schema.liveFeedPosts).where(eq(schema.liveFeedPosts.feedId, feedId));
  return row!.n;
}

beforeAll(async () => {
  t = await createTestApp();
  ws = await createTestWorkspace();
  admin = await signInAs(t.app, ws.admin.email);
  agent = await signInAs(t.app, ws.agent.email);
  const [account] = await t.services.db.select({ handle: schema.accounts.handle }).from(schema.accounts).where(eq(schema.accounts.id, ws.accountId));
  handle = account!.handle;
  apiKey = (await requestAs(t.app, admin, { method: 'POST', url: url('/api-keys'), payload: { name: 'Hashtag importer' } })).json<{ key: string }>().key;
});
afterAll(() => t.close());

describe('feeds and moderation', () => {
  it('lets an admin create a feed, refuses a taken slug, and keeps agents from creating one', async () => {
    const feed = await newFeed();
    const again = await requestAs(t.app, admin, { method: 'POST', url: url('/live-feeds'), payload: { name: 'Copy', slug: feed.slug } });
    expect([again.statusCode, again.json().code]).toEqual([409, 'conflict']);
    const byAgent = await requestAs(t.app, agent, { method: 'POST', url: url('/live-feeds'), payload: { name: 'Agent', slug: 'agent-feed' } });
    expect(byAgent.statusCode).toBe(403);
  });

  it('takes no posts before the show goes live, queues them in manual mode and shows them once approved', async () => {
    const feed = await newFeed();
    const token = await signIn(feed);
    expect((await post(feed, token, { text: 'Too early' })).statusCode).toBe(409);
    const onAir = async () => (await t.app.inject({ method: 'GET', url: `/api/live/${handle}` })).json<{ feeds: { slug: string; path: string }[] }>().feeds;
    expect((await onAir()).map((f) => f.slug)).not.toContain(feed.slug);
    expect((await setFeed(feed, { status: 'live' })).statusCode).toBe(200);
    expect(await onAir()).toContainEqual({ name: 'Friday Night Live', slug: feed.slug, path: `/live/${handle}/${feed.slug}` });
    const sent = await post(feed, token, { text: 'Hello from Osaka!' });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json().status).toBe('pending');
    expect((await screen(feed)).posts).toEqual([]);
    const [queued] = (await queue(feed)).posts;
    expect(queued).toMatchObject({ text: 'Hello from Osaka!', status: 'pending', source: 'viewer' });
    expect((await moderate(feed, queued!.id, 'approve')).statusCode).toBe(200);
    expect((await screen(feed)).posts.map((p) => p.text)).toEqual(['Hello from Osaka!']);
    expect((await moderate(feed, queued!.id, 'pin')).json().pinned).toBe(true);
    expect((await screen(feed)).pinned?.id).toBe(queued!.id);
    expect((await moderate(feed, queued!.id, 'reject')).json()).toMatchObject({ status: 'rejected', pinned: false });
    expect(await screen(feed)).toMatchObject({ posts: [], pinned: null });
  });

  it('keeps one pin per feed when two moderators pin different posts at once', async () => {
    const feed = await newFeed({ moderation: 'automatic' });
    await setFeed(feed, { status: 'live' });
    const token = await signIn(feed);
    const ids = [(await post(feed, token, { text: 'one' })).json().post.id, (await post(feed, token, { text: 'two' })).json().post.id];
    const answers = await Promise.all(ids.map((id) => moderate(feed, id, 'pin')));
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200]);
    const [pinned] = await t.services.db.select({ n: count() }).from(schema.liveFeedPosts).where(and(eq(schema.liveFeedPosts.feedId, feed.id), eq(schema.liveFeedPosts.pinned, true)));
    expect(pinned!.n).toBe(1);
  });

  it('approves at once in automatic mode, and switches back to the queue in manual mode', async () => {
    const feed = await newFeed({ moderation: 'automatic' });
    await setFeed(feed, { status: 'live' });
    const token = await signIn(feed);
    expect((await post(feed, token, { emoji: '🎉' })).json().status).toBe('approved');
    await setFeed(feed, { moderation: 'manual' });
    expect((await post(feed, token, { text: 'now queued' })).json().status).toBe('pending');
    expect((await screen(feed)).posts).toHaveLength(1);
    const all = await requestAs(t.app, agent, { method: 'POST', url: url(`/live-feeds/${feed.id}/posts/approve-pending`) });
    expect(all.json()).toEqual({ approved: 1 });
    expect((await screen(feed)).posts).toHaveLength(2);
  });
});

describe('the blocklist', () => {
  it('refuses built-in phrases in English, Japanese and Chinese, disguised or not, and stores nothing', async () => {
    const feed = await newFeed({ moderation: 'automatic' });
    await setFeed(feed, { status: 'live' });
    const token = await signIn(feed);
    for (const text of ['F U C K this show', 'ｓｈｉｔ', 'お前はシネ', '你是傻 逼']) {
      const refused = await post(feed, token, { text });
      expect([refused.statusCode, refused.json().code], text).toEqual([422, 'post_blocked']);
      expect(refused.json().detail).toMatch(/not allowed/);
    }
    expect(await postCount(feed.id)).toBe(0);
    const japanese = await newFeed({ locale: 'ja' });
    await setFeed(japanese, { status: 'live' });
    const refused = await post(japanese, await signIn(japanese), { text: 'ｼﾈ' });
    expect(refused.json().detail).toBe('このフィードでは使えない言葉が含まれています。表現を変えてください。');
  });

  it('refuses scripts and HTML always, links when the feed says so, and the account’s own phrases', async () => {
    const feed = await newFeed({ moderation: 'automatic' });
    await setFeed(feed, { status: 'live' });
    const token = await signIn(feed);
    const script = await post(feed, token, { text: '<script>alert(1)</script>' });
    expect([script.statusCode, script.json().detail]).toEqual([422, 'Posts cannot contain HTML or scripts.']);
    expect((await post(feed, token, { text: 'deals at www.spam.test' })).json().detail).toBe('Links are not allowed in this feed.');
    const added = await requestAs(t.app, admin, { method: 'POST', url: url('/live-blocklist'), payload: { phrase: 'Rival Cola' } });
    expect(added.statusCode).toBe(201);
    expect((await requestAs(t.app, admin, { method: 'POST', url: url('/live-blocklist'), payload: { phrase: 'RIVAL  cola' } })).statusCode).toBe(409);
    expect((await post(feed, token, { text: 'drink ｒｉｖａｌ ｃｏｌａ' })).statusCode).toBe(422);
    await requestAs(t.app, admin, { method: 'DELETE', url: url(`/live-blocklist/${added.json().id}`) });
    expect((await post(feed, token, { text: 'drink rival cola' })).statusCode).toBe(201);
    const name = await t.app.inject({ method: 'POST', url: pub(feed, '/viewers'), payload: { displayName: 'shit lord' } });
    expect([name.statusCode, name.json().code]).toEqual([422, 'post_blocked']);
  });
});

describe('viewers', () => {
  it('holds each viewer to the feed’s posts per minute, even when they post in parallel', async () => {
    const feed = await newFeed({ postsPerMinute: 2 });
    await setFeed(feed, { status: 'live' });
    const token = await signIn(feed);
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => post(feed, token, { text: `spam ${i}` })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 201, 429, 429, 429, 429]);
    expect(answers.find((a) => a.statusCode === 429)!.headers['retry-after']).toBeDefined();
    expect((await post(feed, await signIn(feed, 'Ken'), { text: 'another viewer' })).statusCode).toBe(201);
  });

  it('lets a moderator ban a viewer: their posts leave the screen and they can no longer post or vote', async () => {
    const feed = await newFeed({ moderation: 'automatic' });
    await setFeed(feed, { status: 'live' });
    const troll = await signIn(feed, 'Troll');
    const first = (await post(feed, troll, { text: 'first' })).json().post.id;
    await post(feed, troll, { text: 'second' });
    await post(feed, await signIn(feed, 'Fan'), { text: 'nice show' });
    const banned = await requestAs(t.app, agent, { method: 'POST', url: url(`/live-feeds/${feed.id}/posts/${first}/ban`) });
    expect(banned.json()).toEqual({ rejected: 2 });
    expect((await screen(feed)).posts.map((p) => p.text)).toEqual(['nice show']);
    expect((await post(feed, troll, { text: 'again' })).statusCode).toBe(403);
  });

  it('refuses a missing or another feed’s token, and a photo whose bytes are not an image', async () => {
    const feed = await newFeed();
    const other = await newFeed();
    await setFeed(feed, { status: 'live' });
    expect((await post(feed, 'forged', { text: 'hi' })).statusCode).toBe(401);
    expect((await post(feed, await signIn(other), { text: 'hi' })).statusCode).toBe(401);
    const token = await signIn(feed);
    const fake = await post(feed, token, { photo: Buffer.from('<html>not an image</html>').toString('base64') });
    expect(fake.statusCode).toBe(415);
    const photo = await post(feed, token, { text: 'my view', photo: `data:image/png;base64,${PNG.toString('base64')}` });
    expect(photo.statusCode, photo.body).toBe(201);
    const { id } = photo.json().post;
    expect((await t.app.inject({ method: 'GET', url: `/live/${handle}/${feed.slug}/photos/${id}` })).statusCode).toBe(404);
    await moderate(feed, id, 'approve');
    const served = await t.app.inject({ method: 'GET', url: `/live/${handle}/${feed.slug}/photos/${id}` });
    expect([served.statusCode, served.headers['content-type']]).toEqual([200, 'image/png']);
  });
});

describe('polls', () => {
  it('counts one vote per viewer, even for two taps at once, and shows the results', async () => {
    const feed = await newFeed();
    await setFeed(feed, { status: 'live' });
    const created = await requestAs(t.app, agent, { method: 'POST', url: url(`/live-feeds/${feed.id}/polls`), payload: { question: 'Who wins?', options: ['Red', 'Blue'] } });
    expect(created.statusCode).toBe(201);
    const pollId = created.json().id;
    const mika = await signIn(feed);
    const vote = (token: string, optionId: string) => t.app.inject({ method: 'POST', url: pub(feed, `/polls/${pollId}/votes`), payload: { optionId }, headers: { 'x-live-viewer': token } });
    expect((await vote(mika, 'a')).statusCode).toBe(409);
    await requestAs(t.app, agent, { method: 'POST', url: url(`/live-feeds/${feed.id}/polls/${pollId}/open`) });
    const taps = await Promise.all([vote(mika, 'a'), vote(mika, 'b')]);
    expect(taps.map((tap) => tap.statusCode).sort()).toEqual([201, 409]);
    await vote(await signIn(feed, 'Ken'), 'b');
    expect((await screen(feed)).poll).toMatchObject({ total: 2 });
    await requestAs(t.app, agent, { method: 'POST', url: url(`/live-feeds/${feed.id}/polls/${pollId}/close`) });
    expect((await vote(await signIn(feed, 'Late'), 'a')).statusCode).toBe(409);
    const results = await requestAs(t.app, agent, { method: 'GET', url: url(`/live-feeds/${feed.id}/polls/${pollId}`) });
    expect(results.json()).toMatchObject({ status: 'closed', total: 2 });
  });

  it('keeps one poll open per feed when two are opened at once', async () => {
    const feed = await newFeed();
    const create = () => requestAs(t.app, agent, { method: 'POST', url: url(`/live-feeds/${feed.id}/polls`), payload: { question: 'Q?', options: ['a', 'b'] } });
    const ids = [(await create()).json().id, (await create()).json().id];
    const answers = await Promise.all(ids.map((id) => requestAs(t.app, agent, { method: 'POST', url: url(`/live-feeds/${feed.id}/polls/${id}/open`) })));
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200]);
    const polls = (await requestAs(t.app, agent, { method: 'GET', url: url(`/live-feeds/${feed.id}/polls`) })).json<{ polls: { status: string }[] }>().polls;
    expect(polls.map((p) => p.status).sort()).toEqual(['closed', 'open']);
  });
});

describe('social posts', () => {
  it('copies an Instagram comment with the connected hashtag from the signed webhook into the feed, once, through the blocklist', async () => {
    const graph = await startFakeProvider(() => ({ status: 400, json: { error: { message: 'no profile', code: 100 } } }));
    try {
      const inbox = await requestAs(t.app, admin, { method: 'POST', url: url('/inboxes'), payload: { name: 'Instagram', channel: 'instagram' } });
      const inboxId = inbox.json().id;
      const connected = await requestAs(t.app, admin, { method: 'PUT', url: url(`/inboxes/${inboxId}/channel`), payload: { config: { pageId: '104857600000001', apiBaseUrl: graph.url }, secrets: { pageAccessToken: 'tok', appSecret: 'ig-secret', verifyToken: 'v' } } });
      const webhook = new URL(connected.json<{ webhookUrl: string }>().webhookUrl).pathname;
      const feed = await newFeed();
      await setFeed(feed, { status: 'live' });
      const source = await requestAs(t.app, admin, { method: 'POST', url: url(`/live-feeds/${feed.id}/sources`), payload: { kind: 'instagram', inboxId, hashtag: '#FridayLive' } });
      expect(source.statusCode, source.body).toBe(201);
      const comment = (id: string, text: string) => {
        const payload = loadMetaFixture('instagram-comment', { at: new Date(), replace: { '17950000000000001': id, 'Is this available in blue?': text } });
        return t.app.inject({ method: 'POST', url: webhook, payload, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signMetaBody('ig-secret', payload) } });
      };
      const forged = loadMetaFixture('instagram-comment', { at: new Date() });
      expect((await t.app.inject({ method: 'POST', url: webhook, payload: forged, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signMetaBody('wrong', forged) } })).statusCode).toBe(401);
      expect((await comment('1795001', 'Loving it ＃fridaylive')).statusCode).toBe(200);
      expect((await comment('1795001', 'Loving it ＃fridaylive')).statusCode).toBe(200);
      expect((await comment('1795002', 'no tag here')).statusCode).toBe(200);
      expect((await comment('1795003', 'this is shit #FridayLive')).statusCode).toBe(200);
      await eventsSettled(ws.accountId);
      expect((await queue(feed)).posts.map((p) => [p.source, p.text])).toEqual([['instagram', 'Loving it ＃fridaylive']]);
      expect((await queue(feed, 'blocked')).posts.map((p) => [p.text, p.blockReason])).toEqual([['this is shit #FridayLive', 'phrase: shit']]);
      // The commenter is a contact of the inbox: each copied comment is on their timeline once, with what became of it.
      const timeline = await t.services.db.select({ properties: schema.customerEvents.properties }).from(schema.customerEvents)
        .where(and(eq(schema.customerEvents.accountId, ws.accountId), eq(schema.customerEvents.name, 'feed.posted')));
      expect(timeline.map((row) => (row.properties as { status: string }).status).sort()).toEqual(['blocked', 'pending']);
    } finally {
      await graph.close();
    }
  });

  it('imports hashtag posts with a server API key, skipping items already imported', async () => {
    const feed = await newFeed({ moderation: 'automatic' });
    await setFeed(feed, { status: 'live' });
    const items = [{ externalId: 'tw-1', authorName: '@aiko', text: 'Great show #live' }, { externalId: 'tw-2', authorName: '@ken', text: 'visit www.spam.test' }];
    const importAs = () => t.app.inject({ method: 'POST', url: url(`/live-feeds/${feed.id}/posts/import`), payload: { items }, headers: { authorization: `Bearer ${apiKey}` } });
    const first = await importAs();
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ imported: 2, replayed: 0 });
    expect(first.json().posts.map((p: { status: string }) => p.status)).toEqual(['approved', 'blocked']);
    expect((await importAs()).json()).toMatchObject({ imported: 0, replayed: 2 });
    expect((await screen(feed)).posts.map((p) => p.text)).toEqual(['Great show #live']);
  });
});

describe('the screens’ socket', () => {
  it('pushes an approved post, a pin and poll results to every socket of the feed, never a pending post', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `ws://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const feed = await newFeed();
    await setFeed(feed, { status: 'live' });
    const sockets = await Promise.all(Array.from({ length: 3 }, () => new Promise<{ socket: WebSocket; messages: { type: string; post?: { id: string }; poll?: { total: number } }[] }>((resolve, reject) => {
      const socket = new WebSocket(`${base}${pub(feed, '/socket')}`);
      const entry = { socket, messages: [] as { type: string }[] };
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as { type: string };
        if (message.type === 'ready') resolve(entry);
        else entry.messages.push(message);
      });
      socket.on('error', reject);
    })));
    try {
      const token = await signIn(feed);
      const held = (await post(feed, token, { text: 'stays in the queue' })).json().post.id;
      const shown = (await post(feed, token, { text: 'goes on screen' })).json().post.id;
      await moderate(feed, shown, 'approve');
      await moderate(feed, shown, 'pin');
      await vi.waitFor(() => {
        // The feed's own `feed` message (going live) may still be on its way when the sockets open.
        for (const { messages } of sockets) expect(messages.filter((m) => m.type !== 'feed').map((m) => [m.type, m.post?.id])).toEqual([['post', shown], ['pinned', shown]]);
      });
      for (const { messages } of sockets) expect(JSON.stringify(messages)).not.toContain(held);
    } finally {
      for (const { socket } of sockets) socket.close();
    }
  });

  it('answers 404 for an unknown feed', async () => {
    const missing = await t.app.inject({ method: 'GET', url: `/live/${handle}/no-such-feed` });
    expect(missing.statusCode).toBe(404);
    const [feedCount] = await t.services.db.select({ n: count() }).from(schema.liveFeeds).where(and(eq(schema.liveFeeds.accountId, ws.accountId), eq(schema.liveFeeds.slug, 'no-such-feed')));
    expect(feedCount!.n).toBe(0);
  });
});
