export interface PollingWorkerOptions<Item> {
  /** Claims up to `limit` items to start now, none whose key is in `busyKeys` (keys at their own limit). */
  claim(limit: number, busyKeys: string[]): Promise<Item[]>;
  /** Works one claimed item; a rejection goes to `onError` and frees the slot like a success. */
  run(item: Item): Promise<void>;
  /** Items in flight at once. */
  concurrency: number;
  /** Groups items (a webhook, an inbox) so that one group cannot take every slot. */
  keyOf?: (item: Item) => string;
  perKeyConcurrency?: number;
  intervalMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * A worker that polls for due work: every `intervalMs` it fills its free slots with claimed items and starts each on
 * its own, so a slow item holds one slot and never delays the items behind it. Used by webhook deliveries and by
 * replies going out on channels; their claims use FOR UPDATE SKIP LOCKED and a lease, so nodes share the work.
 */
export function createPollingWorker<Item>(options: PollingWorkerOptions<Item>) {
  const inFlight = new Set<Promise<void>>();
  const inFlightByKey = new Map<string, number>();
  const onError = options.onError ?? (() => {});
  const perKey = options.perKeyConcurrency ?? Number.POSITIVE_INFINITY;
  let timer: NodeJS.Timeout | null = null;
  let ticking = false;

  const release = (key: string | null) => {
    if (key === null) return;
    const left = (inFlightByKey.get(key) ?? 1) - 1;
    if (left > 0) inFlightByKey.set(key, left);
    else inFlightByKey.delete(key);
  };

  async function tick() {
    if (ticking) return;
    ticking = true;
    try {
      const busyKeys = [...inFlightByKey].filter(([, count]) => count >= perKey).map(([key]) => key);
      const free = options.concurrency - inFlight.size;
      const claimed = free > 0 ? await options.claim(free, busyKeys) : [];
      for (const item of claimed) {
        const key = options.keyOf?.(item) ?? null;
        if (key !== null) inFlightByKey.set(key, (inFlightByKey.get(key) ?? 0) + 1);
        const running: Promise<void> = options.run(item).catch(onError).finally(() => {
          inFlight.delete(running);
          release(key);
        });
        inFlight.add(running);
      }
    } catch (error) {
      onError(error);
    } finally {
      ticking = false;
    }
  }

  return {
    tick,
    /** Resolves when every item in flight has finished (tests). */
    settled: () => Promise.all([...inFlight]).then(() => undefined),
    start() {
      timer ??= setInterval(() => void tick(), options.intervalMs ?? 1000);
      void tick();
    },
    /** Stops claiming and waits for the items in flight. */
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      while (ticking) await new Promise((resolve) => setTimeout(resolve, 10));
      await Promise.all([...inFlight]);
    },
  };
}
