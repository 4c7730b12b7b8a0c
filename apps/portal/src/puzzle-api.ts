/** The daily puzzle's portal API (`/api/portal/<handle>/puzzle/...`), beside the portal's own client (same cookie and CSRF token). */
import { ApiError, type Problem } from './api.ts';

export interface PuzzleSession {
  id: string;
  gridSize: number;
  /** arrangement[slot] = the piece in that slot at the start (the server's shuffle). */
  arrangement: number[];
  startedAt: string;
  expiresAt: string;
}

export interface PuzzleDeal {
  kind: 'coupon' | 'points' | 'missed';
  text: string;
  code: string | null;
  points: number | null;
  offer: { kind: string; value: number; currency: string | null; minSpendMinor: number | null; expiresAt: string | null } | null;
}

export interface PuzzleSolve {
  seconds: number;
  moves: number;
  solvedAt: string;
  deal: PuzzleDeal;
}

export interface TodaysPuzzle {
  day: string;
  /** On a day without a puzzle: the next day that has one (YYYY-MM-DD in the business's time zone). */
  nextDay: string | null;
  puzzle: { id: string; gridSize: number; imageUrl: string; dealKind: 'coupon' | 'points' } | null;
  session: PuzzleSession | null;
  solved: PuzzleSolve | null;
}

export type PuzzleMove = [number, number];

export function createPuzzleApi(base: string, csrfToken: string) {
  async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
    const response = await fetch(`${base}${path}`, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
    const data = (await response.json().catch(() => ({}))) as Partial<Problem>;
    if (!response.ok) throw new ApiError({ status: response.status, code: data.code ?? 'error', detail: data.detail, errors: data.errors });
    return data as T;
  }
  return {
    today: (locale: string) => call<TodaysPuzzle>('GET', `/puzzle/today?locale=${locale}`),
    start: () => call<{ session: PuzzleSession; resumed: boolean }>('POST', '/puzzle/sessions'),
    submit: (sessionId: string, moves: PuzzleMove[], locale: string) => call<{ granted: boolean; solved: PuzzleSolve }>('POST', `/puzzle/sessions/${sessionId}/solution?locale=${locale}`, { moves }),
  };
}
