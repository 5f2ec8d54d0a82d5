// `clientele backup`, `clientele verify-backup` and `clientele restore`: the owner's backup file on a
// USB stick, for scheduled tasks and for a new PC. Every step is a contract method; the CLI only
// chooses which one (signed in on an existing shop, or the first-run methods on an empty folder).
import { resolve } from 'node:path';
import type { BackupManifest } from '../../../shared/api/backup.ts';
import type { MethodInput } from '../../../shared/api/contract.ts';
import { readSecret } from '../prompt.ts';
import { call, CliError, print, SESSION, signIn, type CliContext } from '../session.ts';

type Credentials = MethodInput<'backup.verify'>['credentials'];

function fileArg(ctx: CliContext, command: string): string {
  const file = ctx.args[0];
  if (!file) throw new CliError('VALIDATION', `${command} needs the backup file: clientele ${command} FILE`);
  return resolve(file);
}

/**
 * What opens the backup: --recovery-key, or a user name and a password valid when the backup was
 * made (--backup-user, else --user; CLIENTELE_BACKUP_PASSWORD, else CLIENTELE_PASSWORD or a prompt).
 */
async function backupCredentials(ctx: CliContext, command: string): Promise<Credentials> {
  const recoveryKey = ctx.options['recovery-key'];
  if (recoveryKey !== undefined) return { recoveryKey };
  const username = ctx.options['backup-user'] ?? ctx.options.user;
  if (!username) throw new CliError('VALIDATION', `${command} needs --user USER (a password valid when the backup was made) or --recovery-key KEY`);
  const fromBackupEnv = process.env.CLIENTELE_BACKUP_PASSWORD;
  const password = fromBackupEnv ? fromBackupEnv : await readSecret('CLIENTELE_PASSWORD', `Password of ${username} when the backup was made: `);
  return { username, password };
}

/** Progress of the core's long jobs (backup, verify, restore) as lines on stderr, once per percent. */
function showProgress(ctx: CliContext): () => void {
  const shown = new Map<string, number>();
  return ctx.core.onEvent(SESSION, (event) => {
    if (event.type !== 'progress') return;
    const percent = event.total > 0 ? Math.floor((event.done / event.total) * 100) : 100;
    if (shown.get(event.job) === percent) return;
    shown.set(event.job, percent);
    process.stderr.write(`${event.job}: ${percent}% (${event.done}/${event.total})\n`);
  });
}

function describeManifest(manifest: BackupManifest): string {
  const counts = Object.entries(manifest.counts).map(([table, n]) => `  ${table}: ${n}`);
  return [
    `shop: ${manifest.shopName}`,
    `created: ${new Date(manifest.createdAt).toISOString()} by ${manifest.createdBy}`,
    `app version ${manifest.appVersion}, schema version ${manifest.schemaVersion}`,
    `payload: ${manifest.payloadBytes} bytes, sha256 ${manifest.sha256}`,
    'rows:',
    ...counts,
  ].join('\n');
}

async function initialised(ctx: CliContext): Promise<boolean> {
  return (await call(ctx, 'setup.status', {})).initialised;
}

/** `clientele backup --user OWNER --to FOLDER`: one verified .clbak file in FOLDER. */
export async function backup(ctx: CliContext): Promise<number> {
  const folder = ctx.options.to;
  if (!folder) throw new CliError('VALIDATION', 'backup needs --to FOLDER (where the .clbak file is written)');
  await signIn(ctx);
  const stop = showProgress(ctx);
  try {
    const done = await call(ctx, 'backup.create', { folder: resolve(folder) });
    const { file, bytes, sha256, counts } = done;
    print(ctx, { file, bytes, sha256, counts }, `wrote and verified ${file} (${bytes} bytes, sha256 ${sha256}) in ${(done.ms / 1000).toFixed(1)} s`);
    return 0;
  } finally {
    stop();
  }
}

/**
 * `clientele verify-backup FILE`: without --data-dir the CLI runs on an empty scratch folder (made
 * by main.ts) through the first-run method, so no real data folder is ever opened; with --data-dir
 * of a set-up shop, the owner signs in there and the core also reports what the folder holds now.
 */
export async function verifyBackup(ctx: CliContext): Promise<number> {
  const file = fileArg(ctx, 'verify-backup');
  const stop = showProgress(ctx);
  try {
    let verified;
    if (await initialised(ctx)) {
      await signIn(ctx);
      verified = await call(ctx, 'backup.verify', { file, credentials: await backupCredentials(ctx, 'verify-backup') });
    } else {
      verified = await call(ctx, 'setup.verifyBackup', { file, credentials: await backupCredentials(ctx, 'verify-backup') });
    }
    print(ctx, verified.manifest, `${verified.file} (${verified.bytes} bytes) is a complete, readable backup:\n${describeManifest(verified.manifest)}`);
    return 0;
  } finally {
    stop();
  }
}

/**
 * `clientele restore FILE --data-dir DIR`: into an empty folder (a new PC) with credentials valid in
 * the backup; over an existing shop the owner first signs in with a password valid now (--user,
 * CLIENTELE_PASSWORD), and the backup is opened with --backup-user/CLIENTELE_BACKUP_PASSWORD (by
 * default the same) or --recovery-key.
 */
export async function restore(ctx: CliContext): Promise<number> {
  const file = fileArg(ctx, 'restore');
  const stop = showProgress(ctx);
  try {
    let restored;
    if (await initialised(ctx)) {
      if (!ctx.options.user) throw new CliError('VALIDATION', `${ctx.dataDir} holds a shop: restoring over it needs --user OWNER with a password valid now (CLIENTELE_PASSWORD)`);
      await signIn(ctx);
      restored = await call(ctx, 'backup.restore', { file, credentials: await backupCredentials(ctx, 'restore') });
    } else {
      restored = await call(ctx, 'setup.restore', { file, credentials: await backupCredentials(ctx, 'restore') });
    }
    const aside = restored.movedAside ? `; the previous data is in ${restored.movedAside}` : '';
    print(
      ctx,
      restored,
      `restored ${restored.manifest.shopName} as of ${new Date(restored.manifest.createdAt).toISOString()} into ${ctx.dataDir}${aside}\nsign in with a password valid in the backup\n${describeManifest(restored.manifest)}`,
    );
    return 0;
  } finally {
    stop();
  }
}
