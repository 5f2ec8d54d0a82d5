// User management by the owner, password changes and the password rules, recovery by the recovery
// key, and re-keying the database after a user is removed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../electron/core/core-types.ts';
import { openEncrypted } from '../../electron/core/db/sqlite/open.ts';
import {
  addUser,
  codeOf,
  databaseKeyOf,
  INITIAL_PASSWORD,
  makeHarness,
  OWNER_PASSWORD,
  shopWithRoles,
  USER_PASSWORD,
  userNamed,
  type Harness,
} from './harness.ts';

const NEW_PASSWORD = 'brand-new-secret-6612';

describe('users', () => {
  let h: Harness;
  beforeEach(async () => {
    h = makeHarness();
    await shopWithRoles(h);
  });
  afterEach(() => h.cleanup());

  it('creates users who must change the initial password, and lists them', async () => {
    const created = await h.call('owner', 'users.create', { username: 'xiaoli', displayName: '小李', role: 'staff', password: INITIAL_PASSWORD });
    expect(created).toMatchObject({ username: 'xiaoli', displayName: '小李', role: 'staff', active: true, mustChangePassword: true });
    const list = await h.call('owner', 'users.list', {});
    expect(list.map((u) => [u.username, u.role])).toEqual(expect.arrayContaining([['boss', 'owner'], ['xiaoli', 'staff']]));
    await h.failure('owner', 'users.create', { username: 'XiaoLi', role: 'staff', password: INITIAL_PASSWORD }, 'CONFLICT');
  });

  it('deactivates a user: signed out, cannot sign in, slot removed; reactivation sets a new password', async () => {
    const staff = await userNamed(h, 'staff');
    const deactivated = await h.call('owner', 'users.deactivate', { id: staff.id, version: staff.version });
    expect(deactivated.active).toBe(false);
    await h.failure('staff', 'customers.list', {}, 'UNAUTHENTICATED');
    await h.failure('again', 'auth.signIn', { username: 'staff', password: USER_PASSWORD }, 'BAD_PASSWORD');
    const slots = JSON.parse(readFileSync(join(h.dataDir, 'keyslots.json'), 'utf8')) as { users: { userId: number }[] };
    expect(slots.users.map((s) => s.userId)).not.toContain(staff.id);
    await h.failure('owner', 'users.reactivate', { id: staff.id, version: deactivated.version, newPassword: 'staff123456' }, 'VALIDATION');
    const back = await h.call('owner', 'users.reactivate', { id: staff.id, version: deactivated.version, newPassword: NEW_PASSWORD });
    expect(back).toMatchObject({ active: true, mustChangePassword: true });
    await h.failure('again', 'auth.signIn', { username: 'staff', password: USER_PASSWORD }, 'BAD_PASSWORD');
    await h.call('again', 'auth.signIn', { username: 'staff', password: NEW_PASSWORD });
  });

  it('never leaves the shop without an active owner', async () => {
    const boss = await userNamed(h, 'boss');
    expect((await h.failure('owner', 'users.deactivate', { id: boss.id, version: boss.version }, 'CONFLICT')).details).toEqual({ reason: 'lastOwner' });
    expect((await h.failure('owner', 'users.setRole', { id: boss.id, version: boss.version, role: 'manager' }, 'CONFLICT')).details).toEqual({ reason: 'lastOwner' });
    expect((await userNamed(h, 'boss')).role).toBe('owner');
    // With a second owner, the first may step down; then the second is the last one.
    const manager = await userNamed(h, 'manager');
    await h.call('owner', 'users.setRole', { id: manager.id, version: manager.version, role: 'owner' });
    const demoted = await h.call('owner', 'users.setRole', { id: boss.id, version: boss.version, role: 'manager' });
    expect(demoted.role).toBe('manager');
    const second = await userNamed(h, 'manager', 'manager');
    await h.failure('manager', 'users.deactivate', { id: second.id, version: second.version }, 'CONFLICT');
    await h.failure('manager', 'users.setRole', { id: second.id, version: second.version, role: 'staff' }, 'CONFLICT');
  });

  it('refuses a stale version when changing a user', async () => {
    const viewer = await userNamed(h, 'viewer');
    await h.call('owner', 'users.setRole', { id: viewer.id, version: viewer.version, role: 'staff' });
    await h.failure('owner', 'users.setRole', { id: viewer.id, version: viewer.version, role: 'manager' }, 'CONFLICT');
    await h.failure('owner', 'users.deactivate', { id: viewer.id, version: viewer.version }, 'CONFLICT');
  });

  it('applies a role change at once to the signed-in user', async () => {
    const viewer = await userNamed(h, 'viewer');
    await h.failure('viewer', 'customers.create', { name: 'Not yet' }, 'FORBIDDEN');
    await h.call('owner', 'users.setRole', { id: viewer.id, version: viewer.version, role: 'staff' });
    expect((await h.call('viewer', 'customers.create', { name: 'Now' })).name).toBe('Now');
  });

  it('changes the own password and keeps the data readable', async () => {
    await h.call('owner', 'customers.create', { name: '改密码后还在' });
    await h.failure('staff', 'auth.changePassword', { oldPassword: 'not-my-password', newPassword: NEW_PASSWORD }, 'BAD_PASSWORD');
    await h.call('staff', 'auth.changePassword', { oldPassword: USER_PASSWORD, newPassword: NEW_PASSWORD });
    await h.call('staff', 'auth.signOut', {});
    for (const role of ['owner', 'manager', 'viewer']) await h.call(role, 'auth.signOut', {});
    await h.failure('s', 'auth.signIn', { username: 'staff', password: USER_PASSWORD }, 'BAD_PASSWORD');
    const session = await h.call('s', 'auth.signIn', { username: 'staff', password: NEW_PASSWORD });
    expect(session.user.mustChangePassword).toBe(false);
    expect((await h.call('s', 'customers.list', {})).rows.map((r) => r.name)).toEqual(['改密码后还在']);
    h.restart();
    await h.call('s', 'auth.signIn', { username: 'staff', password: NEW_PASSWORD });
    expect((await h.call('s', 'customers.count', {})).count).toBe(1);
  });

  describe('password rules', () => {
    const rules: [string, string, string | null][] = [
      ['too short', 'short-9', null],
      ['the user name', 'lanternfish', 'containsUsername'],
      ['contains the user name', 'my-lanternfish-24', 'containsUsername'],
      ['contains the user name in another case', 'LanternFish-77x', 'containsUsername'],
      ['a common password', 'password123', 'commonPassword'],
      ['a common password', 'qwertyuiop', 'commonPassword'],
    ];
    for (const [what, password, message] of rules) {
      it(`refuses ${what} (${password}) everywhere a password is set`, async () => {
        const expectRefused = async (promise: Promise<unknown>) => {
          const result = (await promise) as Awaited<ReturnType<Harness['raw']>>;
          expect(codeOf(result), JSON.stringify(result)).toBe('VALIDATION');
          if (message && !result.ok) expect(JSON.stringify(result.error.details ?? result.error.message)).toContain(message);
        };
        // users.create: the name is the new user's.
        await expectRefused(h.raw('owner', 'users.create', { username: 'lanternfish', role: 'staff', password }));
        const lanternfish = await h.call('owner', 'users.create', { username: 'lanternfish', role: 'staff', password: INITIAL_PASSWORD });
        await expectRefused(h.raw('owner', 'users.resetPassword', { id: lanternfish.id, newPassword: password }));
        await h.call('n', 'auth.signIn', { username: 'lanternfish', password: INITIAL_PASSWORD });
        await expectRefused(h.raw('n', 'auth.changePassword', { oldPassword: INITIAL_PASSWORD, newPassword: password }));
        const deactivated = await h.call('owner', 'users.deactivate', { id: lanternfish.id, version: (await userNamed(h, 'lanternfish')).version });
        await expectRefused(h.raw('owner', 'users.reactivate', { id: lanternfish.id, version: deactivated.version, newPassword: password }));
        // set-up and recovery, on a shop whose owner is called lanternfish.
        const other = makeHarness();
        try {
          await expectRefused(other.raw('a', 'setup.create', { shopName: 'Shop', ownerUsername: 'lanternfish', password }));
          const { recoveryKey } = await other.call('a', 'setup.create', { shopName: 'Shop', ownerUsername: 'lanternfish', password: OWNER_PASSWORD });
          await expectRefused(other.raw('b', 'auth.recover', { username: 'lanternfish', recoveryKey, newPassword: password }));
          // Nothing was changed by the refusals.
          await other.call('b', 'auth.signIn', { username: 'lanternfish', password: OWNER_PASSWORD });
        } finally {
          other.cleanup();
        }
      });
    }
  });
});

