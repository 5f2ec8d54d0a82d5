// Backups: write, cancel, verify, restore, list, reminder, settings; and the automatic backups.
import { readdir, open as openFile, rm, unlink } from 'node:fs/promises';
import { constants } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { z } from 'zod';
import type { BackupCredentials as CredentialsSchema } from '../../../../shared/api/backup.ts';
import { AppFailure } from '../../../../shared/errors.ts';
import { BACKUP_EXTENSION, decodeHeader, PAYLOAD_OFFSET } from './backup-format.ts';
import { openBackup } from './backup-reader.ts';
import { writeBackup, type WrittenBackup } from './backup-writer.ts';
import { processAlive, release } from '../../process-lock.ts';
import { refuseDuringRekey } from '../../jobs.ts';
import { randomBytes } from 'node:crypto';
import { RESTORE_WORK_DIR, swapIn } from './restore-swap.ts';
import { backupsToDelete } from './rotation.ts';
import { transaction, type Db } from '../../db/database.ts';
import { engine } from '../../db/engine.ts';
import { appendAudit } from '../audit/service.ts';
import { readBackupSettings, readSetting, writeBackupSettings, writeSetting } from '../settings/service.ts';
import { rowCounts } from '../system/service.ts';
import { isInitialised, openDatabase } from '../../vault.ts';
import type { CoreState, HandlerContext } from '../../api/context.ts';
import { caller, closeNow, closeWhenUnused, db, holdAlone, shopName, type Handlers } from '../../api/handler-kit.ts';
import { mkdirSync } from 'node:fs';
import { readKeyslots, writeKeyslots } from '../../crypto/keyslots.ts';

type Credentials = z.infer<typeof CredentialsSchema>;

/** Where automatic backups and the data moved aside by a restore go. */
export function backupsDir(dataDir: string): string {
  return join(dataDir, 'backups');
}

