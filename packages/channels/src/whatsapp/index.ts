export * from './whatsapp-adapter.ts';
export * from './whatsapp-graph.ts';
export * from './whatsapp-inbound.ts';
export * from './whatsapp-payload.ts';
export * from './whatsapp-signature.ts';
export * from './whatsapp-template-text.ts';
export * from './whatsapp-templates.ts';
export * from './whatsapp-window.ts';
