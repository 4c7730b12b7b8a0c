/**
 * The screens' side of the live-feed fan-out, run in its own process by bench/live-feed-fanout.ts. Reads a
 * LiveScreenSpec (JSON) from argv[2] and prints one LiveScreenReport (JSON) line on stdout.
 *
 * Opens `sockets` screen sockets on the feed (a share as phones, the rest as overlays), then approves each waiting post
 * through the HTTP API (an API key, as a moderation tool would), one every `intervalMs`. Each sample is the time from
 * sending one approval to the post arriving on one socket: `sockets` samples per post. Moderator and screens share
 * this process and its clock (no skew); its own event-loop delay does count.
 */
import WebSocket from 'ws';
import { computeMax, computePercentile } from './lib/stats.ts';

export interface LiveScreenSpec {
  socketUrl: string;
  approveUrls: { postId: string; url: string }[];
  apiKey: string;
  sockets: number;
  phoneShare: number;
  intervalMs: number;
}

export interface LiveScreenReport {
  sockets: number;
  posts: number;
  samples: number;
  missing: number;
  deliveryMs: { p50: number; p95: number; p99: number; max: number };
  lastSocketMs: { p50: number; max: number };
  approveAnsweredMs: { p50: number; p99: number };
  setupSeconds: number;
}

async function run(spec: LiveScreenSpec): Promise<LiveScreenReport> {
  const setupStarted = performance.now();
  const screens: { socket: WebSocket; arrivals: Map<string, number> }[] = [];
  for (let index = 0; index < spec.sockets; index += 1) {
    const socket = new WebSocket(`${spec.socketUrl}?view=${index < spec.sockets * spec.phoneShare ? 'phone' : 'overlay'}`);
    const screen = { socket, arrivals: new Map<string, number>() };
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.on('message', (data) => {
        const at = performance.now();
        const message = JSON.parse(String(data)) as { type: string; post?: { id: string } };
        if (message.type === 'ready') resolve();
        if (message.type === 'post' && message.post) screen.arrivals.set(message.post.id, at);
      });
    });
    screens.push(screen);
  }
  const setupSeconds = (performance.now() - setupStarted) / 1000;
  const samples: number[] = [];
  const lastSocket: number[] = [];
  const answered: number[] = [];
  let missing = 0;
  for (const { postId, url } of spec.approveUrls) {
    const started = performance.now();
    const answer = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${spec.apiKey}` } });
    answered.push(performance.now() - started);
    if (!answer.ok) throw new Error(`approve answered ${answer.status}: ${await answer.text()}`);
    const deadline = Date.now() + 10_000;
    while (screens.some((screen) => !screen.arrivals.has(postId)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 1));
    const latencies = screens.map((screen) => screen.arrivals.get(postId)).filter((at): at is number => at !== undefined).map((at) => at - started);
    missing += spec.sockets - latencies.length;
    samples.push(...latencies);
    if (latencies.length) lastSocket.push(computeMax(latencies));
    await new Promise((resolve) => setTimeout(resolve, spec.intervalMs));
  }
  for (const screen of screens) screen.socket.terminate();
  return {
    sockets: spec.sockets, posts: spec.approveUrls.length, samples: samples.length, missing,
    deliveryMs: { p50: computePercentile(samples, 50), p95: computePercentile(samples, 95), p99: computePercentile(samples, 99), max: computeMax(samples) },
    lastSocketMs: { p50: computePercentile(lastSocket, 50), max: computeMax(lastSocket) },
    approveAnsweredMs: { p50: computePercentile(answered, 50), p99: computePercentile(answered, 99) },
    setupSeconds,
  };
}

const spec = JSON.parse(process.argv[2] ?? '') as LiveScreenSpec;
process.stdout.write(`${JSON.stringify(await run(spec))}\n`);
