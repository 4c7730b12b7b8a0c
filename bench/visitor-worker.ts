/**
 * The customer side of realtime, run in its own process by bench/widget-sockets.ts. Reads a VisitorLoadSpec (JSON)
 * from argv[2] and prints one VisitorLoadReport (JSON) line on stdout.
 *
 * `visitors` chat visitors each start a conversation through the widget API (from an address of their own, as the
 * server trusts X-Forwarded-For here) and open their widget socket; then an agent (API key) replies in their
 * conversations at a steady pace. For each reply, the time from just before the POST to the `message` event arriving
 * on that visitor's socket is one sample. A reply arriving on any other visitor's socket is counted as misdelivered.
 * Sender and receivers share this process and clock, so no clock skew enters; its own event-loop delay does.
 */
import WebSocket from 'ws';
import { computeMax, computePercentile } from './lib/stats.ts';
import { drainAndClose, waitRestOfInterval } from './lib/pacing.ts';

export interface VisitorLoadSpec {
  baseUrl: string;
  accountId: string;
  apiKey: string;
  channelKey: string;
  origin: string;
  visitors: number;
  messages: number;
  intervalMs: number;
}

export interface VisitorLoadReport {
  sockets: number;
  messages: number;
  deliveries: number;
  misdelivered: number;
  setupSeconds: number;
  deliveryMs: { p50: number; p95: number; p99: number; max: number };
  /** From the POST's answer to the socket: the fan-out alone, without the write. Negative when the event beat the answer. */
  afterAnswerMs: { p50: number; p95: number; p99: number; max: number };
  postMs: { p50: number; p95: number; p99: number; max: number };
  workerCpuMs: number;
}

const MARKER = 'bench-widget-';
const summarise = (values: number[]) => ({ p50: computePercentile(values, 50), p95: computePercentile(values, 95), p99: computePercentile(values, 99), max: computeMax(values) });

interface Visitor {
  index: number;
  authorization: string;
  conversationId: string;
}

/** Every POST here is safe to repeat (a new token, or a message with its idempotency key), so a connection the server reset is tried once more. */
async function postJson<T>(url: string, body: unknown, headers: Record<string, string>, retried = false): Promise<T> {
  const json: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers: { ...json, ...headers }, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    if (retried) throw error;
    return postJson(url, body, headers, true);
  }
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${url} answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/** Runs `work` over `items`, `concurrency` at a time. */
async function forEachLimited<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

async function runVisitors(spec: VisitorLoadSpec): Promise<VisitorLoadReport> {
  const widget = `${spec.baseUrl}/widget/v1/${spec.channelKey}`;
  const setupStarted = performance.now();
  const visitors: Visitor[] = [];
  await forEachLimited(Array.from({ length: spec.visitors }, (_, i) => i), 8, async (index) => {
    const headers = { origin: spec.origin, 'x-forwarded-for': `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}` };
    const { token } = await postJson<{ token: string }>(`${widget}/visitors`, undefined, headers);
    const authorization = `Visitor ${token}`;
    const { message } = await postJson<{ message: { conversationId: string } }>(`${widget}/messages`, { clientId: `bench-visitor-${index}`, body: `Hello from visitor ${index}` }, { ...headers, authorization });
    visitors.push({ index, authorization, conversationId: message.conversationId });
  });

  const sentAt = new Map<string, { at: number; visitor: number }>();
  const answeredAt = new Map<string, number>();
  const arrivedAt = new Map<string, number>();
  const delivery: number[] = [];
  let misdelivered = 0;
  const sockets: WebSocket[] = [];
  await forEachLimited(visitors, 20, (visitor) => new Promise<void>((resolve, reject) => {
    const socket = new WebSocket(`${widget.replace(/^http/, 'ws')}/socket`, { headers: { origin: spec.origin } });
    sockets.push(socket);
    socket.once('open', () => socket.send(JSON.stringify({ type: 'auth', authorization: visitor.authorization })));
    socket.once('error', reject);
    socket.on('message', (data) => {
      const at = performance.now();
      const event = JSON.parse(String(data)) as { type: string; message?: { body: string } };
      if (event.type === 'ready') resolve();
      if (event.type !== 'message' || !event.message?.body.startsWith(MARKER)) return;
      const sent = sentAt.get(event.message.body);
      if (!sent) return;
      if (sent.visitor !== visitor.index) misdelivered += 1;
      else {
        delivery.push(at - sent.at);
        arrivedAt.set(event.message.body, at);
      }
    });
  }));
  const setupSeconds = (performance.now() - setupStarted) / 1000;

  const api = `${spec.baseUrl}/api/v1/accounts/${spec.accountId}`;
  const postMs: number[] = [];
  for (let i = 0; i < spec.messages; i++) {
    const visitor = visitors[i % visitors.length]!;
    const body = `${MARKER}${i}`;
    const started = performance.now();
    sentAt.set(body, { at: started, visitor: visitor.index });
    await postJson(`${api}/conversations/${visitor.conversationId}/messages`, { kind: 'reply', body, clientKey: body }, { authorization: `Bearer ${spec.apiKey}` });
    answeredAt.set(body, performance.now());
    postMs.push(performance.now() - started);
    await waitRestOfInterval(started, spec.intervalMs);
  }
  await drainAndClose(sockets);
  const cpu = process.cpuUsage();
  return {
    sockets: sockets.length,
    messages: spec.messages,
    deliveries: delivery.length,
    misdelivered,
    setupSeconds,
    deliveryMs: summarise(delivery),
    afterAnswerMs: summarise([...arrivedAt].map(([body, at]) => at - answeredAt.get(body)!)),
    postMs: summarise(postMs),
    workerCpuMs: (cpu.user + cpu.system) / 1000,
  };
}

const spec = JSON.parse(process.argv[2] ?? '') as VisitorLoadSpec;
process.stdout.write(`${JSON.stringify(await runVisitors(spec))}\n`);
process.exit(0);
