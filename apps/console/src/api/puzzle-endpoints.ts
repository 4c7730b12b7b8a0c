import { buildQuery, requestJson, uploadFile } from './client.ts';
import type { Locale } from './types.ts';

/** The daily puzzle (docs/puzzles.md): the calendar, one day's puzzle, pictures and per-day figures. */

export type PuzzleImageChoice = { kind: 'builtin'; key: string } | { kind: 'upload'; imageId: string };
export type PuzzleDeal = { kind: 'coupon'; poolId: string } | { kind: 'points'; points: number };

export interface Puzzle {
  id: string;
  day: string;
  gridSize: number;
  imageUrl: string;
  image: PuzzleImageChoice;
  deal: PuzzleDeal;
  dealText: Partial<Record<Locale, string>>;
  createdAt: string;
  updatedAt: string;
}

export interface PuzzleCalendar {
  today: string;
  timeZone: string;
  days: { day: string; puzzle: Puzzle | null }[];
  builtinImages: { key: string; url: string }[];
  gridSizes: { min: number; max: number };
}

export interface PuzzleDayStats {
  day: string;
  puzzleId: string;
  players: number;
  solvers: number;
  medianSeconds: number | null;
  couponsGranted: number;
  pointsGranted: number;
  dealsMissed: number;
}

export interface PuzzleInput {
  image: PuzzleImageChoice;
  gridSize: number;
  deal: PuzzleDeal;
  dealText: { en: string; ja?: string; zh?: string };
}

export interface CouponPoolSummary {
  id: string;
  name: string;
  kind: 'percent' | 'amount' | 'free_item';
  value: number;
  currency: string | null;
  stock?: { available: number; issued: number; redeemed: number };
}

const base = (accountId: string) => `/accounts/${encodeURIComponent(accountId)}`;

export const getPuzzleCalendar = (accountId: string, range: { from?: string; to?: string }, signal?: AbortSignal) =>
  requestJson<PuzzleCalendar>('GET', `${base(accountId)}/puzzles${buildQuery(range)}`, { signal });
export const savePuzzleDay = (accountId: string, day: string, input: PuzzleInput) => requestJson<Puzzle>('PUT', `${base(accountId)}/puzzles/${day}`, { body: input });
export const deletePuzzleDay = (accountId: string, day: string) => requestJson<void>('DELETE', `${base(accountId)}/puzzles/${day}`);
export const uploadPuzzleImage = (accountId: string, file: File) => uploadFile<{ id: string; url: string; fileName: string }>(`${base(accountId)}/puzzle-images`, file);
export const getPuzzleStats = (accountId: string, range: { from?: string; to?: string }, signal?: AbortSignal) =>
  requestJson<{ days: PuzzleDayStats[] }>('GET', `${base(accountId)}/puzzle-stats${buildQuery(range)}`, { signal });
export const listPuzzleCouponPools = (accountId: string, signal?: AbortSignal) => requestJson<{ pools: CouponPoolSummary[] }>('GET', `${base(accountId)}/coupon-pools`, { signal });
