export * from './graph-api.ts';
export * from './meta-adapter.ts';
export * from './meta-inbound.ts';
export * from './meta-payload.ts';
export * from './meta-reply-plan.ts';
export * from './meta-signature.ts';
