// Shop settings kept in the encrypted database (key → text value).
import type { Settings } from '../../../../shared/api/settings.ts';
import { ATTACHMENT_MAX_MB_DEFAULT } from '../../../../shared/api/attachments.ts';
import type { BackupSettings } from '../../../../shared/api/backup.ts';
import type { Db } from '../../db/database.ts';

const KEYS = { staffScope: 'staff_scope', maskContacts: 'mask_contacts', idleLockMinutes: 'idle_lock_minutes', attachmentMaxMb: 'attachment_max_mb' } as const;

/** The rows of `keys` as a map (absent keys are absent). */
async function settingsNamed(db: Db, keys: readonly string[]): Promise<Map<string, string>> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).where('key', 'in', keys).execute();
  return new Map(rows.map((row) => [row.key, row.value]));
}

/** Read on every call that needs them: another process may have changed them. */
export async function readSettings(db: Db): Promise<Settings> {
  const rows = await settingsNamed(db, Object.values(KEYS));
  return {
    staffScope: rows.get(KEYS.staffScope) === '1',
    maskContacts: rows.get(KEYS.maskContacts) === '1',
    idleLockMinutes: Number(rows.get(KEYS.idleLockMinutes) ?? 10),
    attachmentMaxMb: Number(rows.get(KEYS.attachmentMaxMb) ?? ATTACHMENT_MAX_MB_DEFAULT),
  };
}

/** Writes the given settings; returns before and after for the audit log. Call inside a transaction. */
export async function writeSettings(db: Db, changes: Partial<Settings>): Promise<{ before: Settings; after: Settings }> {
  const before = await readSettings(db);
  for (const [name, value] of Object.entries(changes) as [keyof Settings, Settings[keyof Settings] | undefined][]) {
    if (value === undefined) continue;
    await writeSetting(db, KEYS[name], typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
  }
  return { before, after: await readSettings(db) };
}

const BACKUP_KEYS = { folder: 'backup_folder', secondFolder: 'backup_second_folder', dailyTime: 'backup_daily_time', reminderDays: 'backup_reminder_days' } as const;

export async function readBackupSettings(db: Db): Promise<BackupSettings> {
  const rows = await settingsNamed(db, Object.values(BACKUP_KEYS));
  return {
    folder: rows.get(BACKUP_KEYS.folder) ?? '',
    secondFolder: rows.get(BACKUP_KEYS.secondFolder) ?? '',
    dailyTime: (rows.get(BACKUP_KEYS.dailyTime) ?? '') as BackupSettings['dailyTime'], // written only through the contract's schema
    reminderDays: Number(rows.get(BACKUP_KEYS.reminderDays) ?? 7),
  };
}

export async function writeBackupSettings(db: Db, changes: Partial<BackupSettings>): Promise<{ before: BackupSettings; after: BackupSettings }> {
  const before = await readBackupSettings(db);
  for (const [name, value] of Object.entries(changes) as [keyof BackupSettings, string | number | undefined][]) {
    if (value === undefined) continue;
    await writeSetting(db, BACKUP_KEYS[name], String(value));
  }
  return { before, after: await readBackupSettings(db) };
}

export async function readSetting(db: Db, key: string): Promise<string | undefined> {
  return (await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value;
}

export async function writeSetting(db: Db, key: string, value: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}
