// Shop settings kept in the encrypted database (key → text value).
import type { Settings } from '../../../shared/api/auth.ts';
import { all, qb, run, type Db } from '../db/sql.ts';

const KEYS = { staffScope: 'staff_scope', maskContacts: 'mask_contacts', idleLockMinutes: 'idle_lock_minutes' } as const;

export function readSettings(db: Db): Settings {
  const rows = new Map(all(db, qb.selectFrom('settings').select(['key', 'value']).where('key', 'in', Object.values(KEYS))).map((r) => [r.key, r.value]));
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
