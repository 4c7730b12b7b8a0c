export * from './coupon-codes.ts';
export * from './coupon-pools.ts';
export * from './coupon-issue.ts';
export * from './coupon-redemption.ts';
export * from './points-ledger.ts';
export * from './coupon-changes.ts';
