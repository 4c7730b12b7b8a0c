export * from './consent.ts';
export * from './customer-conversations.ts';
export * from './customer-profile.ts';
export * from './customer-sessions.ts';
export * from './portal-accounts.ts';
export * from './sign-in-email.ts';
export * from './sign-in-links.ts';
