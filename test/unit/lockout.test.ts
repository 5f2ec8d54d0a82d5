import { describe, expect, it } from 'vitest';
import { afterFailure, FIRST_LOCKOUT_MS, isLocked, NO_FAILURES } from '../../electron/core/services/lockout.ts';

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
});
