import type { TFunction } from 'i18next';
import { ERROR_CODES, type AppError } from '../../../shared/errors.ts';

/** The user's-language message for an error code; the technical message stays in the console. */
export function errorMessage(t: TFunction, error: AppError): string {
  if ((ERROR_CODES as readonly string[]).includes(error.code)) return t(`errors.${error.code}`);
  return t('errors.unknown');
}

export function logError(error: AppError): void {
  console.warn(`[${error.code}] ${error.message}`, error.details ?? '');
}
