// The older-backup restore (fixtures/older-backup.ts) must keep working the first time a migration
// adds a table: here the app gets a simulated next migration (a new table filled from the
// customers, its index, a new customer column and a new setting), and a backup made at the
// version before it restores, migrates and ends with the schema a new shop gets.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Migration } from '../../electron/core/db/migrations/migration.ts';
import { MIGRATIONS, SCHEMA_VERSION } from '../../electron/core/db/migrations/index.ts';
import { databaseKeyOf, makeHarness, openWithKey, OWNER_PASSWORD, type Harness } from './harness.ts';
import { makeShop, OWNER, removeTempDirs } from './fixtures/backup-shop.ts';
import { restoreOlderBackup } from './fixtures/older-backup.ts';

const NEXT_NAME = 'test-next-visits';

vi.mock('../../electron/core/db/migrations/index.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../electron/core/db/migrations/index.ts')>();
  const { AppFailure } = await import('../../shared/errors.ts');
  const next: Migration = {
    version: real.SCHEMA_VERSION + 1,
    name: 'test-next-visits',
    up: (db) =>
      db.exec(`
        CREATE TABLE test_visits (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
          at INTEGER NOT NULL,
          note TEXT NOT NULL DEFAULT ''
        ) STRICT;
        CREATE INDEX test_visits_by_customer ON test_visits (customer_id, at);
        INSERT INTO test_visits (customer_id, at, note) SELECT id, created_at, 'first contact' FROM customers;
        ALTER TABLE customers ADD COLUMN test_visit_count INTEGER NOT NULL DEFAULT 1;
        INSERT OR IGNORE INTO settings (key, value) VALUES ('test_visit_reminder_days', '30');
      `),
  };
  const migrations = [...real.MIGRATIONS, next];
  const schemaVersion = migrations.length;
  // The real runner for the real steps, then the simulated one the same way (one immediate transaction).
  function migrate(db: Parameters<typeof real.migrate>[0], target = schemaVersion): void {
    const current = real.schemaVersionOf(db);
    if (current > schemaVersion) throw new AppFailure('UNSUPPORTED_VERSION', `database: schema version ${current} is newer than this app supports (${schemaVersion}); please update Clientele`);
    if (current < real.SCHEMA_VERSION) real.migrate(db, Math.min(target, real.SCHEMA_VERSION));
    if (target < next.version) return;
    db.transaction(() => {
      if (real.schemaVersionOf(db) >= next.version) return;
      next.up(db);
      db.pragma(`user_version = ${next.version}`);
    }).immediate();
  }
  return { ...real, MIGRATIONS: migrations, SCHEMA_VERSION: schemaVersion, migrate };
});

describe('restoring an older backup when the newest migration adds a table', () => {
  let h: Harness;

  beforeAll(async () => {
    h = makeHarness();
    await makeShop(h.core);
  });
  afterAll(() => {
    h.cleanup();
    removeTempDirs();
  });

  it('runs with the simulated next migration in place', () => {
    expect(MIGRATIONS.at(-1)!.name).toBe(NEXT_NAME);
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('migrates the backup made before it: every row kept, the new table filled by the migration, the schema of a new shop', async () => {
    const { core, dataDir } = await restoreOlderBackup(h);
    try {
      const raw = openWithKey(dataDir, await databaseKeyOf(dataDir, OWNER, OWNER_PASSWORD));
      try {
        const customers = raw.prepare('SELECT count(*) FROM customers').pluck().get();
        expect(customers).toBeGreaterThan(0);
        expect(raw.prepare("SELECT count(*) FROM test_visits WHERE note = 'first contact'").pluck().get()).toBe(customers);
        expect(raw.prepare('SELECT DISTINCT test_visit_count FROM customers').pluck().all()).toEqual([1]);
        expect(raw.prepare("SELECT value FROM settings WHERE key = 'test_visit_reminder_days'").pluck().get()).toBe('30');
      } finally {
        raw.close();
      }
    } finally {
      core.close();
    }
  });
});
