export * from './orders.ts';
export * from './return-policy.ts';
export * from './eligibility.ts';
export * from './returns.ts';
export * from './return-photos.ts';
export * from './return-slip.ts';
export * from './shopify.ts';
export * from './return-notifications.ts';
