/**
 * The browser SDK (docs/events.md), part of the loader: `Touchpoint('track', name, props)`, `('page', name?, props?)`,
 * `('identify', userId, traits, { userHash })`, `('alias', previousId?)`. Calls made before the loader ran wait in
 * the host snippet's queue (`Touchpoint.q`) and are replayed in order. Events go out in small batches to the widget's
 * public endpoint; a userId is sent only with its userHash, so the server never takes an unverified claim.
 */
type Call = [method: string, ...args: unknown[]];
type TouchpointFn = ((...call: Call) => void) & { q?: ArrayLike<unknown>[] };

const FLUSH_MS = 1500;
const MAX_BATCH = 20;

export function startSdk(server: string, channelKey: string) {
  const w = window as unknown as { Touchpoint?: TouchpointFn };
  const url = `${server}/widget/v1/${channelKey}/events`;
  const storageKey = `tp_anon_${channelKey}`;
  const id = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`);
  let anonymousId = '';
  try {
    anonymousId = localStorage.getItem(storageKey) || '';
    if (!anonymousId) localStorage.setItem(storageKey, (anonymousId = id()));
  } catch {
    anonymousId = id();
  }
  let user: { userId: string; userHash: string } | null = null;
  let queue: Record<string, unknown>[] = [];
  let timer = 0;

  const flush = (leaving?: boolean) => {
    clearTimeout(timer);
    timer = 0;
    while (queue.length > 0) {
      const batch = queue.slice(0, MAX_BATCH);
      queue = queue.slice(MAX_BATCH);
      void fetch(url, { method: 'POST', keepalive: leaving, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ batch, ...(user ?? {}) }) }).catch(() => {
        // Offline or blocked: the events are dropped (the SDK keeps no disk queue).
      });
    }
  };
  const push = (item: Record<string, unknown>) => {
    queue.push({ messageId: id(), timestamp: new Date().toISOString(), anonymousId, ...(user ? { userId: user.userId } : {}), ...item });
    if (queue.length >= MAX_BATCH) flush();
    else if (!timer) timer = window.setTimeout(flush, FLUSH_MS);
  };
  const props = (value: unknown) => (value && typeof value === 'object' ? value : {});

  const handle = (method: string, a?: unknown, b?: unknown, c?: unknown) => {
    if (method === 'track' && typeof a === 'string') push({ type: 'track', event: a, properties: props(b) });
    else if (method === 'page') push({ type: 'page', name: typeof a === 'string' ? a : document.title, properties: { path: location.pathname, url: location.href, title: document.title, referrer: document.referrer, ...props(typeof a === 'string' ? b : a) } });
    else if (method === 'identify' && typeof a === 'string') {
      const hash = (c as { userHash?: unknown } | undefined)?.userHash;
      // Only a hashed id is sent as the user; without one the traits stay on the anonymous visitor.
      user = typeof hash === 'string' ? { userId: a, userHash: hash } : null;
      push({ type: 'identify', traits: props(b) });
    } else if (method === 'alias' && user) push({ type: 'alias', previousId: typeof a === 'string' ? a : anonymousId });
  };
  const pending = w.Touchpoint?.q ?? [];
  const fn: TouchpointFn = (...call) => handle(...(call as [string, unknown?, unknown?, unknown?]));
  w.Touchpoint = fn;
  for (const call of Array.from(pending)) handle(...(Array.from(call) as [string, unknown?, unknown?, unknown?]));
  addEventListener('pagehide', () => flush(true));
}
