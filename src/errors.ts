// One set of error codes for the whole product, each with its HTTP status. Services throw AppError;
// the HTTP error handler turns it into `{ error: { code, message, details } }`.

export const ERROR_STATUS = {
  validation_failed: 400,
  invalid_json: 400,
  invalid_token: 400,
  unauthorized: 401,
  email_not_confirmed: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payment_required: 402,
  insufficient_credits: 402,
  payload_too_large: 413,
  range_not_satisfiable: 416,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  service_unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    /** Extra response headers, e.g. Retry-After for rate limits. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what = 'Resource') => new AppError('not_found', `${what} not found`);
export const unauthorized = (message = 'Authentication required') => new AppError('unauthorized', message);
export const badRequest = (field: string, message: string) =>
  new AppError('validation_failed', `${field}: ${message}`, { field });
