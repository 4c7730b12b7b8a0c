/**
 * The realtime fan-out load, run in its own process by bench/inbox-scale.ts. Reads a SocketLoadSpec (JSON) from
 * argv[2] and prints one SocketLoadReport (JSON) line on stdout.
 *
 * Opens `agents × socketsPerAgent` console sockets (each agent's own session, like one tab each), then one admin
 * replies in conversations of every inbox at a steady pace. For every socket allowed to see the reply, the time from
 * just before the POST to the `message.created` event arriving on that socket is one sample. Sender and receivers
 * share this process and clock, so no clock skew enters; its own event-loop delay does (reported as `workerCpuMs`).
 * Replies are internal notes, so no customer-facing delivery (and no outgoing email) is involved.
 */
import type WebSocket from 'ws';
import { openAgentSocket } from './lib/agent-socket.ts';
import { signInAgents } from './lib/agent-client.ts';
import { computeMax, computePercentile } from './lib/stats.ts';
import { drainAndClose, waitRestOfInterval } from './lib/pacing.ts';

export interface SocketLoadSpec {
  baseUrl: string;
  accountName: string;
  agents: number;
  socketsPerAgent: number;
  messages: number;
  intervalMs: number;
}

export interface SocketLoadReport {
  sockets: number;
  messages: number;
  deliveries: number;
  /** Sockets each message reached (fewest and most): every socket of every agent who sees its inbox should get it. */
  socketsPerMessage: { min: number; max: number };
  deliveryMs: { p50: number; p95: number; p99: number; max: number };
  postMs: { p50: number; p95: number; p99: number; max: number };
  workerCpuMs: number;
}

const MARKER = 'bench-fanout-';

const summarise = (values: number[]) => ({ p50: computePercentile(values, 50), p95: computePercentile(values, 95), p99: computePercentile(values, 99), max: computeMax(values) });


async function runSockets(spec: SocketLoadSpec): Promise<SocketLoadReport> {
  const sessions = await signInAgents(spec.baseUrl, spec.agents, spec.accountName);
  const sender = sessions[0]!;
  const base = `${spec.baseUrl}/api/v1/accounts/${sender.accountId}`;
  const sentAt = new Map<string, number>();
  const delivery: number[] = [];
  const reached = new Map<string, number>();
  const sockets: WebSocket[] = [];
  for (const session of sessions) {
    for (let i = 0; i < spec.socketsPerAgent; i++) {
      sockets.push(await openAgentSocket(spec.baseUrl, session.cookie, MARKER, (body, at) => {
        const started = sentAt.get(body);
        if (started === undefined) return;
        delivery.push(at - started);
        reached.set(body, (reached.get(body) ?? 0) + 1);
      }));
    }
  }

  // The newest open conversation of each inbox.
  const inboxes = (await (await fetch(`${base}/inboxes`, { headers: { cookie: sender.cookie } })).json()) as { id: string }[];
  const inboxIds = inboxes.map((inbox) => inbox.id);
  const targets: string[] = [];
  for (const inboxId of inboxIds) {
    const page = (await (await fetch(`${base}/conversations?view=all&inboxId=${inboxId}&limit=1`, { headers: { cookie: sender.cookie } })).json()) as { items: { id: string }[] };
    if (page.items[0]) targets.push(page.items[0].id);
  }
  if (targets.length === 0) throw new Error('no open conversation to reply in');

  const postMs: number[] = [];
  for (let i = 0; i < spec.messages; i++) {
    const body = `${MARKER}${i}`;
    const started = performance.now();
    sentAt.set(body, started);
    const response = await fetch(`${base}/conversations/${targets[i % targets.length]}/messages`, {
      method: 'POST',
      headers: { cookie: sender.cookie, 'x-csrf-token': sender.csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'note', body }),
    });
    await response.text();
    if (!response.ok) throw new Error(`reply answered ${response.status}`);
    postMs.push(performance.now() - started);
    await waitRestOfInterval(started, spec.intervalMs);
  }
  await drainAndClose(sockets);
  const cpu = process.cpuUsage();
  return {
    sockets: sockets.length,
    messages: spec.messages,
    deliveries: delivery.length,
    socketsPerMessage: { min: Math.min(...reached.values()), max: Math.max(...reached.values()) },
    deliveryMs: summarise(delivery),
    postMs: summarise(postMs),
    workerCpuMs: (cpu.user + cpu.system) / 1000,
  };
}

const spec = JSON.parse(process.argv[2] ?? '') as SocketLoadSpec;
process.stdout.write(`${JSON.stringify(await runSockets(spec))}\n`);
process.exit(0);
