// Reading a backup: checks that it is one, unlocks it with a password valid at backup time or the
// recovery key, opens the sealed manifest, compares the payload's checksum, and extracts it into a
// work folder where the database is opened and checked (integrity, schema version, row counts).
// Nothing outside the work folder is touched.
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackupManifest } from '../../../../shared/api/backup.ts';
import { AppFailure } from '../../../../shared/errors.ts';
import { normaliseRecoveryKey, openWithDatabaseKey, unlockSlot, keyToHex } from '../../crypto/keys.ts';
import { parseKeyslots } from '../../crypto/keyslots-file.ts';
import { findUserSlot, KEYSLOTS_FILE, type KeyslotsFile } from '../../crypto/keyslots.ts';
import { SCHEMA_VERSION } from '../../db/migrations/index.ts';
import { engine } from '../../db/engine.ts';
import { DATABASE_FILE } from '../../vault.ts';
import { decodeHeader, headerMatchesManifest, MANIFEST_PURPOSE, PAYLOAD_OFFSET, SealedManifest } from './backup-format.ts';

export type BackupCredentials = { username: string; password: string } | { recoveryKey: string };

export type OpenedBackup = { manifest: BackupManifest; bytes: number; key: Buffer; workDir: string };

const CHUNK = 4 * 1024 * 1024;

function corrupt(message: string): AppFailure {
  return new AppFailure('CORRUPT', `this backup is damaged (${message}); nothing was changed`);
}

/** The opened manifest: sealed with the database key, and still checked before it is believed. */
function parseManifest(sealed: Buffer): BackupManifest {
  let json: unknown;
  try {
    json = JSON.parse(sealed.toString('utf8'));
  } catch {
    throw corrupt('its manifest is unreadable');
  }
  const parsed = SealedManifest.safeParse(json);
  if (!parsed.success) throw corrupt('its manifest is unreadable');
  return parsed.data;
}

async function unlock(keyslots: KeyslotsFile, credentials: BackupCredentials): Promise<{ key: Buffer; pendingKey: Buffer | null } | null> {
  if ('recoveryKey' in credentials) return unlockSlot(keyslots.recovery, normaliseRecoveryKey(credentials.recoveryKey));
  const slot = findUserSlot(keyslots, credentials.username);
  return slot ? unlockSlot(slot, credentials.password) : null;
}

/**
 * Verifies `file` completely and leaves the checked database and key slots in `workDir`
 * (created here; the caller removes it). Errors: CORRUPT, BAD_PASSWORD, UNSUPPORTED_VERSION, IO.
 */
export async function openBackup(file: string, credentials: BackupCredentials, workDir: string, onProgress?: (done: number, total: number) => void): Promise<OpenedBackup> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY);
    if (!(await handle.stat()).isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
  } catch (error) {
    await handle?.close();
    throw new AppFailure('IO', `cannot read ${file} as a backup file: ${(error as { code?: string }).code ?? (error as Error).message}`);
  }
  try {
    const size = (await handle.stat()).size;
    const head = Buffer.alloc(PAYLOAD_OFFSET);
    await handle.read(head, 0, Math.min(PAYLOAD_OFFSET, size), 0);
    const header = decodeHeader(head, size);
    const keyslotsBytes = Buffer.alloc(header.keyslotsBytes);
    await handle.read(keyslotsBytes, 0, header.keyslotsBytes, PAYLOAD_OFFSET);
    if (createHash('sha256').update(keyslotsBytes).digest('hex') !== header.keyslotsSha256) throw corrupt('its key slots are damaged');
    let keyslots: KeyslotsFile;
    try {
      keyslots = parseKeyslots(keyslotsBytes.toString('utf8'), 'damaged', 'newer');
    } catch {
      throw corrupt('its key slots are unreadable');
    }
    const keys = await unlock(keyslots, credentials);
    if (!keys) throw new AppFailure('BAD_PASSWORD', 'the password or recovery key does not open this backup (use one that was valid when it was made)');
    const key = keys.key;
    const sealed = openWithDatabaseKey(key, MANIFEST_PURPOSE, header.manifest);
    if (!sealed) throw corrupt('its manifest does not open');
    const manifest = parseManifest(sealed);
    if (!headerMatchesManifest(header, manifest)) throw corrupt('its header does not match its sealed manifest');
    if (manifest.schemaVersion > SCHEMA_VERSION) {
      throw new AppFailure('UNSUPPORTED_VERSION', `this backup was made by a newer Clientele (${manifest.appVersion}, schema ${manifest.schemaVersion}); update Clientele first`);
    }

    // Extract while hashing: the database goes to the work folder, and the hash must match.
    await rm(workDir, { recursive: true, force: true });
    await mkdir(workDir, { recursive: true });
    const hash = createHash('sha256').update(keyslotsBytes);
    const out = await open(join(workDir, DATABASE_FILE), 'w', 0o600);
    try {
      const buffer = Buffer.alloc(CHUNK);
      const start = PAYLOAD_OFFSET + header.keyslotsBytes;
      for (let offset = 0; offset < header.dbBytes; ) {
        const { bytesRead } = await handle.read(buffer, 0, Math.min(CHUNK, header.dbBytes - offset), start + offset);
        if (bytesRead === 0) throw corrupt('it ends early');
        const chunk = buffer.subarray(0, bytesRead);
        hash.update(chunk);
        await out.write(chunk, 0, bytesRead, offset);
        offset += bytesRead;
        onProgress?.(offset, header.dbBytes);
      }
      await out.sync();
    } finally {
      await out.close();
    }
    if (hash.digest('hex') !== manifest.sha256) throw corrupt('its checksum does not match');
    await writeFile(join(workDir, KEYSLOTS_FILE), keyslotsBytes, { mode: 0o600 });
    await checkDatabase(join(workDir, DATABASE_FILE), keyToHex(key), manifest);
    return { manifest, bytes: size, key, workDir };
  } catch (error) {
    await rm(workDir, { recursive: true, force: true });
    throw error;
  } finally {
    await handle.close();
  }
}

/** Integrity, schema version and row counts of the extracted database (a broken copy can pass integrity alone). */
async function checkDatabase(file: string, keyHex: string, manifest: BackupManifest): Promise<void> {
  let db;
  try {
    db = engine.open({ file, keyHex }, { migrate: false });
  } catch {
    throw corrupt('its database does not open with its key');
  }
  try {
    // The SHA-256 sealed in the manifest has vouched for every byte: the quick check suffices.
    const problems = await engine.checkIntegrity(db, { quick: true });
    if (problems.length > 0) throw corrupt(`integrity check: ${problems.slice(0, 3).join('; ')}`);
    if ((await engine.schemaVersion(db)) !== manifest.schemaVersion) throw corrupt('its schema version does not match its manifest');
    for (const [table, expected] of Object.entries(manifest.counts)) {
      const found = await engine.countRows(db, table);
      if (found !== expected) throw corrupt(`${table} holds ${String(found)} rows, the manifest says ${expected}`);
    }
  } catch (error) {
    if (error instanceof AppFailure) throw error;
    throw corrupt((error as Error).message);
  } finally {
    engine.close(db);
  }
}
