export * from './delight-periods.ts';
export * from './gift-sender.ts';
export * from './delight-budgets.ts';
export * from './delight-card.ts';
export * from './delight-text.ts';
export * from './delight-gestures.ts';
export * from './delight-report.ts';
export * from './delight-email.ts';
