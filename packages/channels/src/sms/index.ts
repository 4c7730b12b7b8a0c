export * from './twilio-signature.ts';
export * from './sms-inbound.ts';
export * from './sms-adapter.ts';
