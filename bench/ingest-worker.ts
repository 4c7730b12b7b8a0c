/**
 * The inbound-webhook load, run in its own process by bench/channel-ingest.ts. Reads an IngestLoadSpec (JSON) from
 * argv[2] and prints one IngestLoadReport (JSON) line on stdout.
 *
 * Opens `sockets` console sockets of the admin (who sees every inbox), then posts signed API-channel messages to the
 * inbox's webhook: first at a steady pace (the latency phase), then from `concurrency` posters as fast as the server
 * answers (the rate phase). For each message, the time from just before its POST to its `message.created` arriving on
 * a socket is one sample per socket. Sender and receivers share this process and clock.
 */
import { createHmac } from 'node:crypto';
import type WebSocket from 'ws';
import { openAgentSocket } from './lib/agent-socket.ts';
import { computeMax, computePercentile } from './lib/stats.ts';

export interface IngestLoadSpec {
  baseUrl: string;
  cookie: string;
  /** Path of the inbox's webhook, `/channels/api/<key>`. */
  webhookPath: string;
  secret: string;
  sockets: number;
  paced: { messages: number; intervalMs: number };
  burst: { concurrency: number; seconds: number };
  /** How many distinct customers write: a new one opens a conversation, a known one continues theirs. */
  senders: number;
}

interface Phase {
  messages: number;
  accepted: number;
  failed: number;
  /** Responses by HTTP status, or the error's name (TimeoutError: no answer within 15 s). */
  outcomes: Record<string, number>;
  seconds: number;
  postMs: ReturnType<typeof summarise>;
  deliveryMs: ReturnType<typeof summarise>;
  /** Messages whose event never arrived on every socket within the drain time. */
  undelivered: number;
}

export interface IngestLoadReport {
  sockets: number;
  paced: Phase;
  burst: Phase;
  workerCpuMs: number;
}

const MARKER = 'bench-ingest-';
const DRAIN_MS = 10_000;

const summarise = (values: number[]) => ({ p50: computePercentile(values, 50), p95: computePercentile(values, 95), p99: computePercentile(values, 99), max: computeMax(values) });
const sign = (secret: string, body: string) => {
  const t = Math.floor(Date.now() / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
};


async function runIngest(spec: IngestLoadSpec): Promise<IngestLoadReport> {
  const sentAt = new Map<string, number>();
  const arrivals = new Map<string, number[]>();
  const sockets: WebSocket[] = [];
  for (let i = 0; i < spec.sockets; i++) {
    sockets.push(await openAgentSocket(spec.baseUrl, spec.cookie, MARKER, (body, at) => {
      const started = sentAt.get(body);
      if (started === undefined) return;
      arrivals.set(body, [...(arrivals.get(body) ?? []), at - started]);
    }));
  }
  let sequence = 0;
  async function post(phase: string) {
    const n = sequence++;
    const body = `${MARKER}${phase}-${n} Where is my parcel?`;
    const payload = JSON.stringify({ id: `${MARKER}${phase}-${n}`, sender: { id: `bench-customer-${n % spec.senders}`, name: `Bench customer ${n % spec.senders}` }, text: body });
    const started = performance.now();
    sentAt.set(body, started);
    try {
      const response = await fetch(`${spec.baseUrl}${spec.webhookPath}/messages`, { method: 'POST', body: payload, headers: { 'content-type': 'application/json', 'x-touchpoint-signature': sign(spec.secret, payload) }, signal: AbortSignal.timeout(15_000) });
      await response.text();
      return { body, ok: response.status === 201, status: String(response.status), ms: performance.now() - started };
    } catch (error) {
      return { body, ok: false, status: error instanceof Error ? error.name : 'error', ms: performance.now() - started };
    }
  }

  async function finish(posted: Awaited<ReturnType<typeof post>>[], seconds: number): Promise<Phase> {
    const accepted = posted.filter((result) => result.ok);
    const complete = () => accepted.every((result) => (arrivals.get(result.body)?.length ?? 0) >= spec.sockets);
    const deadline = performance.now() + DRAIN_MS;
    while (!complete() && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    return {
      messages: posted.length,
      accepted: accepted.length,
      failed: posted.length - accepted.length,
      outcomes: posted.reduce<Record<string, number>>((counts, result) => ({ ...counts, [result.status]: (counts[result.status] ?? 0) + 1 }), {}),
      seconds,
      postMs: summarise(accepted.map((result) => result.ms)),
      deliveryMs: summarise(accepted.flatMap((result) => arrivals.get(result.body) ?? [])),
      undelivered: accepted.filter((result) => (arrivals.get(result.body)?.length ?? 0) < spec.sockets).length,
    };
  }

  const cpuBefore = process.cpuUsage();
  const pacedStarted = performance.now();
  const pacedPosts: Promise<Awaited<ReturnType<typeof post>>>[] = [];
  for (let i = 0; i < spec.paced.messages; i++) {
    pacedPosts.push(post('paced'));
    await new Promise((resolve) => setTimeout(resolve, spec.paced.intervalMs));
  }
  const paced = await finish(await Promise.all(pacedPosts), (performance.now() - pacedStarted) / 1000);

  const burstPosts: Awaited<ReturnType<typeof post>>[] = [];
  const burstEnds = performance.now() + spec.burst.seconds * 1000;
  const burstStarted = performance.now();
  await Promise.all(Array.from({ length: spec.burst.concurrency }, async () => {
    while (performance.now() < burstEnds) burstPosts.push(await post('burst'));
  }));
  const burst = await finish(burstPosts, (performance.now() - burstStarted) / 1000);
  const cpu = process.cpuUsage(cpuBefore);
  for (const socket of sockets) socket.close();
  return { sockets: sockets.length, paced, burst, workerCpuMs: (cpu.user + cpu.system) / 1000 };
}

const spec = JSON.parse(process.argv[2]!) as IngestLoadSpec;
process.stdout.write(`${JSON.stringify(await runIngest(spec))}\n`);