/** One per verification: the app and a CLI command may verify backups on one folder at the same time. */
function verifyWorkDir(dataDir: string): string {
  return join(dataDir, `.verify-work-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/** Work folders of verifications whose process was killed (or of an older version, without a pid). */
async function removeAbandonedWorkDirs(dataDir: string): Promise<void> {
  for (const name of await readdir(dataDir).catch(() => [] as string[])) {
    const match = /^\.verify-work(?:-(\d+)-[0-9a-f]+)?$/.exec(name);
    if (match && (match[1] === undefined || !processAlive(Number(match[1])))) await rm(join(dataDir, name), { recursive: true, force: true });
  }
}

function credentialLabel(credentials: Credentials): string {
  return 'recoveryKey' in credentials ? 'recovery key' : credentials.username;
}

/** Writes a backup of the open database into `folder` (one at a time per process). */
async function backUp(state: CoreState, sessionKey: string, folder: string, createdBy: string): Promise<WrittenBackup> {
  const unlocked = state.unlocked;
  if (!unlocked) throw new AppFailure('UNAUTHENTICATED', 'the database is locked; sign in first');
  if (state.backupJob) throw new AppFailure('CONFLICT', 'a backup is already being written; wait for it to finish', { reason: 'busy' });
  refuseDuringRekey(state); // it would copy the file the re-key is about to replace
  const job = { sessionKey, cancelled: false };
  state.backupJob = job;
  try {
    return await writeBackup({
      countedTables: state.countedTables,
      db: unlocked.db,
      dataDir: state.dataDir,
      key: unlocked.key,
      folder: resolve(folder),
      shopName: await shopName(unlocked.db),
      shopId: (await readSetting(unlocked.db, 'shop_id')) ?? '',
      createdBy,
      now: state.clock(),
      io: state.backupIo,
      onProgress: (done, total) => state.emit(sessionKey, { type: 'progress', job: 'backup', done, total }),
      isCancelled: () => job.cancelled,
    });
  } finally {
    state.backupJob = null;
    closeWhenUnused(state); // someone may have signed out while it ran
  }
}

async function recordBackup(state: CoreState, who: { userId: number | null; username: string }, written: WrittenBackup): Promise<void> {
  const database = state.unlocked?.db;
  if (!database) return;
  await transaction(database, async (tx) => {
    await writeSetting(tx, 'last_backup_at', String(state.clock()));
    await appendAudit(tx, { at: state.clock(), userId: who.userId, username: who.username, action: 'backup.create', entity: 'backup', label: written.file });
  });
}

function progressTo(state: CoreState, sessionKey: string, job: 'verify' | 'restore') {
  return (done: number, total: number) => state.emit(sessionKey, { type: 'progress', job, done, total });
}

async function verify(state: CoreState, sessionKey: string, file: string, credentials: Credentials) {
  const started = performance.now();
  mkdirSync(state.dataDir, { recursive: true, mode: 0o700 });
  await removeAbandonedWorkDirs(state.dataDir);
  const workDir = verifyWorkDir(state.dataDir);
  let opened;
  try {
    opened = await openBackup(resolve(file), credentials, workDir, progressTo(state, sessionKey, 'verify'));
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  const database = state.unlocked?.db;
  const current = database ? { shopName: await shopName(database), counts: await rowCounts(database, state.countedTables) } : null;
  return { file: resolve(file), bytes: opened.bytes, manifest: opened.manifest, current, ms: Math.round(performance.now() - started) };
}

/**
 * Verifies into a work folder beside the data, refuses another shop's backup and a folder another
 * process has open, then signs everyone out, closes the database and swaps the backup in.
 */
async function restore(ctx: HandlerContext, file: string, credentials: Credentials) {
  if (ctx.state.backupJob) throw new AppFailure('CONFLICT', 'a backup is being written; wait for it to finish', { reason: 'busy' });
  refuseDuringRekey(ctx.state);
  // Refused while any other process has the folder open: it would keep writing to the data moved aside.
  const alone = holdAlone(ctx.state, 'restore');
  try {
    return await restoreAlone(ctx, file, credentials);
  } finally {
    release(alone);
  }
}

async function restoreAlone(ctx: HandlerContext, file: string, credentials: Credentials) {
  const { state } = ctx;
  const started = performance.now();
  const workDir = join(state.dataDir, RESTORE_WORK_DIR);
  const opened = await openBackup(resolve(file), credentials, workDir, progressTo(state, ctx.sessionKey, 'restore'));
  try {
    const currentShopId = state.unlocked ? await readSetting(state.unlocked.db, 'shop_id') : null;
    if (currentShopId && opened.manifest.shopId !== currentShopId) {
      throw new AppFailure('CONFLICT', `this backup belongs to another shop (${opened.manifest.shopName}); nothing was changed`, {
        reason: 'otherShop',
        shopName: opened.manifest.shopName,
      });
    }
  } catch (error) {
    await rm(workDir, { recursive: true, force: true });
    throw error;
  }
  const who = ctx.caller;
  const current = state.unlocked?.db;
  if (current && who) {
    await transaction(current, (tx) => appendAudit(tx, { at: state.clock(), userId: who.userId, username: who.username, action: 'backup.restore', entity: 'backup', label: resolve(file) }));
  }
  // The restored data records its own restore: as a pending event in its key slots, so that it
  // reaches its audit log at the next sign-in even if the swap is finished by the next start.
  const slots = readKeyslots(workDir);
  slots.pendingEvents = [
    ...slots.pendingEvents,
    {
      at: state.clock(),
      action: 'backup.restore',
      username: who?.username ?? credentialLabel(credentials),
      label: resolve(file),
      changes: [
        { field: 'madeAt', before: null, after: new Date(opened.manifest.createdAt).toISOString() },
        { field: 'madeBy', before: null, after: opened.manifest.createdBy },
      ],
    },
  ];
  writeKeyslots(workDir, slots);
  state.sessions.clear();
  closeNow(state);
  const movedAside = swapIn(state.dataDir, workDir, state.clock());
  // Opening proves the swapped-in data works and runs migrations if the backup is older.
  const restored = openDatabase(state.dataDir, { key: opened.key, pendingKey: null });
  try {
    // The snapshot predates its own bookkeeping: it is itself the last backup of this data.
    await transaction(restored.db, async (tx) => {
      await writeSetting(tx, 'last_backup_at', String(opened.manifest.createdAt));
      if ((await readBackupSettings(tx)).folder === '') await writeBackupSettings(tx, { folder: dirname(resolve(file)) });
    });
  } finally {
    engine.close(restored.db);
    opened.key.fill(0);
  }
  return { manifest: opened.manifest, movedAside, ms: Math.round(performance.now() - started) };
}

async function backupEntries(folder: string, automatic: boolean): Promise<{ file: string; bytes: number; createdAt: number; automatic: boolean }[]> {
  let names: string[];
  try {
    names = (await readdir(folder)).filter((name) => name.endsWith(BACKUP_EXTENSION) && !name.startsWith('.'));
  } catch {
    return [];
  }
  const entries = [];
  for (const name of names) {
    const file = join(folder, name);
    try {
      const handle = await openFile(file, constants.O_RDONLY);
      try {
        const size = (await handle.stat()).size;
        const head = Buffer.alloc(PAYLOAD_OFFSET);
        await handle.read(head, 0, Math.min(PAYLOAD_OFFSET, size), 0);
        entries.push({ file, bytes: size, createdAt: decodeHeader(head, size).createdAt, automatic });
      } finally {
        await handle.close();
      }
    } catch {
      // not a readable backup: not listed
    }
  }
  return entries;
}

/** Automatic backup into the data folder's backups/ (and the second folder), then rotation. */
export async function automaticBackup(state: CoreState): Promise<void> {
  if (!state.unlocked || state.backupJob) return;
  const settings = await readBackupSettings(state.unlocked.db);
  const folders = [backupsDir(state.dataDir), settings.secondFolder].filter((folder) => folder !== '');
  mkdirSync(backupsDir(state.dataDir), { recursive: true, mode: 0o700 });
  for (const folder of folders) {
    try {
      const written = await backUp(state, 'automatic', folder, 'automatic');
      await recordBackup(state, { userId: null, username: 'automatic' }, written);
      if (state.unlocked) await writeSetting(state.unlocked.db, 'last_auto_backup_at', String(state.clock()));
      const existing = await backupEntries(folder, true);
      for (const file of backupsToDelete(existing)) await unlink(file).catch(() => undefined);
    } catch (error) {
      console.error(`clientele: automatic backup to ${folder} failed:`, (error as Error).message);
    }
  }
}

/** Whether today's automatic backup is due at `now` (local time) and not yet made. */
export async function dailyBackupDue(database: Db, now: number): Promise<boolean> {
  const { dailyTime } = await readBackupSettings(database);
  if (dailyTime === '') return false;
  const [hours, minutes] = dailyTime.split(':').map(Number) as [number, number];
  const due = new Date(now);
  due.setHours(hours, minutes, 0, 0);
  const last = Number((await readSetting(database, 'last_auto_backup_at')) ?? 0);
  return now >= due.getTime() && last < due.getTime();
}

export const backupHandlers = {
  'backup.create': async (ctx, input) => {
    const who = caller(ctx);
    const started = performance.now();
    const written = await backUp(ctx.state, ctx.sessionKey, input.folder, who.username);
    await recordBackup(ctx.state, who, written);
    if (ctx.state.unlocked) await transaction(ctx.state.unlocked.db, (tx) => writeBackupSettings(tx, { folder: resolve(input.folder) }));
    return { ...written, ms: Math.round(performance.now() - started) };
  },

  'backup.cancel': (ctx) => {
    const job = ctx.state.backupJob;
    if (!job || job.sessionKey !== ctx.sessionKey) return { cancelled: false };
    job.cancelled = true;
    return { cancelled: true };
  },

  'backup.verify': async (ctx, input) => {
    const result = await verify(ctx.state, ctx.sessionKey, input.file, input.credentials);
    const who = caller(ctx);
    await transaction(db(ctx), (tx) =>
      appendAudit(tx, { at: ctx.state.clock(), userId: who.userId, username: who.username, action: 'backup.verify', entity: 'backup', label: result.file }),
    );
    return result;
  },

  'backup.restore': (ctx, input) => restore(ctx, input.file, input.credentials),

  'backup.list': async (ctx) => {
    const settings = await readBackupSettings(db(ctx));
    const folders = new Map<string, boolean>([[backupsDir(ctx.state.dataDir), true]]);
    if (settings.secondFolder) folders.set(resolve(settings.secondFolder), true);
    if (settings.folder && !folders.has(resolve(settings.folder))) folders.set(resolve(settings.folder), false);
    const entries = (await Promise.all([...folders].map(([folder, automatic]) => backupEntries(folder, automatic)))).flat();
    return entries.sort((a, b) => b.createdAt - a.createdAt);
  },

  'backup.status': async (ctx) => {
    const database = db(ctx);
    const last = await readSetting(database, 'last_backup_at');
    const lastBackupAt = last ? Number(last) : null;
    const { reminderDays } = await readBackupSettings(database);
    return { lastBackupAt, overdue: lastBackupAt === null || ctx.state.clock() - lastBackupAt > reminderDays * 86_400_000, reminderDays };
  },

  'backup.getSettings': (ctx) => readBackupSettings(db(ctx)),

  'backup.updateSettings': (ctx, input) => {
    const who = caller(ctx);
    return transaction(db(ctx), async (tx) => {
      const { before, after } = await writeBackupSettings(tx, input);
      const changes = (Object.keys(after) as (keyof typeof after)[])
        .filter((field) => before[field] !== after[field])
        .map((field) => ({ field: `backup.${field}`, before: before[field], after: after[field] }));
      if (changes.length > 0) await appendAudit(tx, { at: ctx.state.clock(), userId: who.userId, username: who.username, action: 'settings.update', entity: 'settings', changes });
      return after;
    });
  },

  'setup.verifyBackup': async (ctx, input) => {
    if (isInitialised(ctx.state.dataDir)) throw new AppFailure('ALREADY_INITIALISED', 'this data folder already holds a shop; sign in and use Settings → Backup');
    return verify(ctx.state, ctx.sessionKey, input.file, input.credentials);
  },

  'setup.restore': async (ctx, input) => {
    if (isInitialised(ctx.state.dataDir)) throw new AppFailure('ALREADY_INITIALISED', 'this data folder already holds a shop; sign in and use Settings → Backup');
    return restore(ctx, input.file, input.credentials);
  },
} satisfies Partial<Handlers>;

