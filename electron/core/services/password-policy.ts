// Password rules beyond the contract's length check: not the user name, not one of the 10,000
// most common passwords (the ranked list shipped with zxcvbn-ts, the password-strength library the
// set-up screen already uses for its hint).
import { dictionary } from '@zxcvbn-ts/language-common';
import { AppFailure } from '../../../shared/errors.ts';

const COMMON = new Set((dictionary['passwords-common'] as string[]).slice(0, 10_000).map((word) => word.toLowerCase()));

/** Throws VALIDATION on `field` when the password breaks a rule. */
export function checkPassword(password: string, username: string, field: string): void {
  const lower = password.toLowerCase();
  const name = username.trim().toLowerCase();
  if (name.length >= 3 && lower.includes(name)) {
    throw new AppFailure('VALIDATION', 'the password must not contain the user name', [{ path: [field], message: 'containsUsername' }]);
  }
  if (COMMON.has(lower)) {
    throw new AppFailure('VALIDATION', 'this password is one of the most common ones; choose another', [{ path: [field], message: 'commonPassword' }]);
  }
}