describe('recovery key', () => {
  let h: Harness;
  let recoveryKey: string;
  beforeEach(async () => {
    h = makeHarness();
    recoveryKey = (await h.call('owner', 'setup.create', { shopName: 'Shop', ownerUsername: 'boss', password: OWNER_PASSWORD })).recoveryKey;
    await h.call('owner', 'customers.create', { name: '恢复后还在' });
    await addUser(h, { username: 'staff', role: 'staff' });
    await h.call('owner', 'auth.signOut', {});
    await h.call('staff', 'auth.signOut', {});
  });
  afterEach(() => h.cleanup());

  it('sets a new owner password: the old one is refused, the new one works, the data is intact', async () => {
    const session = await h.call('r', 'auth.recover', { username: 'boss', recoveryKey: recoveryKey.toLowerCase().replace(/-/g, ' '), newPassword: NEW_PASSWORD });
    expect(session.user).toMatchObject({ username: 'boss', role: 'owner' });
    expect((await h.call('r', 'customers.list', {})).rows.map((r) => r.name)).toEqual(['恢复后还在']);
    await h.call('r', 'auth.signOut', {});
    await h.failure('x', 'auth.signIn', { username: 'boss', password: OWNER_PASSWORD }, 'BAD_PASSWORD');
    await h.call('x', 'auth.signIn', { username: 'boss', password: NEW_PASSWORD });
    await h.call('x', 'auth.signOut', {});
    h.restart();
    await h.call('y', 'auth.signIn', { username: 'boss', password: NEW_PASSWORD });
    expect((await h.call('y', 'customers.count', {})).count).toBe(1);
    // The other users are untouched.
    await h.call('z', 'auth.signIn', { username: 'staff', password: USER_PASSWORD });
  });

  it('refuses a wrong key, and a user who is not an owner', async () => {
    const wrong = recoveryKey.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    await h.failure('r', 'auth.recover', { username: 'boss', recoveryKey: wrong, newPassword: NEW_PASSWORD }, 'BAD_PASSWORD');
    const staff = await h.raw('r', 'auth.recover', { username: 'staff', recoveryKey, newPassword: NEW_PASSWORD });
    expect(codeOf(staff)).toMatch(/^(BAD_PASSWORD|FORBIDDEN)$/);
    await h.failure('r', 'auth.recover', { username: 'nobody', recoveryKey, newPassword: NEW_PASSWORD }, 'BAD_PASSWORD');
    expect(await h.call('r', 'auth.session', {})).toBeNull();
    await h.call('x', 'auth.signIn', { username: 'boss', password: OWNER_PASSWORD });
    await h.call('z', 'auth.signIn', { username: 'staff', password: USER_PASSWORD });
  });
});

