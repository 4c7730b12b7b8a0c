import { ApiError, type Api, type Problem } from '../api.ts';

export interface Commit { playId: string; unlockId: string; campaignId: string; serverSeedHash: string; nonce: number; algorithm: string; status: 'committed' | 'played' }
export interface Receipt {
  playId: string; campaignSlug: string; campaignName: string; algorithm: string; serverSeedHash: string; serverSeed: string; clientSeed: string; nonce: number; roll: number;
  table: { id: string; label: string; kind: string; weight: number }[]; drawnPrizeId: string | null; prizeId: string | null; outcome: 'won' | 'lost'; fallback: boolean;
  prize: { label: string; kind: string } | null; playedAt: string;
}
export interface PlayResult { receipt: Receipt; couponCode: string | null; points: number | null; replayed?: boolean }
export interface CustomerGame {
  id: string; slug: string; name: string; kind: 'order_game' | 'draw'; cardCount: number; endsAt: string | null;
  progress: { counted: number; required: number } | null;
  unlocked: { unlockId: string; unlockedAt: string; commit: Commit | null }[];
  history: PlayResult[];
}

const randomHex = (bytes: number) => Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, '0')).join('');

/** A random id this browser keeps for the per-device limit (best effort: clearing storage makes a new one). */
export function deviceId() {
  try {
    const known = localStorage.getItem('tp-device-id');
    if (known) return known;
    const made = randomHex(16);
    localStorage.setItem('tp-device-id', made);
    return made;
  } catch {
    return null;
  }
}

/**
 * The client seed and idempotency key of one play, kept for the session: a retry after a lost answer sends the same
 * pair, so the server answers the same result instead of refusing it as a replay.
 */
export function playKeys(playId: string) {
  const storageKey = `tp-play-${playId}`;
  try {
    const kept = sessionStorage.getItem(storageKey);
    if (kept) return JSON.parse(kept) as { clientSeed: string; idempotencyKey: string };
  } catch {
    // Private mode without storage: fresh keys, still one play.
  }
  const keys = { clientSeed: randomHex(16), idempotencyKey: randomHex(16) };
  try {
    sessionStorage.setItem(storageKey, JSON.stringify(keys));
  } catch {
    // ignore
  }
  return keys;
}

async function call<T>(api: Api, csrfToken: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${api.base}${path}`, {
    method, credentials: 'same-origin',
    headers: { accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}), ...(method === 'POST' ? { 'x-csrf-token': csrfToken } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError({ status: response.status, code: (data as Problem).code ?? 'error', detail: (data as Problem).detail });
  return data as T;
}

export const gamesApi = (api: Api, csrfToken: string) => ({
  list: () => call<{ games: CustomerGame[] }>(api, csrfToken, 'GET', '/games'),
  enter: (campaignId: string) => call<{ id: string }>(api, csrfToken, 'POST', `/games/${campaignId}/enter`),
  commit: (unlockId: string) => call<Commit>(api, csrfToken, 'POST', `/game-unlocks/${unlockId}/commit`),
  play: (commit: Commit) => call<PlayResult>(api, csrfToken, 'POST', `/game-plays/${commit.playId}/play`, { ...playKeys(commit.playId), nonce: commit.nonce, deviceId: deviceId() }),
});
