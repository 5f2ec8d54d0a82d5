// Error codes are a closed list: the renderer has a message for each in both languages.
import type { ErrorDetails } from './error-details.ts';
export const ERROR_CODES = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'LOCKED_OUT',
  'TOO_LARGE',
  'CORRUPT',
  'UNSUPPORTED_VERSION',
  'ALREADY_INITIALISED',
  'NOT_INITIALISED',
  'BAD_PASSWORD',
  /** Signed in with an initial or reset password: only changing it is allowed until then. */
  'PASSWORD_CHANGE_REQUIRED',
  'IO',
  /** A long job was cancelled by the user; nothing was left behind. */
  'CANCELLED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export type AppError = {
  code: ErrorCode;
  message: string;
  /** What `code` carries (shared/error-details.ts): produced through `fail`/`AppFailure`, read through `detailsOf`. */
  details?: ErrorDetails[ErrorCode];
};

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<C extends ErrorCode>(code: C, message: string, details?: ErrorDetails[C]): { ok: false; error: AppError } {
  return details === undefined ? { ok: false, error: { code, message } } : { ok: false, error: { code, message, details } };
}

/** Thrown inside the core and turned into a result value by the dispatcher. */
export class AppFailure<C extends ErrorCode = ErrorCode> extends Error {
  readonly code: C;
  readonly details: ErrorDetails[C] | undefined;
  constructor(code: C, message: string, details?: ErrorDetails[C]) {
    super(message);
    this.code = code;
    this.details = details;
  }
}
