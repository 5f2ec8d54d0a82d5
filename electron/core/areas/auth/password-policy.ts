// Password rules beyond the contract's length check: not the user name (the rule the renderer also
// applies, from shared/password-rules.ts), not one of the 10,000 most common passwords (the ranked
// list shipped with zxcvbn-ts, the password-strength library the set-up screen uses for its hint).
import { dictionary } from '@zxcvbn-ts/language-common';
import { AppFailure } from '../../../../shared/errors.ts';
import { containsUsername } from '../../../../shared/password-rules.ts';
import type { ValidationMessage, WireIssue } from '../../../../shared/validation.ts';

const COMMON = new Set((dictionary['passwords-common'] as string[]).slice(0, 10_000).map((word) => word.toLowerCase()));

function refuse(field: string, message: ValidationMessage, text: string): never {
  const issue: WireIssue = { path: [field], code: 'custom', message };
  throw new AppFailure('VALIDATION', text, [issue]);
}

/** Throws VALIDATION on `field` when the password breaks a rule. */
export function checkPassword(password: string, username: string, field: string): void {
  if (containsUsername(password, username)) refuse(field, 'containsUsername', 'the password must not contain the user name');
  if (COMMON.has(password.toLowerCase())) refuse(field, 'commonPassword', 'this password is one of the most common ones; choose another');
}
