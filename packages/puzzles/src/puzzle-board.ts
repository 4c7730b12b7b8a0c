import { randomInt } from 'node:crypto';

/** Pieces per side a puzzle may have (3×3 … 6×6). */
export const MIN_GRID_SIZE = 3;
export const MAX_GRID_SIZE = 6;
/** More moves than any honest solve needs on a 6×6 board; a longer list is refused before it is replayed. */
export const MAX_MOVES = 2000;

/** A swap of the pieces in two slots (slot = row × gridSize + column). */
export type PuzzleMove = readonly [number, number];

/**
 * A uniformly random arrangement of `pieces` pieces (Fisher–Yates over the crypto RNG): `arrangement[slot]` is the
 * piece shown in that slot. Never the solved arrangement, so every play needs at least one move.
 */
export function shufflePieces(pieces: number): number[] {
  for (;;) {
    const arrangement = Array.from({ length: pieces }, (_, slot) => slot);
    for (let i = pieces - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [arrangement[i], arrangement[j]] = [arrangement[j]!, arrangement[i]!];
    }
    if (!isSolvedArrangement(arrangement)) return arrangement;
  }
}

export const isSolvedArrangement = (arrangement: readonly number[]) => arrangement.every((piece, slot) => piece === slot);

/** The slots a move names that are off the board, if any (for a 400 naming the move). */
export function findInvalidMove(moves: readonly PuzzleMove[], pieces: number): number | null {
  const index = moves.findIndex(([a, b]) => !Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b < 0 || a >= pieces || b >= pieces);
  return index === -1 ? null : index;
}

/** Replays swaps from the server's shuffle and returns the arrangement they lead to (the shuffle is not changed). */
export function applyMoves(shuffle: readonly number[], moves: readonly PuzzleMove[]): number[] {
  const arrangement = [...shuffle];
  for (const [a, b] of moves) [arrangement[a], arrangement[b]] = [arrangement[b]!, arrangement[a]!];
  return arrangement;
}

/** The fewest swaps that sort an arrangement (each puts one piece home): for demo data, benchmarks and tests. */
export function findSolvingMoves(arrangement: readonly number[]): PuzzleMove[] {
  const board = [...arrangement];
  const moves: PuzzleMove[] = [];
  for (let slot = 0; slot < board.length; slot++) {
    const from = board.indexOf(slot);
    if (from === slot) continue;
    moves.push([slot, from]);
    [board[slot], board[from]] = [board[from]!, board[slot]!];
  }
  return moves;
}
