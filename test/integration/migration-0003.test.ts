// Migration 0003 (backups) from a version-2 database with rows in it: every row survives, the shop
// gets a random id of its own (a backup of another shop is refused on restore by it), and the
// backup settings get their defaults without overwriting a value already there.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersionOf } from '../../electron/core/db/migrations/index.ts';
import { openEncrypted, type SqliteDatabase } from '../../electron/core/db/sqlite/open.ts';

const KEY = 'ab'.repeat(32);
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function versionTwo(extraSettings: Record<string, string> = {}): SqliteDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-mig3-'));
  dirs.push(dir);
  const db = openEncrypted(join(dir, 'clientele.db'), KEY, { create: true });
  migrate(db, 2);
  expect(schemaVersionOf(db)).toBe(2);
  db.exec(`
    INSERT INTO settings (key, value) VALUES ('shop_name', '张三五金');
    UPDATE settings SET value = '1' WHERE key = 'mask_contacts';
    INSERT INTO users (username, display_name, role, created_at, updated_at, must_change_password, last_sign_in_at) VALUES
      ('boss', '老板', 'owner', 1, 2, 0, 50),
      ('li', '小李', 'staff', 3, 4, 1, NULL);
    INSERT INTO customers (code, kind, name, name_sort, stage, grade, owner_id, created_at, updated_at, deleted_at) VALUES
      ('C000001', 'company', '上海甲', 'shang hai jia', 'active', 'vip', 2, 10, 11, NULL),
      ('C000002', 'person', '王五', 'wang wu', 'lead', 'normal', NULL, 12, 13, 14);
    INSERT INTO contacts (customer_id, position, name, wechat, created_at, updated_at) VALUES (1, 0, '欧阳娜娜', 'nana_wx', 10, 10);
    INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, label, changes, prev_hash, hash) VALUES
      (100, 1, 'boss', 'customers.create', 'customer', 1, '上海甲', '[]', '', 'h1'),
      (101, NULL, 'mallory', 'auth.signInFailed', 'session', NULL, 'mallory', '[]', 'h1', 'h2');
  `);
  const set = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
  for (const [key, value] of Object.entries(extraSettings)) set.run(key, value);
  return db;
}

function rows(db: SqliteDatabase): Record<string, unknown[]> {
  const tables = ['users', 'customers', 'contacts', 'audit_log'];
  return Object.fromEntries(tables.map((table) => [table, db.prepare(`SELECT * FROM ${table} ORDER BY id`).all()]));
}

function settings(db: SqliteDatabase): Record<string, string> {
  return Object.fromEntries((db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[]).map((row) => [row.key, row.value]));
}

describe('migration 0003: backups', () => {
  it('keeps every row of a version-2 database, the audit chain included', () => {
    const db = versionTwo();
    const before = rows(db);
    const settingsBefore = settings(db);
    migrate(db, 3);
    expect(schemaVersionOf(db)).toBe(3);
    expect(rows(db)).toEqual(before);
    expect(settings(db)).toMatchObject(settingsBefore);
    db.close();
  });

  it('gives the shop a random id and the default backup settings', () => {
    const db = versionTwo();
    migrate(db, 3);
    const after = settings(db);
    expect(after.shop_id).toMatch(/^[0-9a-f]{32}$/);
    expect(after).toMatchObject({ backup_folder: '', backup_second_folder: '', backup_daily_time: '18:00', backup_reminder_days: '7' });
    // Another shop migrated the same way is another shop.
    const other = versionTwo();
    migrate(other, 3);
    expect(settings(other).shop_id).not.toBe(after.shop_id);
    other.close();
    db.close();
  });

  it('leaves a backup setting or shop id the database already holds as it is', () => {
    const db = versionTwo({ shop_id: 'f'.repeat(32), backup_daily_time: '' });
    migrate(db, 3);
    expect(settings(db)).toMatchObject({ shop_id: 'f'.repeat(32), backup_daily_time: '', backup_reminder_days: '7' });
    db.close();
  });

  it('goes on to the newest version with the same rows', () => {
    const db = versionTwo();
    migrate(db);
    expect(db.prepare('SELECT code FROM customers ORDER BY id').pluck().all()).toEqual(['C000001', 'C000002']);
    expect(db.prepare('SELECT hash FROM audit_log ORDER BY id').pluck().all()).toEqual(['h1', 'h2']);
    db.close();
  });
});
