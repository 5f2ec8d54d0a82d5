import type { TFunction } from 'i18next';
import { ERROR_CODES, type AppError } from '../../../shared/errors.ts';
import { issueMessage, serverFieldErrors } from './validation.ts';

/** The user's-language message for an error code; the technical message stays in the console. */
export function errorMessage(t: TFunction, error: AppError): string {
  const details = (typeof error.details === 'object' && error.details !== null ? error.details : {}) as { reason?: unknown; holders?: unknown };
  // Another process on the same data folder: busy for a moment, or open where a restore or re-key needs it alone.
  if (error.code === 'IO' && details.reason === 'busy') return t('errors.busy');
  // The data folder (or another path the core names) cannot be used: say why, not "try again".
  if (error.code === 'IO' && details.reason === 'denied') return t('errors.ioDenied');
  if (error.code === 'IO' && details.reason === 'full') return t('errors.ioFull');
  if (error.code === 'IO' && details.reason === 'notFolder') return t('errors.ioNotFolder');
  if (error.code === 'CONFLICT' && details.reason === 'running') return t('errors.running', { holders: holderNames(t, details.holders) });
  // Reasons a form did not place on its fields (it has none for them): the reasons themselves,
  // never "check the highlighted fields" with nothing highlighted.
  if (error.code === 'VALIDATION') {
    const reasons = [...new Set(Object.values(serverFieldErrors(error.details)).map((issue) => issueMessage(t, issue)))];
    if (reasons.length > 0) return t('errors.validationReasons', { reasons: reasons.join(t('errors.reasonSeparator')) });
  }
  if ((ERROR_CODES as readonly string[]).includes(error.code)) return t(`errors.${error.code}`);
  return t('errors.unknown');
}

export function logError(error: AppError): void {
  console.warn(`[${error.code}] ${error.message}`, error.details ?? '');
}

type Holder = { kind?: unknown; pid?: unknown; command?: unknown };

/** "the app (process 123), browser mode (process 456)": who else has the data folder open. */
function holderNames(t: TFunction, holders: unknown): string {
  if (!Array.isArray(holders) || holders.length === 0) return t('errors.holders.unknown');
  return (holders as Holder[])
    .map((holder) => {
      const pid = String(holder.pid ?? '?');
      if (holder.kind === 'serve') return t('errors.holders.serve', { pid });
      if (holder.kind === 'cli') return t('errors.holders.cli', { pid, command: String(holder.command ?? '') });
      return t('errors.holders.app', { pid });
    })
    .join(t('errors.holders.separator'));
}
