import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHarness, OWNER_PASSWORD, type Harness } from './harness.ts';

describe('set-up and sign-in', () => {
  let h: Harness;
  beforeEach(() => {
    h = makeHarness();
  });
  afterEach(() => h.cleanup());

  it('reports an empty data dir, creates the shop once, and signs the owner in', async () => {
    expect(await h.call('a', 'setup.status', {})).toEqual({ initialised: false, shopName: null });
    await h.failure('a', 'auth.signIn', { username: 'boss', password: OWNER_PASSWORD }, 'NOT_INITIALISED');
    const created = await h.call('a', 'setup.create', { shopName: '张三小店', ownerUsername: 'boss', password: OWNER_PASSWORD });
    expect(created.recoveryKey).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(created.session.user).toMatchObject({ username: 'boss', role: 'owner', active: true });
    expect(created.session.shopName).toBe('张三小店');
    expect((await h.call('a', 'auth.session', {}))?.user.username).toBe('boss');
    await h.failure('b', 'setup.create', { shopName: 'x', ownerUsername: 'eve', password: 'another-password' }, 'ALREADY_INITIALISED');
  });

  it('rejects a short password at set-up and creates nothing', async () => {
    const error = await h.failure('a', 'setup.create', { shopName: 'Shop', ownerUsername: 'boss', password: 'short' }, 'VALIDATION');
    expect(JSON.stringify(error.details)).toContain('password');
    expect(await h.call('a', 'setup.status', {})).toEqual({ initialised: false, shopName: null });
  });

  it('signs in, signs out, and refuses calls without a session', async () => {
    await h.call('setup', 'setup.create', { shopName: 'Shop', ownerUsername: 'boss', password: OWNER_PASSWORD });
    await h.failure('other', 'customers.list', {}, 'UNAUTHENTICATED');
    const session = await h.call('other', 'auth.signIn', { username: 'BOSS', password: OWNER_PASSWORD });
    expect(session.user.username).toBe('boss');
    await h.call('other', 'auth.signOut', {});
    expect(await h.call('other', 'auth.session', {})).toBeNull();
    await h.failure('other', 'customers.list', {}, 'UNAUTHENTICATED');
  });

  it('locks a user out for 5 minutes after five wrong passwords, doubling on the next lock-out', async () => {
    await h.call('setup', 'setup.create', { shopName: 'Shop', ownerUsername: 'boss', password: OWNER_PASSWORD });
    await h.call('setup', 'auth.signOut', {});
    for (let attempt = 1; attempt <= 4; attempt++) {
      const error = await h.failure('s', 'auth.signIn', { username: 'boss', password: 'wrong-password' }, 'BAD_PASSWORD');
      expect(error.details).toEqual({ attemptsLeft: 5 - attempt });
    }
    const locked = await h.failure('s', 'auth.signIn', { username: 'boss', password: 'wrong-password' }, 'LOCKED_OUT');
    expect(locked.details).toMatchObject({ retryInSeconds: 300 });
    // Even the right password is refused while locked.
    await h.failure('s', 'auth.signIn', { username: 'boss', password: OWNER_PASSWORD }, 'LOCKED_OUT');
    h.clock.now += 299_000;
    await h.failure('s', 'auth.signIn', { username: 'boss', password: OWNER_PASSWORD }, 'LOCKED_OUT');
    h.clock.now += 2_000;
    for (let attempt = 1; attempt <= 4; attempt++) {
      await h.failure('s', 'auth.signIn', { username: 'boss', password: 'wrong-password' }, 'BAD_PASSWORD');
    }
    const second = await h.failure('s', 'auth.signIn', { username: 'boss', password: 'wrong-password' }, 'LOCKED_OUT');
    expect(second.details).toMatchObject({ retryInSeconds: 600 });
    h.clock.now += 601_000;
    const session = await h.call('s', 'auth.signIn', { username: 'boss', password: OWNER_PASSWORD });
    expect(session.user.username).toBe('boss');
    // A successful sign-in clears the counters: four more wrong passwords do not lock.
    for (let attempt = 1; attempt <= 4; attempt++) {
      await h.failure('t', 'auth.signIn', { username: 'boss', password: 'wrong-password' }, 'BAD_PASSWORD');
    }
  });

  it('keeps working after a restart: the same password opens the same data', async () => {
    await h.call('a', 'setup.create', { shopName: 'Shop', ownerUsername: 'boss', password: OWNER_PASSWORD });
    await h.call('a', 'customers.create', { name: 'Restart Ltd' });
    h.core.close();
    const again = h.otherCore();
    try {
      const signIn = await again.invoke('x', 'auth.signIn', { username: 'boss', password: OWNER_PASSWORD });
      expect(signIn.ok).toBe(true);
      const list = await again.invoke('x', 'customers.list', {});
      expect(list.ok && (list.value as { rows: { name: string }[] }).rows.map((r) => r.name)).toEqual(['Restart Ltd']);
    } finally {
      again.close();
    }
  });
});
