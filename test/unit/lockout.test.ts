import { describe, expect, it } from 'vitest';
import type { LockoutState } from '../../electron/core/crypto/keyslots.ts';
import { afterFailure, FIRST_LOCKOUT_MS, isLocked, NO_FAILURES, pruneUnknown } from '../../electron/core/areas/auth/lockout.ts';

describe('lock-out', () => {
  it('locks on the fifth failure for 5 minutes, then 10, then 20', () => {
    let state = NO_FAILURES;
    const now = 1_000_000;
    for (let i = 0; i < 4; i++) state = afterFailure(state, now);
    expect(isLocked(state, now)).toBe(false);
    state = afterFailure(state, now);
    expect(state.lockedUntil).toBe(now + FIRST_LOCKOUT_MS);
    for (const expected of [2, 4]) {
      for (let i = 0; i < 5; i++) state = afterFailure(state, now);
      expect(state.lockedUntil).toBe(now + FIRST_LOCKOUT_MS * expected);
    }
  });

  it('keeps the counters of unknown names bounded, dropping the least recently tried, never a known user', () => {
    const lockouts: Record<string, LockoutState> = { boss: { failures: 4, lockedUntil: 0, lockouts: 0, at: 1 } };
    for (let i = 0; i < 12; i++) lockouts[`made-up-${i}`] = { failures: 1, lockedUntil: 0, lockouts: 0, at: 100 + i };
    pruneUnknown(lockouts, new Set(['boss']), 10);
    expect(Object.keys(lockouts)).toHaveLength(11);
    expect(lockouts.boss?.failures).toBe(4);
    expect(lockouts['made-up-0']).toBeUndefined();
    expect(lockouts['made-up-1']).toBeUndefined();
    expect(lockouts['made-up-11']).toBeDefined();
  });
});
