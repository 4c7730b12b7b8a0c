export * from './channel-adapter.ts';
export * from './channel-settings.ts';
export * from './delivery.ts';
export * from './inbound.ts';
export * from './api-channel.ts';
export * from './media-links.ts';
export * from './web-chat/index.ts';
