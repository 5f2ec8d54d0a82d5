// Lock-out after wrong passwords: five failures lock the user name for 5 minutes, and each further
// lock-out doubles the time. Pure functions over the counters kept in keyslots.json; vault.ts
// charges each attempt before testing it (see unlockCharged there).
import type { LockoutState } from '../../crypto/keyslots.ts';

export const MAX_FAILURES = 5;
export const FIRST_LOCKOUT_MS = 5 * 60_000;
/**
 * Most counters kept for names without a key slot. Unknown names are counted like known ones, so
 * the answers do not tell which names exist; this cap keeps a flood of made-up names from growing
 * keyslots.json without limit.
 */
export const MAX_UNKNOWN_NAMES = 1000;

export const NO_FAILURES: LockoutState = { failures: 0, lockedUntil: 0, lockouts: 0 };

export function isLocked(state: LockoutState, now: number): boolean {
  return state.lockedUntil > now;
}

/** The counters after one more wrong password. */
export function afterFailure(state: LockoutState, now: number): LockoutState {
  const failures = state.failures + 1;
  if (failures < MAX_FAILURES) return { ...state, failures, at: now };
  const lockouts = state.lockouts + 1;
  return { failures: 0, lockouts, lockedUntil: now + FIRST_LOCKOUT_MS * 2 ** (lockouts - 1), at: now };
}

/**
 * Drops the counters of names outside `known` beyond `max`, least recently tried first. Counters
 * of existing users are never dropped: otherwise a flood of made-up names would reset them.
 */
export function pruneUnknown(lockouts: Record<string, LockoutState>, known: ReadonlySet<string>, max = MAX_UNKNOWN_NAMES): void {
  const unknown = Object.keys(lockouts).filter((key) => !known.has(key));
  if (unknown.length <= max) return;
  unknown.sort((a, b) => (lockouts[a]!.at ?? 0) - (lockouts[b]!.at ?? 0)); // keys taken from the record itself
  for (const key of unknown.slice(0, unknown.length - max)) delete lockouts[key];
}
