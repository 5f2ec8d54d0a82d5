import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { fieldIssuesOf } from '../../../shared/error-details.ts';
import type { AppError } from '../../../shared/errors.ts';
import { isValidationMessage, toWireIssue } from '../../../shared/validation.ts';

/**
 * A problem of one field as the UI needs it: what the core sends in VALIDATION details
 * (shared/validation.ts WireIssue), what the shared schema finds here, or a form's own check.
 */
export type IssueLike = {
  path?: readonly PropertyKey[];
  code?: string;
  message?: string;
  minimum?: unknown;
  maximum?: unknown;
  origin?: string;
  format?: string;
  expected?: string;
};

/** Field path (`name`, `contacts.0.email`) → the first problem found there. */
export type FieldErrors = Record<string, IssueLike>;

/** Reasons only the renderer's own checks give (the core never sends these). */
export const RENDERER_MESSAGES = ['passwordMismatch', 'wholeNumber'] as const;

function isRendererMessage(value: unknown): boolean {
  return typeof value === 'string' && (RENDERER_MESSAGES as readonly string[]).includes(value);
}

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
  // The same conversion the core applies, so a problem reads the same from either side.
  return result.success ? {} : toFieldErrors(result.error.issues.map(toWireIssue));
}

/**
 * The field problems in an error's details: VALIDATION, and other codes that name a field
 * (CONFLICT "user name taken", BAD_PASSWORD on the current password). Anything else yields none.
 */
export function serverFieldErrors(error: AppError): FieldErrors {
  return toFieldErrors(fieldIssuesOf(error));
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  return undefined;
}

/**
 * The user's-language sentence for a problem. Never shows a code: a reason without a sentence of
 * its own (a newer core) reads "Not valid".
 */
export function issueMessage(t: TFunction, issue: IssueLike): string {
  if (isValidationMessage(issue.message) || isRendererMessage(issue.message)) return t(`validation.${issue.message}`);
  const isArray = issue.origin === 'array' || issue.origin === 'set';
  const isNumber = issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint';
  if (isNumber && issue.code === 'too_small') return t('validation.numberMin', { min: asNumber(issue.minimum) ?? 0 });
  if (isNumber && issue.code === 'too_big') return t('validation.numberMax', { max: asNumber(issue.maximum) ?? 0 });
  if (issue.code === 'invalid_type' && issue.expected === 'int') return t('validation.wholeNumber');
  switch (issue.code) {
    case 'too_small': {
      const min = asNumber(issue.minimum) ?? 1;
      if (min <= 1 && !isArray) return t('validation.required');
      return t(isArray ? 'validation.tooFewItems' : 'validation.tooShort', { count: min });
    }
    case 'too_big': {
      const max = asNumber(issue.maximum);
      if (max === undefined) return t('validation.invalid');
      return t(isArray ? 'validation.tooManyItems' : 'validation.tooLong', { count: max });
    }
    case 'invalid_format':
      return issue.format === 'email' ? t('validation.email') : t('validation.invalidFormat');
    case 'invalid_type':
      return t('validation.required');
    case 'invalid_value':
      return t('validation.invalidChoice');
    case 'not_multiple_of':
      return t('validation.wholeNumber');
    default:
      return t('validation.invalid');
  }
}