describe('re-key', () => {
  let h: Harness;
  beforeEach(async () => {
    h = makeHarness();
    await shopWithRoles(h);
    await h.call('owner', 'system.seed', { customers: 200 });
  });
  afterEach(() => h.cleanup());

  it('replaces the database key: the old key no longer opens it, every remaining user and the recovery key still do', async () => {
    const oldKey = await databaseKeyOf(h.dataDir, 'boss', OWNER_PASSWORD);
    const file = join(h.dataDir, 'clientele.db');
    openEncrypted(file, oldKey).close(); // the test's key is the real one
    const viewer = await userNamed(h, 'viewer');
    await h.call('owner', 'users.deactivate', { id: viewer.id, version: viewer.version });
    const events: CoreEvent[] = [];
    const stop = h.core.onEvent('owner', (event) => events.push(event));
    const done = await h.call('owner', 'system.rekey', {});
    stop();
    expect(done.ms).toBeGreaterThanOrEqual(0);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.type === 'progress' && e.job === 'rekey')).toBe(true);
    expect(events.at(-1)!.done).toBe(events.at(-1)!.total);
    // The owner stays signed in; everyone else was signed out.
    expect((await h.call('owner', 'customers.count', {})).count).toBe(200);
    await h.failure('staff', 'customers.count', {}, 'UNAUTHENTICATED');

    expect(() => openEncrypted(file, oldKey)).toThrow(/key does not open/);
    const newKey = await databaseKeyOf(h.dataDir, 'boss', OWNER_PASSWORD);
    expect(newKey).not.toBe(oldKey);
    const slots = JSON.parse(readFileSync(join(h.dataDir, 'keyslots.json'), 'utf8')) as { users: { userId: number; username: string }[] };
    expect(slots.users.map((s) => s.username).sort()).toEqual(['boss', 'manager', 'staff']);
    for (const name of ['manager', 'staff']) expect(await databaseKeyOf(h.dataDir, name, USER_PASSWORD)).toBe(newKey);

    for (const name of ['manager', 'staff']) {
      const session = await h.call(`${name}-2`, 'auth.signIn', { username: name, password: USER_PASSWORD });
      expect(session.user.username).toBe(name);
    }
    await h.failure('v', 'auth.signIn', { username: 'viewer', password: USER_PASSWORD }, 'BAD_PASSWORD');

    h.restart();
    for (const [name, password] of [['boss', OWNER_PASSWORD], ['manager', USER_PASSWORD], ['staff', USER_PASSWORD]] as const) {
      await h.call(name, 'auth.signIn', { username: name, password });
      expect((await h.call(name, 'customers.count', {})).count).toBe(200);
    }
    expect((await h.call('boss', 'system.check', {})).ok).toBe(true);
  });

  it('keeps the recovery key working after a re-key', async () => {
    const other = makeHarness();
    try {
      const { recoveryKey } = await other.call('o', 'setup.create', { shopName: 'Shop', ownerUsername: 'boss', password: OWNER_PASSWORD });
      await other.call('o', 'customers.create', { name: 'Still here' });
      await other.call('o', 'system.rekey', {});
      await other.call('o', 'auth.signOut', {});
      other.restart();
      await other.call('r', 'auth.recover', { username: 'boss', recoveryKey, newPassword: NEW_PASSWORD });
      expect((await other.call('r', 'customers.count', {})).count).toBe(1);
    } finally {
      other.cleanup();
    }
  });
});
