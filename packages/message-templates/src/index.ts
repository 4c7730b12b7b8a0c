export * from './liquid-engine.ts';
export * from './built-in-templates.ts';
export * from './templates.ts';
export * from './render-template.ts';
export * from './send-template.ts';
