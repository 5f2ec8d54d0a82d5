// What an error's `details` hold, per code: the one closed list both sides read. `fail` and
// `AppFailure` (shared/errors.ts) type-check the details against the code, and the renderer reads
// them through `detailsOf` / `fieldIssuesOf`, which check them against these schemas instead of
// digging into `unknown`. A code with no entry here beyond `z.undefined()` carries no details.
import { z } from 'zod';
import type { AppError, ErrorCode } from './errors.ts';
import { VALIDATION_MESSAGES } from './validation.ts';
import { IMPORT_REFUSALS } from './api/imports.ts';

/** One process that has a data folder open (electron/core/process-lock.ts writes one entry each). */
export const DataFolderHolder = z.object({
  pid: z.number().int().positive(),
  /** The app (Electron), browser mode (`clientele serve`), or a one-shot CLI command. */
  kind: z.enum(['app', 'serve', 'cli']),
  /** The CLI command, e.g. `backup`. */
  command: z.string().max(100).optional(),
  since: z.number(),
  /** Set while a restore or re-key needs the folder to itself. */
  exclusive: z.enum(['restore', 'rekey']).optional(),
});
export type DataFolderHolder = z.infer<typeof DataFolderHolder>;

/** A zod issue as the core sends it (shared/validation.ts toWireIssue). */
const SchemaIssue = z.object({
  path: z.array(z.string()).readonly(),
  code: z.string(),
  message: z.string(),
  minimum: z.number().optional(),
  maximum: z.number().optional(),
  origin: z.string().optional(),
  format: z.string().optional(),
  expected: z.string().optional(),
});

/** A problem the core's own checks find on a field, with one of the reasons the renderer can say. */
const CheckIssue = z.object({
  path: z.array(z.union([z.string(), z.number()])).readonly(),
  code: z.literal('custom').optional(),
  message: z.enum(VALIDATION_MESSAGES),
  /** A wrong current password (auth.changePassword): how many tries are left before the lock-out. */
  attemptsLeft: z.number().int().nonnegative().optional(),
});

/** A problem of one input field: a zod issue, or one of the core's own checks. */
export const FieldIssue = z.union([CheckIssue, SchemaIssue]);
export type FieldIssue = z.infer<typeof FieldIssue>;

// Readonly: details are values to read, and tests may write them `as const`.
const FieldIssues = z.array(FieldIssue).readonly();

/** Why a file given to a method was refused before its bytes were read (electron/core/files). */
export const FILE_REFUSALS = ['path', 'link', 'notFile', 'changed', 'empty', 'image', 'type', 'purpose', 'name'] as const;

/** Why the file system refused (electron/core/fs-failure.ts), or the transfer of a file stopped. */
export const IO_REASONS = ['denied', 'full', 'notFolder', 'gone', 'interrupted'] as const;

