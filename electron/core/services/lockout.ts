// Lock-out after wrong passwords: five failures lock the user name for 5 minutes, and each further
// lock-out doubles the time. Pure functions over the counters kept in keyslots.json.
import type { LockoutState } from '../crypto/keyslots.ts';

export const MAX_FAILURES = 5;
export const FIRST_LOCKOUT_MS = 5 * 60_000;

export const NO_FAILURES: LockoutState = { failures: 0, lockedUntil: 0, lockouts: 0 };

export function isLocked(state: LockoutState, now: number): boolean {
  return state.lockedUntil > now;
}

/** The counters after one more wrong password. */
export function afterFailure(state: LockoutState, now: number): LockoutState {
  const failures = state.failures + 1;
  if (failures < MAX_FAILURES) return { ...state, failures };
  const lockouts = state.lockouts + 1;
  return { failures: 0, lockouts, lockedUntil: now + FIRST_LOCKOUT_MS * 2 ** (lockouts - 1) };
}
