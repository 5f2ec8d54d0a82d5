// The database engine behind the services: what they need that portable Kysely cannot say (keys,
// pragmas, integrity checks, snapshots and files, FTS5, bulk loading). The one implementation is
// SQLite's (./sqlite/); an office server on PostgreSQL adds its twin and changes the last line.
// Nothing outside electron/core/db/ imports the driver or ./sqlite/ (eslint.config.js).
import type { Db } from './database.ts';
import { sqliteEngine } from './sqlite/engine.ts';
import type { SearchIndex } from '../areas/search/search-engine.ts';

/** Where a database lives and the raw key that opens it (64 lowercase hex digits). */
export type DatabaseLocation = { file: string; keyHex: string };

/**
 * A consistent copy-in-place of the database for a backup: its bytes stand still until `close`,
 * while the app goes on reading and writing. The counts and schema version are the snapshot's own.
 */
export type DatabaseSnapshot = {
  schemaVersion: number;
  counts: Record<string, number>;
  /** How many bytes the snapshot holds. */
  bytes: number;
  /** Reads `length` bytes at `position` into `buffer`; answers how many were read. */
  read(buffer: Buffer, length: number, position: number): Promise<number>;
  close(): Promise<void>;
};

/** What a long job gives the engine: where to report progress, and whether to stop. */
export type JobControl = {
  progress(done: number, total: number): void;
  readonly cancelled: boolean;
  /** The job can no longer be cancelled from here (throws CANCELLED when it already was). */
  beyondCancel(): void;
};

/** A re-encrypted copy of the database, made beside it, waiting to take its place. */
export type RekeyedCopy = {
  /**
   * Closes the database and puts the copy in its place. The database is closed afterwards whether
   * or not that worked: the caller opens it again, trying both keys (a crash leaves either).
   */
  swapIn(): Promise<void>;
};

/** The chunk I/O of the blob store (files/blob-store.ts): chunks pass without filling the page cache. */
export type BlobChunks = {
  /** Stores consecutive chunks from `firstSeq` on in one short write; the caller may reuse them afterwards. */
  write(db: Db, blobId: number, firstSeq: number, chunks: readonly Uint8Array[]): Promise<void>;
  /** One chunk, or undefined when it is missing. */
  read(db: Db, blobId: number, seq: number): Promise<Uint8Array | undefined>;
  /** Runs `work` (deleting chunks, inside the caller's transaction) without filling the page cache. */
  withSmallPageCache<T>(tx: Db, work: () => Promise<T>): Promise<T>;
};

export type Engine = {
  /** The encryption of the database, as `system.status` shows it. */
  readonly cipher: string;
  /**
   * Opens (or, with `create`, makes) the encrypted database and, unless `migrate` is false, brings
   * its schema up to this app's version (UNSUPPORTED_VERSION when it is newer). A wrong key is
   * CORRUPT. Synchronous: opening and migrating happen before the first caller waits on it.
   */
  open(location: DatabaseLocation, options?: { create?: boolean; migrate?: boolean }): Db;
  /** Closes the database at once (its key leaves memory); later queries fail. */
  close(db: Db): void;
  /** The files the database consists of while open (the file and its journals), moved and sized together. */
  databaseFiles(file: string): string[];
  /** Removes a database's files (a copy left by an interrupted job). */
  removeDatabaseFiles(file: string): void;
  /** The schema version the database is at. */
  schemaVersion(db: Db): Promise<number>;
  /**
   * The highest id the database ever gave a row of `table` (AUTOINCREMENT remembers it after the
   * row is deleted), or 0: an audit chain cut short at its end still shows.
   */
  highestIdGiven(db: Db, table: string): Promise<number>;
  /** Rows in `table` (a table name the caller knows; quoted, never interpolated). */
  countRows(db: Db, table: string): Promise<number>;
  /**
   * What the engine's own checks find wrong (empty when nothing): pages, indexes, foreign keys and
   * the search indexes. `quick` skips comparing each index with its table, for a copy whose every
   * byte a checksum already vouched for.
   */
  checkIntegrity(db: Db, options?: { quick?: boolean }): Promise<string[]>;
  /** A snapshot for a backup, counting the rows of `tables` in it. */
  snapshot(db: Db, location: DatabaseLocation, tables: readonly string[]): Promise<DatabaseSnapshot>;
  /**
   * The first part of a re-key: a copy of the database under `newKeyHex`, made while reads go on
   * (writes answer busy until the swap or the failure, never lost). Progress out of 1000 (the
   * last twentieth is the caller's swap); a cancelled job stops it. A failure or cancellation
   * leaves the database as it was, open, under its key.
   */
  rekeyedCopy(db: Db, location: DatabaseLocation, newKeyHex: string, job: JobControl): Promise<RekeyedCopy>;
  blobChunks: BlobChunks;
  /**
   * Runs `work` holding a lock file that works across processes (keyslots.json's changes). `work`
   * is synchronous and short; a process that dies inside never leaves the lock stuck.
   */
  withFileLock<T>(lockPath: string, work: () => T, options?: { waitMs?: number; operation?: string }): T;
  /** The search indexes over customers (areas/search/search-engine.ts). */
  search: SearchIndex;
  /**
   * Runs a bulk load (seeding; later imports) that commits batch after batch: each commit need not
   * wait for the disk (a power cut loses at most the last batches, never the database), and the
   * database is tidied once at the end. Inside a transaction, `work` just runs in it. Given where
   * the database is, the engine's housekeeping during the load (SQLite's WAL checkpoints, each
   * waiting for the disk) runs on a thread of its own, so calls served between the batches do not
   * wait for it.
   */
  bulkLoad<T>(db: Db, work: () => Promise<T>, location?: DatabaseLocation): Promise<T>;
};

export const engine: Engine = sqliteEngine;
