export * from './twilio-api.ts';
export * from './twilio-signature.ts';
export * from './sms-inbound.ts';
export * from './sms-media.ts';
export * from './sms-status.ts';
export * from './sms-adapter.ts';
