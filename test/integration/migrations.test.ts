import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS, SCHEMA_VERSION, schemaVersionOf } from '../../electron/core/db/migrations/index.ts';
import { openEncrypted } from '../../electron/core/db/sqlite/open.ts';
import { makeHarness, OWNER_PASSWORD } from './harness.ts';

const KEY = 'cd'.repeat(32);
const dirs: string[] = [];
function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-mig-'));
  dirs.push(dir);
  return join(dir, 'clientele.db');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('migrations', () => {
  it('are numbered 1..n in order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('0001 creates the schema on an empty database, and a second run changes nothing', () => {
    const db = openEncrypted(tempDb(), KEY, { create: true });
    migrate(db, 1);
    expect(schemaVersionOf(db)).toBe(1);
    db.prepare("INSERT INTO users (username, display_name, role, created_at, updated_at) VALUES ('boss', 'Boss', 'owner', 1, 1)").run();
    db.prepare(
      "INSERT INTO customers (code, kind, name, name_sort, stage, grade, created_at, updated_at) VALUES ('C000001', 'company', 'A', 'a', 'lead', 'vip', 1, 1)",
    ).run();
    migrate(db);
    expect(db.prepare('SELECT grade_rank FROM customers').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM users').pluck().get()).toBe(1);
    db.close();
  });

  it('refuses a database made by a newer app, through sign-in too', async () => {
    const h = makeHarness();
    try {
      await h.call('o', 'setup.create', { shopName: 'Shop', ownerUsername: 'boss', password: OWNER_PASSWORD });
      const db = (await import('../../electron/core/vault.ts')).databasePath(h.dataDir);
      h.core.close();
      // Raise the version with the real key: the test unwraps it like sign-in does.
      const { readKeyslots, findUserSlot } = await import('../../electron/core/crypto/keyslots.ts');
      const { unwrapKey } = await import('../../electron/core/crypto/keys.ts');
      const key = await unwrapKey(findUserSlot(readKeyslots(h.dataDir), 'boss')!, OWNER_PASSWORD);
      const raw = openEncrypted(db, key!.toString('hex'));
      raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
      raw.close();
      const again = h.otherCore();
      const result = await again.invoke('x', 'auth.signIn', { username: 'boss', password: OWNER_PASSWORD });
      again.close();
      expect(result.ok ? 'OK' : result.error.code).toBe('UNSUPPORTED_VERSION');
    } finally {
      h.cleanup();
    }
  });
});
