import { z } from 'zod';
import { defineArea } from './area.ts';
import { method } from './method.ts';

/** What a backup holds, readable only with a password valid at backup time or the recovery key. */
export const BackupManifest = z.object({
  appVersion: z.string(),
  schemaVersion: z.number().int(),
  createdAt: z.number(),
  createdBy: z.string(),
  shopName: z.string(),
  /** Random id made at set-up: a backup of another shop is refused on restore. */
  shopId: z.string(),
  counts: z.record(z.string(), z.number().int()),
  /** Bytes and SHA-256 of the payload (key slots + database), as written. */
  payloadBytes: z.number().int(),
  sha256: z.string(),
});
export type BackupManifest = z.infer<typeof BackupManifest>;

/** A password valid when the backup was made (with its user name), or the recovery key. */
export const BackupCredentials = z.union([
  z.object({ username: z.string().trim().min(1).max(40), password: z.string().min(1).max(200) }),
  z.object({ recoveryKey: z.string().trim().min(10).max(100) }),
]);

const FilePath = z.string().trim().min(1).max(4000);

export const BackupResult = z.object({ file: z.string(), bytes: z.number().int(), sha256: z.string(), counts: z.record(z.string(), z.number().int()), ms: z.number() });

export const VerifyResult = z.object({
  file: z.string(),
  bytes: z.number().int(),
  manifest: BackupManifest,
  /** What this data folder holds now, to show beside the backup before a restore (null on a new PC). */
  current: z.object({ shopName: z.string(), counts: z.record(z.string(), z.number().int()) }).nullable(),
  ms: z.number(),
});

export const BackupEntry = z.object({ file: z.string(), bytes: z.number().int(), createdAt: z.number(), automatic: z.boolean() });

export const BackupSettings = z.object({
  /** Where "Back up now" writes (e.g. the USB stick); remembered from the last backup. */
  folder: z.string().max(4000),
  /** Automatic backups also go here when set (besides the data folder's backups/). */
  secondFolder: z.string().max(4000),
  /** Daily automatic backup time, HH:MM (local time), or '' for none. */
  dailyTime: z.union([z.literal(''), z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/)]),
  /** Show a reminder when the newest backup is older than this many days. */
  reminderDays: z.number().int().min(1).max(365),
});
export type BackupSettings = z.infer<typeof BackupSettings>;

export const backup = {
  /**
   * Writes `Clientele-<shop>-<YYYY-MM-DD_HHmm>.clbak` into `folder` from a consistent snapshot,
   * then reads it back and compares its checksum. Progress events with job 'backup'
   * ({done, total} in bytes). Errors: IO with details.reason 'full' | 'gone' | 'denied' (nothing
   * that looks complete is left), CANCELLED, CONFLICT with details.reason 'busy' (a backup is
   * already being written).
   */
  'backup.create': method({ input: z.object({ folder: FilePath }), output: BackupResult, permission: 'backup.manage' }),
  /** Cancels this session's running backup. */
  'backup.cancel': method({ input: z.object({}), output: z.object({ cancelled: z.boolean() }), permission: 'backup.manage' }),
  /**
   * Checks checksum, decryption, SQLite integrity and schema version; touches no current data.
   * Progress events with job 'verify'. Errors: IO (cannot read the file), CORRUPT, BAD_PASSWORD,
   * UNSUPPORTED_VERSION.
   */
  'backup.verify': method({ input: z.object({ file: FilePath, credentials: BackupCredentials }), output: VerifyResult, permission: 'backup.manage' }),
  /**
   * Verifies, moves the current data aside to backups/before-restore-<time>, swaps the backup in,
   * runs migrations; everyone is signed out (sign in with a password valid in the backup).
   * Progress events with job 'restore'. CONFLICT with details.reason 'otherShop' (details.shopName)
   * for a backup of another shop, 'running' when another program has this data folder open,
   * 'busy' while a backup is written; UNSUPPORTED_VERSION for a newer app's backup.
   */
  'backup.restore': method({
    input: z.object({ file: FilePath, credentials: BackupCredentials }),
    output: z.object({ manifest: BackupManifest, movedAside: z.string().nullable(), ms: z.number() }),
    permission: 'backup.manage',
  }),
  /** Backups in the data folder's backups/ and the configured folders, newest first. */
  'backup.list': method({ input: z.object({}), output: z.array(BackupEntry), permission: 'backup.manage' }),
  /** For the reminder banner: any signed-in user sees whether the shop's backup is overdue. */
  'backup.status': method({
    input: z.object({}),
    output: z.object({ lastBackupAt: z.number().nullable(), overdue: z.boolean(), reminderDays: z.number().int() }),
    permission: 'signedIn',
  }),
  'backup.getSettings': method({ input: z.object({}), output: BackupSettings, permission: 'backup.manage' }),
  'backup.updateSettings': method({ input: BackupSettings.partial(), output: BackupSettings, permission: 'backup.manage' }),

  /** First-run screen of a new PC: verify a backup before anything exists here (ALREADY_INITIALISED otherwise). */
  'setup.verifyBackup': method({ input: z.object({ file: FilePath, credentials: BackupCredentials }), output: VerifyResult, permission: 'public' }),
  /** First-run screen of a new PC: restore into this empty data folder, then sign in. */
  'setup.restore': method({
    input: z.object({ file: FilePath, credentials: BackupCredentials }),
    output: z.object({ manifest: BackupManifest, movedAside: z.string().nullable(), ms: z.number() }),
    permission: 'public',
  }),
};

export const backupArea = defineArea({ methods: backup, auditEntities: ['backup'], auditActions: ['backup.create', 'backup.verify', 'backup.restore'] });
