import type { SqliteDatabase } from '../sqlite/open.ts';

/** A numbered schema step. Runs inside the migration transaction; never edited once released. */
export type Migration = { version: number; name: string; up: (db: SqliteDatabase) => void };
