/**
 * The 100-agent load generator, run in its own process by bench/inbox-scale.ts. Reads an AgentLoadSpec (JSON) from
 * argv[2] and prints one AgentLoadReport (JSON) line on stdout.
 *
 * Every simulated agent has its own cookie session and loops: pick an action (inbox list mine / unassigned / all,
 * a deep keyset page, open a conversation, search), send it, wait a think time, repeat. Latency is per request,
 * from just before fetch() to the end of the body, in this process.
 */
import { type AgentSession, signInAgents } from './lib/agent-client.ts';
import { computeMax, computePercentile } from './lib/stats.ts';

export interface AgentLoadSpec {
  baseUrl: string;
  accountName: string;
  agents: number;
  warmupSeconds: number;
  durationSeconds: number;
  /** Pause between one agent's requests, uniformly in [min, max] ms; 0/0 makes a closed loop (capacity). */
  thinkMs: [number, number];
  /** Pages of the `all` view each agent walks before the run, to hold a deep keyset cursor. */
  deepPages: number;
}

export interface OperationStats {
  count: number;
  /** Non-2xx answers and requests that got no answer within REQUEST_TIMEOUT_MS. */
  failures: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
}

export interface AgentLoadReport {
  signInSeconds: number;
  operations: Record<string, OperationStats>;
  requestsPerSecond: number;
  workerCpuMs: number;
}

export const SEARCHES = { 'search en (refund)': 'refund', 'search ja (返品)': '返品', 'search zh (退货)': '退货', 'search number (order 4xxxxx)': '412345', 'search typo (refnud)': 'refnud' } as const;

const LIST_PAGE = 25;
const REQUEST_TIMEOUT_MS = 15_000;

interface AgentState {
  session: AgentSession;
  deepCursor: string | null;
  openIds: string[];
}

type Operation = { name: string; path: string };

function chooseOperation(state: AgentState, spec: AgentLoadSpec): Operation {
  const roll = Math.random();
  const list = (view: string) => `/conversations?view=${view}&limit=${LIST_PAGE}`;
  if (roll < 0.2) return { name: 'inbox list mine, first page', path: list('mine') };
  if (roll < 0.35) return { name: 'inbox list unassigned, first page', path: list('unassigned') };
  if (roll < 0.5) return { name: 'inbox list all, first page', path: list('all') };
  if (roll < 0.6 && state.deepCursor) return { name: `inbox list all, keyset page ${spec.deepPages + 1}`, path: `${list('all')}&cursor=${state.deepCursor}` };
  if (roll < 0.85 && state.openIds.length > 0) return { name: 'conversation open (detail + messages)', path: `/conversations/${state.openIds[Math.floor(Math.random() * state.openIds.length)]}` };
  const entries = Object.entries(SEARCHES);
  const [name, q] = entries[Math.floor(Math.random() * entries.length)]!;
  return { name, path: `/search?q=${encodeURIComponent(q)}` };
}

async function request(state: AgentState, spec: AgentLoadSpec, path: string): Promise<{ ms: number; ok: boolean; body: unknown }> {
  const started = performance.now();
  try {
    const response = await fetch(`${spec.baseUrl}/api/v1/accounts/${state.session.accountId}${path}`, { headers: { cookie: state.session.cookie }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const text = await response.text();
    const ms = performance.now() - started;
    return { ms, ok: response.ok, body: response.ok ? JSON.parse(text) : text };
  } catch (error) {
    return { ms: performance.now() - started, ok: false, body: String(error) };
  }
}

/** Walks `deepPages` pages of the `all` view and keeps the cursor of the last one, and some ids to open. */
async function prepareAgent(session: AgentSession, spec: AgentLoadSpec): Promise<AgentState> {
  const state: AgentState = { session, deepCursor: null, openIds: [] };
  let cursor: string | null = null;
  for (let page = 0; page < spec.deepPages; page++) {
    const { ok, body } = await request(state, spec, `/conversations?view=all&limit=${LIST_PAGE}${cursor ? `&cursor=${cursor}` : ''}`);
    if (!ok) throw new Error(`agent ${session.n}: list answered ${JSON.stringify(body).slice(0, 300)}`);
    const { items, nextCursor } = body as { items: { id: string }[]; nextCursor: string | null };
    if (page < 4) state.openIds.push(...items.map((item) => item.id));
    if (!nextCursor) break;
    cursor = nextCursor;
  }
  state.deepCursor = cursor;
  return state;
}

async function runAgents(spec: AgentLoadSpec): Promise<AgentLoadReport> {
  const signInStarted = performance.now();
  const sessions = await signInAgents(spec.baseUrl, spec.agents, spec.accountName);
  const signInSeconds = (performance.now() - signInStarted) / 1000;
  const states: AgentState[] = [];
  for (let i = 0; i < sessions.length; i += 10) states.push(...(await Promise.all(sessions.slice(i, i + 10).map((session) => prepareAgent(session, spec)))));

  const samples = new Map<string, number[]>();
  const failures = new Map<string, number>();
  const warmupEnd = performance.now() + spec.warmupSeconds * 1000;
  const end = warmupEnd + spec.durationSeconds * 1000;
  const think = () => spec.thinkMs[0] + Math.random() * (spec.thinkMs[1] - spec.thinkMs[0]);
  await Promise.all(
    states.map(async (state) => {
      // Agents start spread over one think time, not all in the same millisecond.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * spec.thinkMs[1]));
      while (performance.now() < end) {
        const operation = chooseOperation(state, spec);
        const sentAt = performance.now();
        const { ms, ok } = await request(state, spec, operation.path);
        if (sentAt >= warmupEnd && performance.now() <= end) {
          if (ok) samples.set(operation.name, samples.get(operation.name) ?? []).get(operation.name)!.push(ms);
          else failures.set(operation.name, (failures.get(operation.name) ?? 0) + 1);
        }
        const pause = think();
        if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }),
  );
  const names = [...new Set([...samples.keys(), ...failures.keys()])].sort();
  const operations = Object.fromEntries(
    names.map((name) => {
      const values = samples.get(name) ?? [];
      // An operation whose every request failed (timed out) has no latency to report.
      const at = (p: number) => (values.length > 0 ? computePercentile(values, p) : null);
      return [name, { count: values.length, failures: failures.get(name) ?? 0, p50: at(50), p95: at(95), p99: at(99), max: values.length > 0 ? computeMax(values) : null }];
    }),
  );
  const total = [...samples.values()].reduce((sum, values) => sum + values.length, 0);
  const cpu = process.cpuUsage();
  return { signInSeconds, operations, requestsPerSecond: total / spec.durationSeconds, workerCpuMs: (cpu.user + cpu.system) / 1000 };
}

const spec = JSON.parse(process.argv[2] ?? '') as AgentLoadSpec;
process.stdout.write(`${JSON.stringify(await runAgents(spec))}\n`);
