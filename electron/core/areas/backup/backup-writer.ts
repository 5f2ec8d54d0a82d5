// Writing a backup: a consistent snapshot of the database file copied while the app keeps working,
// written under a temporary name, flushed, renamed, then read back and its checksum compared.
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open, readdir, readFile, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackupManifest } from '../../../../shared/api/backup.ts';
import { AppFailure } from '../../../../shared/errors.ts';
import { keyToHex, sealWithDatabaseKey } from '../../crypto/keys.ts';
import { keyslotsPath } from '../../crypto/keyslots.ts';
import type { Db } from '../../db/database.ts';
import { engine, type DatabaseSnapshot } from '../../db/engine.ts';
import { APP_VERSION } from '../system/service.ts';
import { databasePath } from '../../vault.ts';
import { backupFileName, encodeHeader, MANIFEST_PURPOSE, PAYLOAD_OFFSET, type BackupHeader } from './backup-format.ts';
import type { BackupIo } from './backup-io.ts';
import { processAlive } from '../../process-lock.ts';

const CHUNK = 4 * 1024 * 1024;

export type WriteBackupOptions = {
  /** The tables whose rows the manifest counts (CoreState.countedTables). */
  countedTables: readonly string[];
  db: Db;
  dataDir: string;
  key: Buffer;
  folder: string;
  shopName: string;
  shopId: string;
  createdBy: string;
  now: number;
  io: BackupIo;
  onProgress: (done: number, total: number) => void;
  isCancelled: () => boolean;
};

export type WrittenBackup = { file: string; bytes: number; sha256: string; counts: Record<string, number> };

async function folderExists(folder: string): Promise<boolean> {
  try {
    return (await stat(folder)).isDirectory();
  } catch {
    return false;
  }
}

/** A name not taken yet: two backups in the same minute get -2, -3, ... */
async function freeName(folder: string, base: string): Promise<string> {
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : base.replace(/\.clbak$/, `-${n}.clbak`);
    try {
      await stat(join(folder, name));
    } catch {
      return name;
    }
  }
}

