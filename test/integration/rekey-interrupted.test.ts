// A re-key interrupted by a crash (DESIGN.md: the file then opens with exactly one of the two keys,
// unpredictably which). Both halves are simulated: key slots staged but the file not yet
// re-encrypted, and the file re-encrypted but the slots not yet switched over. Either way the next
// sign-in opens the data and settles the key slots.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyToHex, newDatabaseKey } from '../../electron/core/crypto/keys.ts';
import { rekeyDatabase } from '../../electron/core/db/sqlite/open.ts';
import { stageRekey } from '../../electron/core/vault.ts';
import { databaseKeyOf, makeHarness, openWithKey, OWNER_PASSWORD, type Harness } from './harness.ts';

function slotsPending(dataDir: string): boolean {
  return readFileSync(join(dataDir, 'keyslots.json'), 'utf8').includes('"pending"');
}

describe('interrupted re-key', () => {
  let h: Harness;
  beforeEach(async () => {
    h = makeHarness();
    await h.call('owner', 'setup.create', { shopName: 'Shop', ownerUsername: 'boss', password: OWNER_PASSWORD });
    await h.call('owner', 'customers.create', { name: '重启后还在' });
    h.core.close();
  });
  afterEach(() => h.cleanup());

  async function signInAfterCrash(): Promise<string[]> {
    const core = h.otherCore();
    try {
      const signedIn = await core.invoke('x', 'auth.signIn', { username: 'boss', password: OWNER_PASSWORD });
      expect(signedIn.ok, JSON.stringify(signedIn)).toBe(true);
      const list = await core.invoke('x', 'customers.list', {});
      return list.ok ? (list.value as { rows: { name: string }[] }).rows.map((row) => row.name) : [];
    } finally {
      core.close();
    }
  }

  it('crash after staging, before the file changed: the old key still opens it, the staged key is dropped', async () => {
    const oldKey = await databaseKeyOf(h.dataDir, 'boss', OWNER_PASSWORD);
    stageRekey(h.dataDir, newDatabaseKey());
    expect(slotsPending(h.dataDir)).toBe(true);
    expect(await signInAfterCrash()).toEqual(['重启后还在']);
    expect(slotsPending(h.dataDir)).toBe(false);
    expect(await databaseKeyOf(h.dataDir, 'boss', OWNER_PASSWORD)).toBe(oldKey);
  });

  it('crash after the file was re-encrypted, before the slots switched: the pending key opens it and becomes current', async () => {
    const oldKey = await databaseKeyOf(h.dataDir, 'boss', OWNER_PASSWORD);
    const newKey = newDatabaseKey();
    stageRekey(h.dataDir, newKey);
    const db = openWithKey(h.dataDir, oldKey);
    rekeyDatabase(db, keyToHex(newKey));
    db.close();
    expect(await signInAfterCrash()).toEqual(['重启后还在']);
    expect(slotsPending(h.dataDir)).toBe(false);
    expect(await databaseKeyOf(h.dataDir, 'boss', OWNER_PASSWORD)).toBe(keyToHex(newKey));
  });
});
