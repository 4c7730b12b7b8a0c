export * from './load-demo.ts';
export { DEMO_AGENTS, DEMO_PASSWORD } from './demo-content.ts';
