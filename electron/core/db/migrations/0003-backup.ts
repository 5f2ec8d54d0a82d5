import type { Migration } from './migration.ts';

/** Backups: a random shop id (a backup of another shop is refused on restore) and backup settings. */
export const migration0003: Migration = {
  version: 3,
  name: 'backup',
  up: (db) => {
    db.exec(`
      INSERT OR IGNORE INTO settings (key, value) VALUES
        ('shop_id', lower(hex(randomblob(16)))),
        ('backup_folder', ''),
        ('backup_second_folder', ''),
        ('backup_daily_time', '18:00'),
        ('backup_reminder_days', '7');
    `);
  },
};
