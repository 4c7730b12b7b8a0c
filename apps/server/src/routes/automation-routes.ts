import type { AnyRouteSpec } from '../http/route.ts';

/** Automation rules, macros, auto-assignment settings and outgoing webhooks. */
export const automationRoutes: AnyRouteSpec[] = [];
