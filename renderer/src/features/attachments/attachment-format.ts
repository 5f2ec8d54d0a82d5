// How an attachment is shown: its size in the user's language, its kind (icon and words), and what
// a refusal from the core or from the page's own checks says.
import type { TFunction } from 'i18next';
import type { AttachmentOwner } from '../../../../shared/api/attachments.ts';
import { detailsOf, reasonOf } from '../../../../shared/error-details.ts';
import type { AppError } from '../../../../shared/errors.ts';
import { errorMessage } from '../../app/errors.ts';
import { formatBytes, formatNumber } from '../../i18n/format.ts';

const MiB = 1024 * 1024;

/** Sizes as file managers show them (1.4 MB); the audit log shows an attached file's size the same way. */
export { formatBytes };

export const KINDS = ['image', 'pdf', 'text', 'sheet', 'document', 'archive', 'other'] as const;
export type Kind = (typeof KINDS)[number];

/** The kind of file its sniffed type says (never its name). */
export function kindOf(type: string): Kind {
  if (type.startsWith('image/')) return 'image';
  if (type === 'application/pdf') return 'pdf';
  if (type.startsWith('text/')) return 'text';
  if (/spreadsheet|excel|csv/.test(type)) return 'sheet';
  if (/wordprocessing|msword|opendocument\.text|rtf|presentation|powerpoint/.test(type)) return 'document';
  if (/zip|x-7z|x-rar|gzip|x-tar|x-bzip|x-xz/.test(type)) return 'archive';
  return 'other';
}

export function ownerKey(owner: AttachmentOwner): string {
  return `${owner.kind}:${owner.id}`;
}

/** Why the page itself refused a file, before sending a byte of it. */
export type LocalRefusal = 'tooLarge' | 'empty' | 'unreadable' | 'folder';

export function localRefusal(t: TFunction, refusal: LocalRefusal, limitBytes: number): string {
  return t(`attachments.errors.${refusal}`, { limit: formatNumber(Math.floor(limitBytes / MiB)) });
}

/** What the core's refusal of an attachment says in the user's language. */
export function attachmentError(t: TFunction, error: AppError): string {
  const tooLarge = detailsOf(error, 'TOO_LARGE');
  if (tooLarge) return localRefusal(t, 'tooLarge', tooLarge.limit);
  const invalid = reasonOf(error, 'VALIDATION');
  if (invalid === 'empty') return t('attachments.errors.empty');
  if (invalid === 'name') return t('attachments.errors.name');
  if (invalid === 'path' || invalid === 'notFile' || invalid === 'link') return t('attachments.errors.unreadable');
  if (invalid === 'changed') return t('attachments.errors.changed');
  const missing = reasonOf(error, 'NOT_FOUND');
  if (missing === 'owner') return t('attachments.errors.owner');
  if (missing === 'upload' || missing === 'download') return t('attachments.errors.expired');
  if (error.code === 'NOT_FOUND') return t('attachments.errors.gone');
  if (error.code === 'CORRUPT') return t('attachments.errors.corrupt');
  if (error.code === 'CONFLICT' && detailsOf(error, 'CONFLICT') === null) return t('attachments.errors.stale');
  const io = reasonOf(error, 'IO');
  if (io === 'interrupted' || io === 'gone') return t('attachments.errors.unreadable');
  return errorMessage(t, error);
}
