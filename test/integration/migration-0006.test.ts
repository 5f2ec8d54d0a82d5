// Migration 0006 adds the blob store's tables to a version-5 database with a shop in it: the rows
// that were there stay, and the new tables keep their rules (one blob per hash, chunks go with their
// blob, a holder names an existing blob, an upload belongs to an existing user).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersionOf } from '../../electron/core/db/migrations/index.ts';
import { openEncrypted } from '../../electron/core/db/sqlite/open.ts';

const KEY = 'cd'.repeat(32);
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('migration 0006 (blobs)', () => {
  it('keeps a version-5 shop as it was and adds the blob tables with their rules', () => {
    const dir = mkdtempSync(join(tmpdir(), 'clientele-mig6-'));
    dirs.push(dir);
    const db = openEncrypted(join(dir, 'clientele.db'), KEY, { create: true });
    migrate(db, 5);
    const owner = Number(db.prepare("INSERT INTO users (username, display_name, role, active, created_at, updated_at) VALUES ('boss', '老板', 'owner', 1, 1, 1)").run().lastInsertRowid);
    db.prepare("INSERT INTO customers (code, kind, name, name_sort, region_sort, stage, grade, created_at, updated_at) VALUES ('C000001', 'company', '张三科技', '', '', 'lead', 'normal', 1, 1)").run();
    db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('shop_name', '张三小店')").run();
    const before = {
      customers: db.prepare('SELECT * FROM customers').all(),
      users: db.prepare('SELECT * FROM users').all(),
      settings: db.prepare('SELECT * FROM settings ORDER BY key').all(),
    };

    migrate(db, 6);
    expect(schemaVersionOf(db)).toBe(6);
    expect(db.prepare('SELECT * FROM customers').all()).toEqual(before.customers);
    expect(db.prepare('SELECT * FROM users').all()).toEqual(before.users);
    expect(db.prepare('SELECT * FROM settings ORDER BY key').all()).toEqual(before.settings);

    const blob = Number(db.prepare("INSERT INTO blobs (sha256, size, type, created_at) VALUES (?, 3, 'application/octet-stream', 1)").run('a'.repeat(64)).lastInsertRowid);
    db.prepare('INSERT INTO blob_chunks (blob_id, seq, data) VALUES (?, 0, ?)').run(blob, Buffer.from('abc'));
    db.prepare("INSERT INTO blob_refs (holder, blob_id) VALUES ('settings:logo', ?)").run(blob);
    db.prepare("INSERT INTO file_uploads (id, blob_id, purpose, user_id, name, created_at) VALUES ('u1', ?, 'logo', ?, 'logo.png', 1)").run(blob, owner);
    // One blob per hash; a hash is 64 hex digits; unfinished blobs (no hash yet) may be many.
    expect(() => db.prepare("INSERT INTO blobs (sha256, size, created_at) VALUES (?, 1, 1)").run('a'.repeat(64))).toThrow(/UNIQUE/);
    expect(() => db.prepare("INSERT INTO blobs (sha256, size, created_at) VALUES ('short', 1, 1)").run()).toThrow(/CHECK/);
    db.prepare('INSERT INTO blobs (sha256, size, created_at) VALUES (NULL, 0, 1), (NULL, 0, 1)').run();
    // Holders and uploads name real blobs and users.
    expect(() => db.prepare("INSERT INTO blob_refs (holder, blob_id) VALUES ('x', 999)").run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("INSERT INTO file_uploads (id, blob_id, purpose, user_id, name, created_at) VALUES ('u2', ?, 'logo', 999, 'x', 1)").run(blob)).toThrow(/FOREIGN KEY/);
    // A blob's chunks go with it.
    db.prepare('DELETE FROM file_uploads').run();
    db.prepare('DELETE FROM blob_refs').run();
    db.prepare('DELETE FROM blobs WHERE id = ?').run(blob);
    expect(db.prepare('SELECT count(*) AS n FROM blob_chunks').get()).toEqual({ n: 0 });
    db.close();
  });
});