function ioFailure(error: unknown, folder: string): AppFailure {
  if (error instanceof AppFailure) return error;
  const code = (error as { code?: string }).code ?? '';
  if (code === 'ENOSPC' || code === 'EDQUOT') return new AppFailure('IO', `the destination ${folder} is full; nothing was kept there`, { reason: 'full' });
  if (code === 'ENOENT' || code === 'EIO' || code === 'ENODEV' || code === 'ENXIO') {
    return new AppFailure('IO', `the destination ${folder} disappeared while writing (was the USB stick removed?); nothing was kept there`, { reason: 'gone' });
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return new AppFailure('IO', `the destination ${folder} cannot be written to`, { reason: 'denied' });
  return new AppFailure('IO', `writing the backup failed: ${(error as Error).message}`);
}

export async function writeBackup(options: WriteBackupOptions): Promise<WrittenBackup> {
  const { db, folder } = options;
  if (!(await folderExists(folder))) throw new AppFailure('IO', `the folder ${folder} does not exist (is the USB stick plugged in?)`, { reason: 'gone' });
  await removeAbandonedPartials(folder);
  const name = await freeName(folder, backupFileName(options.shopName, new Date(options.now)));
  const target = join(folder, name);
  // The writer's pid in the name: the next run removes it if this process is killed meanwhile.
  const partial = join(folder, `.${name}.${process.pid}.partial`);

  // The database's bytes stand still while they are copied and read back; the app goes on meanwhile.
  const snapshot = await engine.snapshot(db, { file: databasePath(options.dataDir), keyHex: keyToHex(options.key) }, options.countedTables);
  let handle: FileHandle | null = null;
  try {
    const { counts, schemaVersion, bytes: dbBytes } = snapshot;
    const keyslots = await readFile(keyslotsPath(options.dataDir));
    const total = keyslots.length + dbBytes;
    handle = await open(partial, 'w', 0o600);
    const hash = createHash('sha256');
    // The header is written last (its sealed manifest holds the payload's hash); reserve its room.
    await options.io.writeChunk(handle, Buffer.alloc(PAYLOAD_OFFSET), 0);
    hash.update(keyslots);
    await options.io.writeChunk(handle, keyslots, PAYLOAD_OFFSET);
    let done = keyslots.length;
    options.onProgress(done, total);
    // Two buffers: while one chunk is being written (in libuv's threads), the next is read and
    // hashed here, so the copy runs at about the speed of the slower of the two.
    const buffers = [Buffer.alloc(CHUNK), Buffer.alloc(CHUNK)];
    let pendingWrite: Promise<void> | null = null;
    for (let offset = 0, i = 0; offset < dbBytes; i++) {
      if (options.isCancelled()) throw new AppFailure('CANCELLED', 'the backup was cancelled; nothing was kept');
      const buffer = buffers[i % 2]!; // i % 2 is 0 or 1
      const bytesRead = await snapshot.read(buffer, Math.min(CHUNK, dbBytes - offset), offset);
      if (bytesRead === 0) throw new AppFailure('IO', 'the database file ended early while copying');
      const chunk = buffer.subarray(0, bytesRead);
      hash.update(chunk);
      if (pendingWrite) await pendingWrite;
      pendingWrite = options.io.writeChunk(handle, chunk, PAYLOAD_OFFSET + keyslots.length + offset);
      pendingWrite.catch(() => undefined); // its failure is raised by the await above, one round later
      offset += bytesRead;
      done += bytesRead;
      options.onProgress(done, total);
    }
    if (pendingWrite) await pendingWrite;
    const sha256 = hash.digest('hex');
    const manifest: BackupManifest = {
      appVersion: APP_VERSION,
      schemaVersion,
      createdAt: options.now,
      createdBy: options.createdBy,
      shopName: options.shopName,
      shopId: options.shopId,
      counts,
      payloadBytes: total,
      sha256,
    };
    const header: BackupHeader = {
      format: 1,
      createdAt: options.now,
      appVersion: APP_VERSION,
      schemaVersion,
      keyslotsBytes: keyslots.length,
      keyslotsSha256: createHash('sha256').update(keyslots).digest('hex'),
      dbBytes,
      manifest: sealWithDatabaseKey(options.key, MANIFEST_PURPOSE, Buffer.from(JSON.stringify(manifest), 'utf8')),
    };
    const headerBytes = encodeHeader(header);
    await options.io.writeChunk(handle, headerBytes, 0);
    await handle.sync();
    await handle.close();
    handle = null;
    await rename(partial, target);
    await syncFolder(folder);
    // Read it back from the destination: only a file equal, byte for byte, to the snapshot counts
    // (the snapshot is still standing: automatic checkpoints are paused until the end).
    if (!(await sameAsSnapshot(target, [headerBytes, keyslots], snapshot))) {
      throw new AppFailure('IO', 'the backup read back from the destination does not match what was written');
    }
    return { file: target, bytes: PAYLOAD_OFFSET + total, sha256, counts };
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await unlink(partial).catch(() => undefined);
    await unlink(target).catch(() => undefined);
    throw ioFailure(error, folder);
  } finally {
    await snapshot.close();
  }
}

/** Hidden `.partial` files of backups whose process was killed (or of an older version, without a pid). */
async function removeAbandonedPartials(folder: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return; // the write itself says what is wrong with the folder
  }
  for (const name of names) {
    const match = /^\..+\.clbak(?:\.(\d+))?\.partial$/.exec(name);
    if (!match) continue;
    const pid = match[1] === undefined ? null : Number(match[1]);
    if (pid === null || !processAlive(pid)) await unlink(join(folder, name)).catch(() => undefined);
  }
}

/** Compares the written file with what it must hold: the parts given, then the snapshot's bytes. */
async function sameAsSnapshot(file: string, parts: Buffer[], snapshot: DatabaseSnapshot): Promise<boolean> {
  const dbBytes = snapshot.bytes;
  const written = await open(file, constants.O_RDONLY);
  try {
    let position = 0;
    for (const part of parts) {
      const back = Buffer.alloc(part.length);
      await written.read(back, 0, part.length, position);
      if (!back.equals(part)) return false;
      position += part.length;
    }
    if ((await written.stat()).size !== position + dbBytes) return false;
    const mine = Buffer.alloc(CHUNK);
    const theirs = Buffer.alloc(CHUNK);
    for (let offset = 0; offset < dbBytes; ) {
      const length = Math.min(CHUNK, dbBytes - offset);
      const [a, b] = await Promise.all([written.read(theirs, 0, length, position + offset), snapshot.read(mine, length, offset)]);
      if (a.bytesRead !== length || b !== length || !theirs.subarray(0, length).equals(mine.subarray(0, length))) return false;
      offset += length;
    }
    return true;
  } finally {
    await written.close();
  }
}

/** Makes the rename durable (the directory entry itself); not possible on Windows, where it is not needed. */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  const dir = await open(folder, constants.O_RDONLY);
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}
