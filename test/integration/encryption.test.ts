// At rest, nothing readable: not the database, not its WAL, not the key slots.
import Database from 'better-sqlite3-multiple-ciphers';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEncrypted } from '../../electron/core/db/sqlite/open.ts';
import { makeHarness, OWNER_PASSWORD, type Harness } from './harness.ts';

const MARKERS = ['MARKERZQX7731', '密文标记客户', '13912345678', 'marker@secret.example'];

function leaks(dataDir: string): string[] {
  const found: string[] = [];
  // Every file, in sub-folders too (locks/ holds which processes have the folder open).
  for (const entry of readdirSync(dataDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    const bytes = readFileSync(file);
    for (const marker of MARKERS) {
      for (const encoding of ['utf8', 'utf16le'] as const) {
        if (bytes.includes(Buffer.from(marker, encoding))) found.push(`${file}: ${marker} (${encoding})`);
      }
    }
  }
  return found;
}

describe('encryption at rest', () => {
  let h: Harness;
  beforeEach(async () => {
    h = makeHarness();
    await h.call('o', 'setup.create', { shopName: 'Shop', ownerUsername: 'boss', password: OWNER_PASSWORD });
  });
  afterEach(() => h.cleanup());

  it('keeps customer data out of every file in the data dir, while open and after closing', async () => {
    for (let i = 0; i < 50; i++) {
      await h.call('o', 'customers.create', {
        name: `${MARKERS[0]} ${MARKERS[1]} ${i}`,
        phone: MARKERS[2],
        email: MARKERS[3],
        notes: MARKERS.join(' '),
        contacts: [{ name: MARKERS[1]!, mobile: MARKERS[2], email: MARKERS[3] }],
      });
    }
    const files = readdirSync(h.dataDir);
    expect(files).toEqual(expect.arrayContaining(['clientele.db', 'clientele.db-wal', 'keyslots.json']));
    expect(readFileSync(join(h.dataDir, 'clientele.db-wal')).length).toBeGreaterThan(0);
    expect(leaks(h.dataDir)).toEqual([]);
    h.core.close();
    expect(leaks(h.dataDir)).toEqual([]);
  });

  it('refuses to open without the key or with a wrong one, cleanly', async () => {
    h.core.close();
    const file = join(h.dataDir, 'clientele.db');
    const plain = new Database(file, { fileMustExist: true });
    expect(() => plain.prepare('SELECT count(*) FROM sqlite_master').get()).toThrow(/not a database|encrypted/i);
    plain.close();
    expect(() => openEncrypted(file, 'ab'.repeat(32))).toThrow(/key does not open this database/);
    expect(() => openEncrypted(file, 'ab'.repeat(31) + 'a')).toThrow(/64 lowercase hex/);
  });

  it('does not let a wrong password in', async () => {
    const result = await h.raw('x', 'auth.signIn', { username: 'boss', password: 'not-the-password' });
    expect(result.ok ? 'OK' : result.error.code).toBe('BAD_PASSWORD');
  });
});
