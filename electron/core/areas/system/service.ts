// Status and integrity check of the open database, for `clientele status` / `check` and Settings.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Status } from '../../../../shared/api/system.ts';
import { KEYSLOTS_FILE } from '../../crypto/keyslots.ts';
import type { Db } from '../../db/database.ts';
import { engine } from '../../db/engine.ts';
import { DATABASE_FILE } from '../../vault.ts';

export const APP_VERSION = '0.1.0';

/** Rows in each of `tables`. */
export async function rowCounts(db: Db, tables: readonly string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = await engine.countRows(db, table);
  return counts;
}

/** `tables`: the areas' tables of users' data (CoreState.countedTables; search indexes are derived, so not counted). */
export async function systemStatus(db: Db, dataDir: string, tables: readonly string[]): Promise<Status> {
  const counts = await rowCounts(db, tables);
  const files: Record<string, number> = {};
  for (const name of [...engine.databaseFiles(DATABASE_FILE), KEYSLOTS_FILE]) {
    const path = join(dataDir, name);
    if (existsSync(path)) files[name] = statSync(path).size;
  }
  return { schemaVersion: await engine.schemaVersion(db), appVersion: APP_VERSION, cipher: engine.cipher, counts, files };
}

export async function systemCheck(db: Db): Promise<{ ok: boolean; problems: string[] }> {
  const problems = await engine.checkIntegrity(db);
  return { ok: problems.length === 0, problems };
}
