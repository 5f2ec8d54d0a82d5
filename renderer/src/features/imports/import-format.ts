// The import's words: why a file was refused, what is wrong with a row's cell, which column is which.
import type { TFunction } from 'i18next';
import { z } from 'zod';
import { MiB } from '../../../../shared/api/files.ts';
import { IMPORT_REFUSALS, type ImportRowCode } from '../../../../shared/api/imports.ts';
import { detailsOf } from '../../../../shared/error-details.ts';
import type { AppError } from '../../../../shared/errors.ts';
import { errorMessage } from '../../app/errors.ts';
import { formatNumber } from '../../i18n/format.ts';

/** The files the wizard takes (the core sniffs the content; the name is only the first check). */
export const ACCEPTED_EXTENSIONS = ['.xlsx', '.xls', '.csv', '.txt'] as const;
/** The import purpose's ceiling (shared/api/files.ts FILE_PURPOSES.import): checked before a byte is sent. */
export const IMPORT_MAX_BYTES = 200 * MiB;

/** Why the page itself refused a file, before sending it. */
export type LocalRefusal = 'fileType' | 'tooLarge' | 'empty' | 'unreadable';

export function localRefusal(t: TFunction, refusal: LocalRefusal): string {
  return t(`imports.refusals.${refusal}`, { limit: formatNumber(IMPORT_MAX_BYTES / MiB), row: '', extensions: ACCEPTED_EXTENSIONS.join(' ') });
}

export function checkLocally(file: File): LocalRefusal | null {
  const name = file.name.toLowerCase();
  if (!ACCEPTED_EXTENSIONS.some((extension) => name.endsWith(extension))) return 'fileType';
  if (file.size > IMPORT_MAX_BYTES) return 'tooLarge';
  if (file.size === 0) return 'empty';
  return null;
}

const isFileRefusal = (reason: string) => (IMPORT_REFUSALS as readonly string[]).includes(reason);

/** The refusal's details as the reader sends them: the reason, the row it stopped at, the limit it hit. */
const RefusalDetails = z.object({ reason: z.string(), row: z.number().optional(), limit: z.number().optional() });

/** What the core's refusal of an import file (inspect, preview or run) says in the user's language. */
export function importError(t: TFunction, error: AppError): string {
  const details = RefusalDetails.safeParse(error.details);
  if (details.success && isFileRefusal(details.data.reason)) {
    const { reason, row, limit } = details.data;
    const values = { row: row === undefined ? '' : formatNumber(row), limit: limit === undefined ? '' : formatNumber(reason === 'workbook' ? Math.floor(limit / MiB) : limit), extensions: ACCEPTED_EXTENSIONS.join(' ') };
    // An encoding refusal names the row where the bytes stopped making sense, when the reader knows it.
    if (reason === 'encoding' && row !== undefined) return t('imports.refusals.encodingAt', values);
    // A workbook refused with a limit would unpack past it (a zip bomb); without one it is damaged or locked.
    if (reason === 'workbook' && limit === undefined) return t('imports.refusals.workbookDamaged');
    return t(`imports.refusals.${reason}`, values);
  }
  // A limit in bytes: the purpose's ceiling, or the reader's for workbooks.
  const tooLarge = detailsOf(error, 'TOO_LARGE');
  if (tooLarge) return t('imports.refusals.tooLarge', { limit: formatNumber(Math.floor(tooLarge.limit / MiB)), row: '', extensions: '' });
  if (error.code === 'TOO_LARGE') return localRefusal(t, 'tooLarge');
  if (error.code === 'CANCELLED') return t('imports.run.cancelled');
  if (error.code === 'NOT_FOUND' && details.success && details.data.reason === 'upload') return t('imports.refusals.expired');
  return errorMessage(t, error);
}

/** A row error's words (every code of the contract has a sentence in both languages). */
export function rowErrorText(t: TFunction, code: ImportRowCode): string {
  return t(`imports.rowErrors.${code}`);
}

/** Excel's column name for a 0-based index: A … Z, AA … */
export function columnLetter(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** A column as the mapping offers it: its letter and header ("C · 手机"), or its letter alone. */
export function columnLabel(t: TFunction, headers: readonly string[], index: number): string {
  const header = (headers[index] ?? '').trim();
  return header === '' ? t('imports.mapping.column', { letter: columnLetter(index) }) : `${columnLetter(index)} · ${header}`;
}
