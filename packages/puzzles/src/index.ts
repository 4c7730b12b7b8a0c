export * from './builtin-images.ts';
export * from './local-day.ts';
export * from './puzzle-board.ts';
export * from './puzzle-errors.ts';
export * from './puzzle-images.ts';
export * from './puzzle-schedule.ts';
export * from './puzzle-play.ts';
export * from './puzzle-stats.ts';
