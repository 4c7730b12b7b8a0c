export * from './canned-replies.ts';
export * from './conversations.ts';
export * from './labels.ts';
export * from './messages.ts';
export * from './notifications.ts';
export * from './ticket-updates.ts';
export * from './custom-statuses.ts';
