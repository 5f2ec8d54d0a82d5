// Set-up's recovery key stays available to the session that made the shop until the owner says it
// is stored (a reload of the key screen shows it again), to that session only, and never after.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHarness, OWNER_PASSWORD, type Harness } from './harness.ts';

describe('recovery key until acknowledged', () => {
  let h: Harness;
  let recoveryKey: string;
  beforeEach(async () => {
    h = makeHarness();
    ({ recoveryKey } = await h.call('owner', 'setup.create', { shopName: 'Shop', ownerUsername: 'boss', password: OWNER_PASSWORD }));
  });
  afterEach(() => h.cleanup());

  it('gives the key again to the session that made the shop, until acknowledged', async () => {
    expect(await h.call('owner', 'setup.pendingRecoveryKey', {})).toEqual({ recoveryKey, createdAt: h.clock.now });
    expect(await h.call('owner', 'setup.pendingRecoveryKey', {})).toMatchObject({ recoveryKey });
    await h.call('owner', 'setup.acknowledgeRecoveryKey', {});
    expect(await h.call('owner', 'setup.pendingRecoveryKey', {})).toBeNull();
  });

  it('gives it to no other session, and forgets it on sign-out', async () => {
    await h.call('other', 'auth.signIn', { username: 'boss', password: OWNER_PASSWORD });
    expect(await h.call('other', 'setup.pendingRecoveryKey', {})).toBeNull();
    await h.failure('nobody', 'setup.pendingRecoveryKey', {}, 'UNAUTHENTICATED');
    await h.call('owner', 'auth.signOut', {});
    await h.call('owner', 'auth.signIn', { username: 'boss', password: OWNER_PASSWORD });
    expect(await h.call('owner', 'setup.pendingRecoveryKey', {})).toBeNull();
  });

  it('never writes the key to the data folder in clear', () => {
    const compact = recoveryKey.replace(/[-\s]/g, '');
    for (const name of readdirSync(h.dataDir, { recursive: true }) as string[]) {
      let text: string;
      try {
        text = readFileSync(join(h.dataDir, name), 'latin1');
      } catch {
        continue; // a folder
      }
      expect(text.includes(recoveryKey) || text.includes(compact), name).toBe(false);
    }
  });
});