export const ERROR_DETAILS = {
  VALIDATION: z.union([
    FieldIssues,
    z.object({ reason: z.enum(FILE_REFUSALS), path: z.string().optional() }),
    /** An import's file refused as a whole (shared/api/imports.ts): the row it stopped at, the limit it passed. */
    z.object({ reason: z.enum(IMPORT_REFUSALS), row: z.number().int().optional(), limit: z.number().optional() }),
  ]),
  /** 'token': browser mode's launch token is missing or stale; 'idle': the session locked itself. */
  UNAUTHENTICATED: z.object({ reason: z.enum(['token', 'idle']) }),
  /** The field the caller may not set (a staff member giving a customer to someone else). */
  FORBIDDEN: FieldIssues,
  /** 'owner': the customer or contract a file belongs to is not there (or in the recycle bin) for this caller. */
  NOT_FOUND: z.object({ reason: z.enum(['upload', 'download', 'owner']) }),
  CONFLICT: z.union([
    z.discriminatedUnion('reason', [
      /** Other processes have the data folder open where a restore or re-key needs it alone. */
      z.object({ reason: z.literal('running'), holders: z.array(DataFolderHolder).readonly() }),
      /** A backup is being written. */
      z.object({ reason: z.literal('busy') }),
      /** It would leave no active owner. */
      z.object({ reason: z.literal('lastOwner') }),
      /** The backup belongs to another shop. */
      z.object({ reason: z.literal('otherShop'), shopName: z.string() }),
      /** Another contract has this number (letter case and width ignored): `number` is the one it has. */
      z.object({ reason: z.literal('number'), number: z.string() }),
      /** The visit was completed already (its one record exists). */
      z.object({ reason: z.literal('completed') }),
      /** A complaint's workflow has no such step (closing a new complaint, resolving a closed one). */
      z.object({ reason: z.literal('status') }),
      /** An undo (of an import or a merge) refused: these customers were edited since in what it would put back. */
      z.object({ reason: z.literal('editedSince'), customers: z.array(z.object({ id: z.number(), name: z.string() })).readonly() }),
      /** An undo of something already undone. */
      z.object({ reason: z.literal('undone') }),
      /** A customer event is full: a 'yes' reply beyond its capacity (shared/api/events.ts). */
      z.object({ reason: z.literal('capacity') }),
      /** A customer event was cancelled: no more invitations, replies or attendance. */
      z.object({ reason: z.literal('cancelled') }),
    ]),
    /** A value that is taken (a user name). */
    FieldIssues,
  ]),
  LOCKED_OUT: z.object({ retryAt: z.number(), retryInSeconds: z.number() }),
  TOO_LARGE: z.object({ limit: z.number(), size: z.number().optional() }),
  /** 'blob': a stored file's bytes no longer match their SHA-256. */
  CORRUPT: z.object({ reason: z.literal('blob'), /** The damaged file's name, where it is known (an attachment). */ name: z.string().optional() }),
  UNSUPPORTED_VERSION: z.undefined(),
  ALREADY_INITIALISED: z.undefined(),
  NOT_INITIALISED: z.undefined(),
  /** Sign-in: tries left; a password change: on the current password's field. */
  BAD_PASSWORD: z.union([z.object({ attemptsLeft: z.number().int().nonnegative() }), FieldIssues]),
  PASSWORD_CHANGE_REQUIRED: z.undefined(),
  IO: z.discriminatedUnion('reason', [
    /** Another process holds the data for a moment, or is restoring or re-keying it (holders). */
    z.object({ reason: z.literal('busy'), holders: z.array(DataFolderHolder).readonly().optional() }),
    /** This core is re-keying the database: writes, backups and other long jobs wait for it to finish. */
    z.object({ reason: z.literal('rekey') }),
    z.object({ reason: z.enum(IO_REASONS), path: z.string().nullable().optional() }),
  ]),
  CANCELLED: z.undefined(),
  INTERNAL: z.undefined(),
} satisfies Record<ErrorCode, z.ZodType>;

/** The details each code may carry (always optional: an error may carry none). */
export type ErrorDetails = { [C in ErrorCode]: z.infer<(typeof ERROR_DETAILS)[C]> };

/**
 * The details of `error` when it has `code` and they are what that code carries; otherwise null
 * (another code, no details, or details of a shape this side does not know).
 */
export function detailsOf<C extends ErrorCode>(error: AppError | null | undefined, code: C): Exclude<ErrorDetails[C], undefined> | null {
  if (!error || error.code !== code || error.details === undefined) return null;
  const parsed = ERROR_DETAILS[code].safeParse(error.details);
  return parsed.success ? (parsed.data as Exclude<ErrorDetails[C], undefined>) : null; // parsed by this code's own schema
}

type ReasonOf<C extends ErrorCode> = Extract<Exclude<ErrorDetails[C], undefined>, { reason: unknown }>['reason'];

/** The reason `error`'s details name when it has `code` (IO 'full', CONFLICT 'lastOwner', ...); else null. */
export function reasonOf<C extends ErrorCode>(error: AppError | null | undefined, code: C): ReasonOf<C> | null {
  const details: unknown = detailsOf(error, code);
  if (typeof details !== 'object' || details === null || !('reason' in details)) return null;
  return details.reason as ReasonOf<C>; // parsed by this code's own schema in detailsOf
}

/**
 * The field problems an error names: VALIDATION, and the codes that can point at a field
 * (FORBIDDEN, CONFLICT "user name taken", BAD_PASSWORD on the current password). Else none.
 */
export function fieldIssuesOf(error: AppError | null | undefined): readonly FieldIssue[] {
  if (!error || !['VALIDATION', 'FORBIDDEN', 'CONFLICT', 'BAD_PASSWORD'].includes(error.code) || !Array.isArray(error.details)) return [];
  // One by one: a problem of a shape this side does not know must not hide the others.
  return (error.details as unknown[]).flatMap((issue) => { // checked to be an array just above
    const parsed = FieldIssue.safeParse(issue);
    return parsed.success ? [parsed.data] : [];
  });
}
