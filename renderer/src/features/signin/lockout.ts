import { detailsOf, fieldIssuesOf } from '../../../../shared/error-details.ts';
import type { AppError } from '../../../../shared/errors.ts';

/** When sign-in opens again, from a LOCKED_OUT error's details (`retryAt`, ms since epoch). */
export function lockedUntil(error: AppError, now: number): number | null {
  const details = detailsOf(error, 'LOCKED_OUT');
  if (!details) return null;
  return Number.isFinite(details.retryAt) ? details.retryAt : now + details.retryInSeconds * 1000;
}

/** From a BAD_PASSWORD error: `{ attemptsLeft }` (sign-in), or on the field's issue (the current password in a password change). */
export function attemptsLeft(error: AppError): number | null {
  const details = detailsOf(error, 'BAD_PASSWORD');
  if (details && 'attemptsLeft' in details) return details.attemptsLeft;
  for (const issue of fieldIssuesOf(error)) if ('attemptsLeft' in issue && issue.attemptsLeft !== undefined) return issue.attemptsLeft;
  return null;
}
