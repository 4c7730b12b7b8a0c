import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldError } from '@touchpoint/core';

export const PROBLEM_TYPE_BASE = 'https://touchpoint.dev/problems/';

export function sendProblem(reply: FastifyReply, request: FastifyRequest, error: AppError) {
  if (error.extra.retryAfterSeconds) reply.header('retry-after', String(error.extra.retryAfterSeconds));
  return reply
    .code(error.status)
    .type('application/problem+json')
    .send({
      type: PROBLEM_TYPE_BASE + error.code,
      title: error.title,
      status: error.status,
      code: error.code,
      detail: error.detail,
      ...(error.extra.errors ? { errors: error.extra.errors } : {}),
      instance: request.url.split('?')[0],
      requestId: request.id,
    });
}

interface ZodLikeIssue {
  path?: (string | number)[];
  instancePath?: string;
  message?: string;
  params?: { issue?: { path?: (string | number)[]; message?: string } };
}

function describeValidation(error: FastifyError): FieldError[] {
  const where = error.validationContext ?? 'body';
  return (error.validation as ZodLikeIssue[] | undefined ?? []).map((issue) => {
    const path = issue.params?.issue?.path ?? issue.path ?? (issue.instancePath ? issue.instancePath.split('/').filter(Boolean) : []);
    return { path: [where === 'body' ? '' : where, ...path].filter((part) => part !== '').join('.'), message: issue.params?.issue?.message ?? issue.message ?? 'is invalid' };
  });
}

/** Translates framework errors into the one error vocabulary; anything unknown is a logged 500 without details. */
export function toAppError(error: FastifyError | Error): AppError {
  if (error instanceof AppError) return error;
  const e = error as FastifyError;
  if (e.validation) {
    const errors = describeValidation(e);
    return new AppError('validation_failed', 'Invalid request', errors.map((x) => `${x.path || 'body'}: ${x.message}`).join('; '), { errors });
  }
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('malformed_body', 'Malformed body', e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? 'The body is empty but the content type says JSON.' : 'The body is not valid JSON.');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large', 'Body too large', e.message);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type', 'Unsupported media type', 'Send the body as application/json.');
  }
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    return new AppError(e.statusCode === 404 ? 'not_found' : 'malformed_body', 'Bad request', e.message);
  }
  return new AppError('internal', 'Internal error', 'Something went wrong on our side; the request id helps find it in the logs.');
}

export function registerProblemHandlers(app: FastifyInstance) {
  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error as Error);
    if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendProblem(reply, request, appError);
  });
}
