export * from './fair-draw.ts';
export * from './campaigns.ts';
export * from './unlocks.ts';
export * from './plays.ts';
export * from './customer-games.ts';
export * from './campaign-stats.ts';
