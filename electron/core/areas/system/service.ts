// Status and integrity check of the open database, for `clientele status` / `check` and Settings.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Status } from '../../../../shared/api/system.ts';
import { KEYSLOTS_FILE } from '../../crypto/keyslots.ts';
import { schemaVersionOf } from '../../db/migrations/index.ts';
import { CIPHER, integrityProblems } from '../../db/sqlite/open.ts';
import type { Db } from '../../db/sql.ts';
import { DATABASE_FILE } from '../../vault.ts';

export const APP_VERSION = '0.1.0';

/** `tables`: the areas' tables of users' data (CoreState.countedTables; search indexes are derived, so not counted). */
export function systemStatus(db: Db, dataDir: string, tables: readonly string[]): Status {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    counts[table] = db.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  }
  const files: Record<string, number> = {};
  for (const name of [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`, KEYSLOTS_FILE]) {
    const path = join(dataDir, name);
    if (existsSync(path)) files[name] = statSync(path).size;
  }
  return { schemaVersion: schemaVersionOf(db.sqlite), appVersion: APP_VERSION, cipher: CIPHER, counts, files };
}

export function systemCheck(db: Db): { ok: boolean; problems: string[] } {
  const problems = integrityProblems(db.sqlite);
  const searchCheck = ['search_trigram', 'search_short'];
  for (const table of searchCheck) {
    try {
      db.sqlite.prepare(`INSERT INTO ${table}(${table}, rank) VALUES ('integrity-check', 0)`).run();
    } catch (error) {
      problems.push(`${table}: ${(error as Error).message}`);
    }
  }
  return { ok: problems.length === 0, problems };
}
