export interface FieldError {
  path: string;
  message: string;
}

/** An `application/problem+json` answer, or a network failure (status 0, code `network`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string | null,
    readonly fieldErrors: FieldError[] = [],
    readonly retryAfterSeconds: number | null = null,
    /** The whole problem+json body, for endpoints whose errors carry more than `path` (journeys' `stepId`). */
    readonly problem: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
    this.name = 'ApiError';
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** `retry-after` is either delay-seconds or an HTTP-date (RFC 9110 §10.2.3). */
export function parseRetryAfter(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.round((date - now) / 1000));
}

function readFieldErrors(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const record = item as Record<string, unknown>;
    const message = typeof record.message === 'string' ? record.message : null;
    if (!message) return [];
    return [{ path: typeof record.path === 'string' ? record.path : '', message }];
  });
}

export async function readApiError(response: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = await response.json();
    if (typeof parsed === 'object' && parsed !== null) body = parsed as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy error page, say): fall back to the status line.
  }
  const text = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : null);
  return new ApiError(
    response.status,
    text('code') ?? `http_${response.status}`,
    text('title') ?? (response.statusText || `HTTP ${response.status}`),
    text('detail'),
    readFieldErrors(body.errors),
    parseRetryAfter(response.headers.get('retry-after')),
    body,
  );
}
