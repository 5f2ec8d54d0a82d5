import type { TFunction } from 'i18next';
import { detailsOf, type DataFolderHolder } from '../../../shared/error-details.ts';
import { ERROR_CODES, type AppError } from '../../../shared/errors.ts';
import { issueMessage, serverFieldErrors } from './validation.ts';

/** The user's-language message for an error code; the technical message stays in the console. */
export function errorMessage(t: TFunction, error: AppError): string {
  const io = detailsOf(error, 'IO');
  const conflict = detailsOf(error, 'CONFLICT');
  // Another process on the same data folder: busy for a moment, or open where a restore or re-key needs it alone.
  if (io?.reason === 'busy') return t('errors.busy');
  // This core is re-keying: writes, backups and other long jobs wait for it (not another program).
  if (io?.reason === 'rekey') return t('errors.rekeyRunning');
  // The data folder (or another path the core names) cannot be used: say why, not "try again".
  if (io?.reason === 'denied') return t('errors.ioDenied');
  if (io?.reason === 'full') return t('errors.ioFull');
  if (io?.reason === 'notFolder') return t('errors.ioNotFolder');
  if (conflict && 'reason' in conflict && conflict.reason === 'running') return t('errors.running', { holders: holderNames(t, conflict.holders) });
  // Reasons a form did not place on its fields (it has none for them): the reasons themselves,
  // never "check the highlighted fields" with nothing highlighted.
  if (error.code === 'VALIDATION') {
    const reasons = [...new Set(Object.values(serverFieldErrors(error)).map((issue) => issueMessage(t, issue)))];
    if (reasons.length > 0) return t('errors.validationReasons', { reasons: reasons.join(t('errors.reasonSeparator')) });
  }
  if ((ERROR_CODES as readonly string[]).includes(error.code)) return t(`errors.${error.code}`);
  return t('errors.unknown');
}

export function logError(error: AppError): void {
  console.warn(`[${error.code}] ${error.message}`, error.details ?? '');
}

/** "the app (process 123), browser mode (process 456)": who else has the data folder open. */
function holderNames(t: TFunction, holders: readonly DataFolderHolder[]): string {
  if (holders.length === 0) return t('errors.holders.unknown');
  return holders
    .map((holder) => {
      const pid = String(holder.pid);
      if (holder.kind === 'serve') return t('errors.holders.serve', { pid });
      if (holder.kind === 'cli') return t('errors.holders.cli', { pid, command: holder.command ?? '' });
      return t('errors.holders.app', { pid });
    })
    .join(t('errors.holders.separator'));
}
