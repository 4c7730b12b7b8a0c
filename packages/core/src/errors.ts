/** One error vocabulary for every domain; apps/server maps it to application/problem+json in one place. */
export type ErrorCode =
  | 'validation_failed'
  | 'unauthenticated'
  | 'invalid_credentials'
  | 'csrf_failed'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'last_admin'
  | 'already_member'
  | 'invitation_expired'
  | 'rate_limited'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'service_unavailable'
  | 'malformed_body'
  | 'internal'
  | 'unprocessable'
  | 'out_of_stock'
  | 'already_redeemed'
  | 'coupon_invalid'
  | 'insufficient_points'
  | 'already_settled'
  | 'over_budget'
  | 'already_claimed'
  | 'gift_expired'
  | 'play_refused'
  | 'limit_reached'
  | 'game_closed'
  | 'puzzle_not_solved'
  | 'puzzle_session_expired'
  | 'puzzle_session_used'
  | 'post_blocked';

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  csrf_failed: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  last_admin: 409,
  already_member: 409,
  invitation_expired: 410,
  rate_limited: 429,
  payload_too_large: 413,
  unsupported_media_type: 415,
  service_unavailable: 503,
  malformed_body: 400,
  internal: 500,
  unprocessable: 422,
  out_of_stock: 409,
  already_redeemed: 409,
  coupon_invalid: 422,
  insufficient_points: 409,
  already_settled: 409,
  over_budget: 409,
  already_claimed: 409,
  gift_expired: 410,
  play_refused: 409,
  limit_reached: 409,
  game_closed: 409,
  puzzle_not_solved: 422,
  puzzle_session_expired: 410,
  puzzle_session_used: 409,
  post_blocked: 422,
};

export interface FieldError {
  path: string;
  message: string;
  /** Set when the error is about one step of a journey definition. */
  stepId?: string;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly title: string,
    readonly detail?: string,
    readonly extra: { errors?: FieldError[]; retryAfterSeconds?: number } = {},
  ) {
    super(detail ?? title);
    this.status = STATUS_BY_CODE[code];
  }
}

export const notFound = (what = 'resource') => new AppError('not_found', 'Not found', `No such ${what}.`);
export const forbidden = (detail = 'You do not have permission to do this.') => new AppError('forbidden', 'Forbidden', detail);
export const conflict = (detail: string) => new AppError('conflict', 'Conflict', detail);
export const validationFailed = (errors: FieldError[]) =>
  new AppError('validation_failed', 'Invalid request', errors.map((e) => `${e.path || 'body'}: ${e.message}`).join('; '), { errors });

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
