// Migration 0002 (access control and the audit log) from a version-1 database with rows in it:
// users, customers, contacts, tags and settings survive; the new user columns and settings get
// their defaults without overwriting what was there; the audit log is a strict, working table.
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

function versionOne(): SqliteDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-mig2-'));
  dirs.push(dir);
  const db = openEncrypted(join(dir, 'clientele.db'), KEY, { create: true });
  migrate(db, 1);
  expect(schemaVersionOf(db)).toBe(1);
  db.exec(`
    INSERT INTO settings (key, value) VALUES ('shop_name', '张三五金'), ('idle_lock_minutes', '30');
    INSERT INTO users (username, display_name, role, active, created_at, updated_at, version) VALUES
      ('boss', '老板', 'owner', 1, 1, 2, 3),
      ('li', '小李', 'staff', 0, 4, 5, 1);
    INSERT INTO customers (code, kind, name, name_sort, stage, grade, owner_id, created_by, created_at, updated_at, deleted_at) VALUES
      ('C000001', 'company', '上海甲', 'shang hai jia', 'active', 'vip', 2, 1, 10, 11, NULL),
      ('C000002', 'person', '王五', 'wang wu', 'lead', 'normal', NULL, 1, 12, 13, 14);
    INSERT INTO contacts (customer_id, position, name, mobile, created_at, updated_at) VALUES (1, 0, '欧阳娜娜', '13912349876', 10, 10);
    INSERT INTO tags (name) VALUES ('批发');
    INSERT INTO customer_tags (customer_id, tag_id) VALUES (1, 1);
    INSERT INTO grade_history (customer_id, grade, changed_at, changed_by) VALUES (1, 'vip', 10, 1);
  `);
  return db;
}

function snapshot(db: SqliteDatabase, table: string, columns: string): unknown[] {
  return db.prepare(`SELECT ${columns} FROM ${table} ORDER BY 1, 2`).all(); // customer_tags has no rowid
}

describe('migration 0002: access control and the audit log', () => {
  it('keeps every row of a version-1 database and gives the new columns their defaults', () => {
    const db = versionOne();
    const tables = { users: 'id, username, display_name, role, active, created_at, updated_at, version', customers: '*', contacts: '*', tags: '*', customer_tags: '*', grade_history: '*' };
    const before = Object.fromEntries(Object.entries(tables).map(([table, columns]) => [table, snapshot(db, table, columns)]));
    migrate(db, 2);
    expect(schemaVersionOf(db)).toBe(2);
    for (const [table, columns] of Object.entries(tables)) expect(snapshot(db, table, columns), table).toEqual(before[table]);
    // Existing users are not forced to change their password, and have never signed in as far as 0002 knows.
    expect(db.prepare('SELECT username, must_change_password, last_sign_in_at FROM users ORDER BY id').all()).toEqual([
      { username: 'boss', must_change_password: 0, last_sign_in_at: null },
      { username: 'li', must_change_password: 0, last_sign_in_at: null },
    ]);
    expect(() => db.prepare("UPDATE users SET must_change_password = 2 WHERE username = 'li'").run()).toThrow(/CHECK/);
    db.close();
  });

  it('adds the access settings without overwriting one the shop had already set', () => {
    const db = versionOne();
    migrate(db, 2);
    const settings = Object.fromEntries((db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[]).map((row) => [row.key, row.value]));
    expect(settings).toEqual({ shop_name: '张三五金', idle_lock_minutes: '30', staff_scope: '0', mask_contacts: '0' });
    db.close();
  });

  it('creates an empty, strict audit log that takes entries and is indexed by time, user, action and entity', () => {
    const db = versionOne();
    migrate(db, 2);
    expect(db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(0);
    const insert = db.prepare('INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    insert.run(100, 1, 'boss', 'customers.update', 'customer', 1, '', 'h1');
    expect(db.prepare('SELECT label, changes FROM audit_log').get()).toEqual({ label: '', changes: '[]' });
    expect(() => insert.run('yesterday', 1, 'boss', 'customers.update', 'customer', 1, 'h1', 'h2')).toThrow(/cannot store TEXT value in INTEGER column/);
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_log' AND name LIKE 'audit_by_%'").pluck().all();
    expect((indexes as string[]).sort()).toEqual(['audit_by_action', 'audit_by_entity', 'audit_by_time', 'audit_by_user']);
    db.close();
  });

  it('goes on to the newest version with the same rows', () => {
    const db = versionOne();
    migrate(db);
    expect(db.prepare('SELECT code FROM customers ORDER BY id').pluck().all()).toEqual(['C000001', 'C000002']);
    expect(db.prepare('SELECT count(*) FROM users').pluck().get()).toBe(2);
    db.close();
  });
});
