import { describe, expect, it } from 'vitest';
import { addDays, isValidDay, localDayOf } from './local-day.ts';
import { applyMoves, findInvalidMove, isSolvedArrangement, type PuzzleMove, shufflePieces } from './puzzle-board.ts';
import { BUILTIN_IMAGES, renderBuiltinImage } from './builtin-images.ts';

/** The swaps that sort an arrangement (selection sort), as an honest client would end up making. */
function solvingMoves(arrangement: number[]): PuzzleMove[] {
  const board = [...arrangement];
  const moves: PuzzleMove[] = [];
  for (let slot = 0; slot < board.length; slot++) {
    const from = board.indexOf(slot);
    if (from !== slot) {
      moves.push([slot, from]);
      [board[slot], board[from]] = [board[from]!, board[slot]!];
    }
  }
  return moves;
}

describe('the puzzle board', () => {
  it('shuffles every piece exactly once and never hands out a solved board', () => {
    for (let i = 0; i < 200; i++) {
      const shuffle = shufflePieces(9);
      expect([...shuffle].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
      expect(isSolvedArrangement(shuffle)).toBe(false);
    }
  });

  it('spreads pieces evenly over the slots (each piece lands in each slot about equally often)', () => {
    const counts = Array.from({ length: 4 }, () => new Array<number>(4).fill(0));
    for (let i = 0; i < 4000; i++) shufflePieces(4).forEach((piece, slot) => counts[slot]![piece]!++);
    for (const row of counts) for (const n of row) expect(n).toBeGreaterThan(700);
  });

  it('replays swaps from the shuffle to the solved picture without changing the shuffle', () => {
    const shuffle = shufflePieces(36);
    const copy = [...shuffle];
    const moves = solvingMoves(shuffle);
    expect(isSolvedArrangement(applyMoves(shuffle, moves))).toBe(true);
    expect(shuffle).toEqual(copy);
    expect(isSolvedArrangement(applyMoves(shuffle, moves.slice(0, -1)))).toBe(false);
  });

  it('names the first move that leaves the board', () => {
    expect(findInvalidMove([[0, 1], [2, 9]], 9)).toBe(1);
    expect(findInvalidMove([[0, 1.5]], 9)).toBe(0);
    expect(findInvalidMove([[-1, 0]], 9)).toBe(0);
    expect(findInvalidMove([[8, 0]], 9)).toBeNull();
  });
});

describe('the puzzle calendar', () => {
  it('reads today in the account’s time zone', () => {
    const at = new Date('2026-03-01T20:30:00Z');
    expect(localDayOf(at, 'UTC')).toBe('2026-03-01');
    expect(localDayOf(at, 'Asia/Tokyo')).toBe('2026-03-02');
    expect(localDayOf(at, 'America/Los_Angeles')).toBe('2026-03-01');
  });

  it('moves across months and leap days and refuses impossible dates', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(isValidDay('2026-02-30')).toBe(false);
    expect(isValidDay('2026-2-3')).toBe(false);
  });
});

describe('the built-in pictures', () => {
  it('are plain SVG drawings with no script or external reference', () => {
    for (const key of BUILTIN_IMAGES) {
      const markup = renderBuiltinImage(key);
      expect(markup.startsWith('<svg')).toBe(true);
      expect(markup).not.toMatch(/<script|href=|on\w+=/i);
    }
  });
});
