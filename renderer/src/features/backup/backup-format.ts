import type { TFunction } from 'i18next';
import { detailsOf, reasonOf } from '../../../../shared/error-details.ts';
import type { AppError } from '../../../../shared/errors.ts';
import { errorMessage } from '../../app/errors.ts';
import { formatNumber } from '../../i18n/format.ts';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** Bytes in binary units with at most one decimal (1.4 GB), as file managers show them. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const rounded = unit === 0 ? value : Math.round(value * 10) / 10;
  return `${formatNumber(rounded)} ${UNITS[unit]}`;
}

/** Seconds left, said the way people say it: "about 3 min", "12 s". */
export function formatEta(t: TFunction, seconds: number): string {
  if (seconds < 60) return t('backup.etaSeconds', { count: Math.max(1, Math.round(seconds)) });
  return t('backup.etaMinutes', { count: Math.round(seconds / 60) });
}

/** The first and last characters of a SHA-256, enough to compare by eye. */
export function shortHash(sha256: string): string {
  return sha256.length > 20 ? `${sha256.slice(0, 12)}…${sha256.slice(-8)}` : sha256;
}

/** The last part of a path, whichever separator the system uses. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? path;
}

export type BackupOperation = 'create' | 'verify' | 'restore';

/**
 * Backup and restore errors, in words about files and USB sticks rather than the generic ones
 * (a BAD_PASSWORD here is about the backup, not the sign-in; IO is the folder, not the service).
 */
export function backupErrorMessage(t: TFunction, error: AppError, operation: BackupOperation): string {
  switch (error.code) {
    case 'IO': {
      if (operation !== 'create') return t('backup.errors.ioRead');
      const reason = reasonOf(error, 'IO');
      if (reason === 'full') return t('backup.errors.ioFull');
      if (reason === 'gone') return t('backup.errors.ioGone');
      if (reason === 'denied') return t('backup.errors.ioDenied');
      return t('backup.errors.ioWrite');
    }
    case 'NOT_FOUND':
      return operation === 'create' ? t('backup.errors.noFolder') : t('backup.errors.noFile');
    case 'CANCELLED':
      return t('backup.errors.cancelled');
    case 'CORRUPT':
      return t('backup.errors.corrupt');
    case 'UNSUPPORTED_VERSION':
      return t('backup.errors.newerVersion');
    case 'BAD_PASSWORD':
      return t('backup.errors.badPassword');
    case 'CONFLICT': {
      const conflict = detailsOf(error, 'CONFLICT');
      if (conflict && 'reason' in conflict && conflict.reason === 'otherShop') {
        return conflict.shopName ? t('backup.errors.otherShopNamed', { name: conflict.shopName }) : t('backup.errors.otherShop');
      }
      if (reasonOf(error, 'CONFLICT') === 'busy') return t('backup.errors.busy');
      return errorMessage(t, error); // 'running' included: it names who has the folder open
    }
    default:
      return errorMessage(t, error);
  }
}
