import type { AnyRouteSpec } from '../http/route.ts';

/** Issue 8 routes for this domain; filled in by its owner. */
export const gameRoutes: AnyRouteSpec[] = [];
