// Node's file-system errors (EACCES, ENOSPC, ENOTDIR, ...) as failures the user can act on: IO with
// a reason the renderer translates, and the path, instead of INTERNAL and an errno.
import { AppFailure } from '../../shared/errors.ts';

export type FsReason = 'denied' | 'full' | 'notFolder' | 'gone';

const REASONS: Record<string, FsReason> = {
  EACCES: 'denied',
  EPERM: 'denied',
  EROFS: 'denied',
  ENOSPC: 'full',
  EDQUOT: 'full',
  ENOTDIR: 'notFolder',
  EISDIR: 'notFolder',
  ENOENT: 'gone',
};

const WORDS: Record<FsReason, string> = {
  denied: 'permission denied: Clientele may not read or write there',
  full: 'the disk is full',
  notFolder: 'a file is where a folder should be (or a folder where a file should be)',
  gone: 'it does not exist (any more)',
};

/** The failure for a Node file-system error, or null when `error` is not one. */
export function fileSystemFailure(error: unknown): AppFailure<'IO'> | null {
  const { code, path, syscall } = (error ?? {}) as NodeJS.ErrnoException;
  if (typeof code !== 'string' || typeof syscall !== 'string') return null;
  const reason = REASONS[code];
  if (!reason) return null;
  return new AppFailure('IO', `${path ?? syscall}: ${WORDS[reason]} (${code})`, { reason, path: path ?? null });
}
