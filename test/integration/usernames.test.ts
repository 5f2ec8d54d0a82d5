// A user name is one name whatever its case or Unicode form: look-alikes are refused at creation,
// and every form signs in to, and counts failures for, the same user.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readKeyslots } from '../../electron/core/crypto/keyslots.ts';
import { addUser, makeHarness, OWNER_PASSWORD, INITIAL_PASSWORD, USER_PASSWORD, type Harness } from './harness.ts';

describe('user names that differ only by case or Unicode form', () => {
  let h: Harness;
  beforeEach(async () => {
    h = makeHarness();
    await h.call('owner', 'setup.create', { shopName: 'Shop', ownerUsername: 'boss', password: OWNER_PASSWORD });
  });
  afterEach(() => h.cleanup());

  it('refuses a new name that normalises to an existing one, naming the field', async () => {
    await h.call('owner', 'users.create', { username: 'Élodie', displayName: 'Élodie', role: 'staff', password: INITIAL_PASSWORD });
    await h.call('owner', 'users.create', { username: 'kate', displayName: 'Kate', role: 'staff', password: INITIAL_PASSWORD });
    for (const lookAlike of ['élodie', 'E\u0301LODIE', '\u212Aate', 'ＫＡＴＥ', 'BOSS']) {
      const error = await h.failure('owner', 'users.create', { username: lookAlike, displayName: '', role: 'viewer', password: INITIAL_PASSWORD }, 'CONFLICT');
      expect(error.details, lookAlike).toEqual([{ path: ['username'], message: 'takenLookAlike' }]);
    }
    const same = await h.failure('owner', 'users.create', { username: 'kate', displayName: '', role: 'viewer', password: INITIAL_PASSWORD }, 'CONFLICT');
    expect(same.details).toEqual([{ path: ['username'], message: 'taken' }]);
    expect((await h.call('owner', 'users.list', {})).map((u) => u.username).sort()).toEqual(['boss', 'kate', 'Élodie']);
    expect(readKeyslots(h.dataDir).users).toHaveLength(3);
  });

  it('signs the same user in with any form of the name, and shares one lock-out between the forms', async () => {
    await addUser(h, { username: 'kate', role: 'staff' });
    const session = await h.call('k1', 'auth.signIn', { username: '\u212Aate', password: USER_PASSWORD });
    expect(session.user.username).toBe('kate');
    const forms = ['KATE', '\u212Aate', 'ｋａｔｅ', 'Kate'];
    for (const [i, form] of forms.entries()) {
      const error = await h.failure('k2', 'auth.signIn', { username: form, password: 'wrong-password' }, 'BAD_PASSWORD');
      expect(error.details).toEqual({ attemptsLeft: 4 - i });
    }
    await h.failure('k2', 'auth.signIn', { username: 'kate', password: 'wrong-password' }, 'LOCKED_OUT');
    await h.failure('k2', 'auth.signIn', { username: 'kate', password: USER_PASSWORD }, 'LOCKED_OUT');
  });
});
