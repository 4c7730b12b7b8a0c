/**
 * Lets the journey sink nudge this node's journey worker when it made runs due, so a trigger does not wait for the
 * next poll. The sink runs before its transaction commits, so the worker looks shortly after (and again a little
 * later, in case the commit took longer); the poll stays the safety net and serves the other nodes.
 */
const listeners = new Set<() => void>();
const WAKE_DELAYS_MS = [5, 40];

export function wakeJourneyWorkers() {
  for (const delay of WAKE_DELAYS_MS) setTimeout(() => listeners.forEach((listener) => listener()), delay).unref();
}

export function onJourneyWake(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
