import type { AnyRouteSpec } from '../http/route.ts';

/** Routes of the experience engine (issue 7). */
export const touchpointRoutes: AnyRouteSpec[] = [];
