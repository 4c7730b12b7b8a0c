import type WebSocket from 'ws';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sleeps what is left of `intervalMs` since `started` (performance.now()), so sends keep a steady pace. */
export async function waitRestOfInterval(started: number, intervalMs: number): Promise<void> {
  const wait = intervalMs - (performance.now() - started);
  if (wait > 0) await sleep(wait);
}

/** Gives events still on their way `ms` to arrive, then closes the sockets. */
export async function drainAndClose(sockets: WebSocket[], ms = 5000): Promise<void> {
  await sleep(ms);
  for (const socket of sockets) socket.close();
}
