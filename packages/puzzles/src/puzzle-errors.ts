import { AppError } from '@touchpoint/core';

export const puzzleNotSolved = () =>
  new AppError('puzzle_not_solved', 'Puzzle not solved', 'These moves, replayed from the puzzle’s starting shuffle, do not complete the picture. Nothing was granted.');
export const puzzleSessionExpired = (why: 'expired' | 'other_day') =>
  new AppError('puzzle_session_expired', 'Puzzle session expired', why === 'other_day'
    ? 'This play was for another day’s puzzle. Start today’s puzzle instead; nothing was granted.'
    : 'This play has expired. Start the puzzle again; nothing was granted.');
export const puzzleSessionUsed = () =>
  new AppError('puzzle_session_used', 'Puzzle session already submitted', 'This play has already been submitted; a play counts once. Nothing more was granted.');
