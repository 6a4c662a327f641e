import { DomainError, type ErrorKind } from '../core/errors';

/** The one place that maps error kinds to HTTP status codes. */
const STATUS_BY_KIND: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  unavailable: 503,
};

export interface ErrorResponse {
  statusCode: number;
  body: { error: { code: string; message: string; details?: readonly unknown[] } };
}

/**
 * Turns any thrown value into a response. Domain errors keep their code, message and details;
 * anything else is a 500 whose body says nothing about the cause (it is logged instead).
 */
export function toErrorResponse(error: unknown): ErrorResponse {
  if (error instanceof DomainError) {
    return {
      statusCode: STATUS_BY_KIND[error.kind],
      body: {
        error: {
          code: error.code,
          message: error.message,
          ...(error.details && error.details.length > 0 ? { details: error.details } : {}),
        },
      },
    };
  }
  return {
    statusCode: 500,
    body: { error: { code: 'INTERNAL_ERROR', message: 'An unexpected error occurred. It has been logged.' } },
  };
}
