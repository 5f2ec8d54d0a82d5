/** When sign-in opens again, from LOCKED_OUT details (`retryAt` ms epoch and/or `retryInSeconds`). */
export function lockedUntil(details: unknown, now: number): number | null {
  if (typeof details !== 'object' || details === null) return null;
  const { retryAt, retryInSeconds } = details as { retryAt?: unknown; retryInSeconds?: unknown }; // read defensively below
  if (typeof retryAt === 'number' && Number.isFinite(retryAt)) return retryAt;
  if (typeof retryInSeconds === 'number' && Number.isFinite(retryInSeconds)) return now + retryInSeconds * 1000;
  return null;
}

/** From BAD_PASSWORD details: `{ attemptsLeft }` (sign-in), or on the field's issue (the current password in a password change). */
export function attemptsLeft(details: unknown): number | null {
  if (Array.isArray(details)) {
    for (const issue of details) {
      const left = attemptsLeft(issue);
      if (left !== null) return left;
    }
    return null;
  }
  if (typeof details !== 'object' || details === null) return null;
  const value = (details as { attemptsLeft?: unknown }).attemptsLeft; // read defensively below
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
