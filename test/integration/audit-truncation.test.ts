// Cutting entries off the end of the audit log leaves a chain that still links up; verify names
// the first missing entry anyway.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseKeyOf, makeHarness, openWithKey, OWNER_PASSWORD, type Harness } from './harness.ts';

describe('audit log truncation', () => {
  let h: Harness;
  beforeEach(async () => {
    h = makeHarness();
    await h.call('owner', 'setup.create', { shopName: 'Shop', ownerUsername: 'boss', password: OWNER_PASSWORD });
    for (const name of ['A', 'B', 'C']) await h.call('owner', 'customers.create', { name });
  });
  afterEach(() => h.cleanup());

  it('names the first entry cut off the end', async () => {
    expect((await h.call('owner', 'audit.verify', {})).ok).toBe(true);
    const db = openWithKey(h.dataDir, await databaseKeyOf(h.dataDir, 'boss', OWNER_PASSWORD));
    const highest = db.prepare('SELECT max(id) FROM audit_log').pluck().get() as number;
    db.prepare('DELETE FROM audit_log WHERE id >= ?').run(highest - 1);
    db.close();
    const verdict = await h.call('owner', 'audit.verify', {});
    expect(verdict.ok).toBe(false);
    expect(verdict.firstBad?.id).toBe(highest - 1);
  });
});
