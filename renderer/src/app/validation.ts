import type { TFunction } from 'i18next';
import type { z } from 'zod';

/** A zod issue as the UI needs it; server VALIDATION details have the same shape (maybe fewer fields). */
export type IssueLike = {
  path?: readonly PropertyKey[];
  code?: string;
  message?: string;
  minimum?: unknown;
  maximum?: unknown;
  origin?: string;
  format?: string;
  expected?: string;
  /** invalid_union: the problems of each alternative. */
  errors?: readonly (readonly IssueLike[])[];
};

/** Field path (`name`, `contacts.0.email`) → the first problem found there. */
export type FieldErrors = Record<string, IssueLike>;

/** Messages our shared schemas set on purpose; each has its own translation. */
const CUSTOM_MESSAGES = new Set(['phone', 'email', 'date', 'website', 'username', 'passwordMismatch', 'commonPassword', 'containsUsername', 'wrongPassword', 'wholeNumber']);

export function fieldKey(path: readonly PropertyKey[] | undefined): string {
  return (path ?? []).map(String).join('.');
}

export function toFieldErrors(issues: readonly IssueLike[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = fieldKey(issue.path);
    errors[key] ??= issue;
  }
  return errors;
}

export function validate<S extends z.ZodType>(schema: S, values: unknown): FieldErrors {
  const result = schema.safeParse(values);
  return result.success ? {} : toFieldErrors(result.error.issues as IssueLike[]); // zod issues carry more than IssueLike reads
}

/** Server VALIDATION details: an array of zod issues. Anything else yields no field errors. */
export function serverFieldErrors(details: unknown): FieldErrors {
  if (!Array.isArray(details)) return {};
  const issues = details.filter((d): d is IssueLike => typeof d === 'object' && d !== null && Array.isArray((d as IssueLike).path)); // checked just here
  return toFieldErrors(issues);
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  return undefined;
}

export function issueMessage(t: TFunction, issue: IssueLike): string {
  if (issue.message && CUSTOM_MESSAGES.has(issue.message)) return t(`validation.${issue.message}`);
  // A union (an e-mail is '' or an address or its masked form) fails as a whole: say what the
  // alternatives say, when one of them carries a message of ours.
  if (issue.code === 'invalid_union' && issue.errors) {
    const inner = issue.errors.flat().find((i) => i.message && CUSTOM_MESSAGES.has(i.message));
    if (inner) return issueMessage(t, inner);
  }
  const isArray = issue.origin === 'array';
  if (issue.origin === 'number' && issue.code === 'too_small') return t('validation.numberMin', { min: asNumber(issue.minimum) ?? 0 });
  if (issue.origin === 'number' && issue.code === 'too_big') return t('validation.numberMax', { max: asNumber(issue.maximum) ?? 0 });
  if (issue.code === 'invalid_type' && issue.expected === 'int') return t('validation.wholeNumber');
  switch (issue.code) {
    case 'too_small': {
      const min = asNumber(issue.minimum) ?? 1;
      if (min <= 1 && !isArray) return t('validation.required');
      return t(isArray ? 'validation.tooFewItems' : 'validation.tooShort', { count: min });
    }
    case 'too_big': {
      const max = asNumber(issue.maximum) ?? 0;
      return t(isArray ? 'validation.tooManyItems' : 'validation.tooLong', { count: max });
    }
    case 'invalid_format':
      return issue.format === 'email' ? t('validation.email') : t('validation.invalidFormat');
    case 'invalid_type':
      return t('validation.required');
    case 'invalid_value':
      return t('validation.invalidChoice');
    default:
      return issue.message ? t('validation.invalidWithReason', { reason: issue.message }) : t('validation.invalid');
  }
}
