// Shop settings kept in the encrypted database (key → text value).
import type { Settings } from '../../../../shared/api/settings.ts';
import type { BackupSettings } from '../../../../shared/api/backup.ts';
import { all, first, prepared, qb, run, type Db } from '../../db/sql.ts';

const KEYS = { staffScope: 'staff_scope', maskContacts: 'mask_contacts', idleLockMinutes: 'idle_lock_minutes' } as const;

/** Compiled once: the settings are read on every call (another process may have changed them). */
const SETTINGS_QUERY = qb.selectFrom('settings').select(['key', 'value']).where('key', 'in', Object.values(KEYS)).compile();

export function readSettings(db: Db): Settings {
  const found = prepared(db, SETTINGS_QUERY.sql).all(...SETTINGS_QUERY.parameters) as { key: string; value: string }[]; // the query selects these two text columns
  const rows = new Map(found.map((r) => [r.key, r.value]));
  return {
    staffScope: rows.get(KEYS.staffScope) === '1',
    maskContacts: rows.get(KEYS.maskContacts) === '1',
    idleLockMinutes: Number(rows.get(KEYS.idleLockMinutes) ?? 10),
  };
}

/** Writes the given settings; returns before and after for the audit log. Call inside a transaction. */
export function writeSettings(db: Db, changes: Partial<Settings>): { before: Settings; after: Settings } {
  const before = readSettings(db);
  for (const [name, value] of Object.entries(changes) as [keyof Settings, Settings[keyof Settings] | undefined][]) {
    if (value === undefined) continue;
    const text = typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
    run(db, qb.insertInto('settings').values({ key: KEYS[name], value: text }).onConflict((oc) => oc.column('key').doUpdateSet({ value: text })));
  }
  return { before, after: readSettings(db) };
}

const BACKUP_KEYS = { folder: 'backup_folder', secondFolder: 'backup_second_folder', dailyTime: 'backup_daily_time', reminderDays: 'backup_reminder_days' } as const;

export function readBackupSettings(db: Db): BackupSettings {
  const rows = new Map(all(db, qb.selectFrom('settings').select(['key', 'value']).where('key', 'in', Object.values(BACKUP_KEYS))).map((r) => [r.key, r.value]));
  return {
    folder: rows.get(BACKUP_KEYS.folder) ?? '',
    secondFolder: rows.get(BACKUP_KEYS.secondFolder) ?? '',
    dailyTime: (rows.get(BACKUP_KEYS.dailyTime) ?? '') as BackupSettings['dailyTime'], // written only through the contract's schema
    reminderDays: Number(rows.get(BACKUP_KEYS.reminderDays) ?? 7),
  };
}

export function writeBackupSettings(db: Db, changes: Partial<BackupSettings>): { before: BackupSettings; after: BackupSettings } {
  const before = readBackupSettings(db);
  for (const [name, value] of Object.entries(changes) as [keyof BackupSettings, string | number | undefined][]) {
    if (value === undefined) continue;
    writeSetting(db, BACKUP_KEYS[name], String(value));
  }
  return { before, after: readBackupSettings(db) };
}

export function readSetting(db: Db, key: string): string | undefined {
  return first(db, qb.selectFrom('settings').select('value').where('key', '=', key))?.value;
}

export function writeSetting(db: Db, key: string, value: string): void {
  run(db, qb.insertInto('settings').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })));
}
