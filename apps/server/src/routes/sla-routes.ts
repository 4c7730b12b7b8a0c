import type { AnyRouteSpec } from '../http/route.ts';

/** Teams, business hours and SLA policies. */
export const slaRoutes: AnyRouteSpec[] = [];
