// Files the core reads from disk are parsed with schemas before anything in them is used:
// keyslots.json, the restore marker and the process-lock entries. A malformed or hostile file
// (wrong types, missing fields, huge strings, `__proto__` keys, paths outside the data folder)
// gets the same clear failure as a damaged one, never a crash or a silently wrong object.
// Backup headers, manifests and the key slots inside a backup: backup-faults.test.ts.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_FAILURES } from '../../electron/core/areas/auth/lockout.ts';
import { readKeyslots } from '../../electron/core/crypto/keyslots.ts';
import { otherHolders } from '../../electron/core/process-lock.ts';
import { addUser, codeOf, coreOn, makeHarness, OWNER_PASSWORD, testClock, USER_PASSWORD } from './harness.ts';
import { makeShop, OWNER, removeTempDirs, tempDir } from './fixtures/backup-shop.ts';

const clock = testClock();
afterAll(() => removeTempDirs());

async function shopFolder(): Promise<string> {
  const dataDir = tempDir('untrusted');
  const core = coreOn(clock, { dataDir });
  try {
    await makeShop(core, { customers: 0 });
  } finally {
    core.close();
  }
  return dataDir;
}

async function signInResult(dataDir: string) {
  const core = coreOn(clock, { dataDir });
  try {
    return await core.invoke('owner', 'auth.signIn', { username: OWNER, password: OWNER_PASSWORD });
  } finally {
    core.close();
  }
}

type Slots = { users: Record<string, unknown>[]; recovery: { kdf: Record<string, unknown> } } & Record<string, unknown>;

describe('keyslots.json', () => {
  it('of the wrong shape or hostile: CORRUPT (or UNSUPPORTED_VERSION for another format), never a crash or an argon2 run', async () => {
    const dataDir = await shopFolder();
    const file = join(dataDir, 'keyslots.json');
    const good = readFileSync(file, 'utf8');
    const slots = () => JSON.parse(good) as Slots;
    const withUser = (change: Record<string, unknown>) => {
      const s = slots();
      s.users[0] = { ...s.users[0], ...change };
      return JSON.stringify(s);
    };
    const variants: [string, string, string][] = [
      ['a user id as text', withUser({ userId: '1' }), 'CORRUPT'],
      ['no user name', withUser({ username: undefined }), 'CORRUPT'],
      ['a user name of a million characters', withUser({ username: 'x'.repeat(1_000_000) }), 'CORRUPT'],
      ['argon2 asked for 2 TiB of memory', withUser({ kdf: { ...(slots().users[0]!.kdf as object), memoryCost: 2 ** 31 } }), 'CORRUPT'],
      ['a public key that is not base64', withUser({ publicKey: '<script>' }), 'CORRUPT'],
      ['lock-out counters of the wrong type', JSON.stringify({ ...slots(), lockouts: { boss: { failures: 'many' } } }), 'CORRUPT'],
      ['the slots hidden under __proto__', `{"__proto__": ${good}, "format": 2}`, 'CORRUPT'],
      ['not JSON', good.slice(0, good.length / 2), 'CORRUPT'],
      ['a newer format', JSON.stringify({ ...slots(), format: 3 }), 'UNSUPPORTED_VERSION'],
      ['a file of 17 MB', `${good.slice(0, -1)}, "padding": "${'x'.repeat(17 * 1024 * 1024)}"}`, 'CORRUPT'],
    ];
    for (const [what, text, code] of variants) {
      writeFileSync(file, text);
      const result = await signInResult(dataDir);
      expect(codeOf(result), what).toBe(code);
      if (!result.ok) expect(result.error.message, what).toMatch(/^auth\.signIn: keyslots: keyslots\.json /);
    }
    writeFileSync(file, good);
    expect(codeOf(await signInResult(dataDir))).toBe('OK');
  });

  it('keeps the lock-out counter of a user named __proto__, so that user is locked out like any other', async () => {
    const h = makeHarness();
    try {
      await h.call('owner', 'setup.create', { shopName: 'Shop', ownerUsername: OWNER, password: OWNER_PASSWORD });
      await addUser(h, { username: '__proto__', role: 'staff', session: 'proto' });
      const codes: string[] = [];
      for (let i = 0; i < MAX_FAILURES; i++) codes.push(codeOf(await h.raw(`wrong-${i}`, 'auth.signIn', { username: '__proto__', password: 'not-the-password-1' })));
      expect(codes).toEqual([...Array<string>(MAX_FAILURES - 1).fill('BAD_PASSWORD'), 'LOCKED_OUT']);
      expect(codeOf(await h.raw('right', 'auth.signIn', { username: '__proto__', password: USER_PASSWORD }))).toBe('LOCKED_OUT');
      const lockouts = readKeyslots(h.dataDir).lockouts;
      expect(Object.getPrototypeOf(lockouts)).toBeNull();
      expect(lockouts['__proto__']!.lockedUntil).toBeGreaterThan(h.clock.now);
      expect(({} as Record<string, unknown>).lockedUntil).toBeUndefined(); // nothing leaked into Object.prototype
    } finally {
      h.cleanup();
    }
  });
});

describe('the restore marker', () => {
  it('naming folders outside the data folder: CORRUPT, and nothing outside is moved or deleted', async () => {
    const dataDir = await shopFolder();
    const outside = tempDir('outside');
    writeFileSync(join(outside, 'clientele.db'), 'not yours');
    writeFileSync(join(outside, 'keep.txt'), 'precious');
    const before = readFileSync(join(dataDir, 'clientele.db'));
    for (const plan of [
      { phase: 'install', workDir: outside, asideDir: join(dataDir, 'backups', 'before-restore-2026-01-05_080000') },
      { phase: 'aside', workDir: join(dataDir, '.restore-work'), asideDir: join(outside, 'stolen') },
      { phase: 'install', workDir: 42, asideDir: null },
      { phase: 'later', workDir: join(dataDir, '.restore-work'), asideDir: join(dataDir, 'backups', 'before-restore-2026-01-05_080000') },
    ]) {
      writeFileSync(join(dataDir, 'restore.json'), JSON.stringify(plan));
      const result = await signInResult(dataDir);
      expect(codeOf(result), JSON.stringify(plan)).toBe('CORRUPT');
      if (!result.ok) expect(result.error.message).toMatch(/^auth\.signIn: restore: .*restore\.json, the record of an interrupted restore, is damaged/);
    }
    writeFileSync(join(dataDir, 'restore.json'), '{"phase": "install", "workDir": ');
    expect(codeOf(await signInResult(dataDir))).toBe('CORRUPT');
    expect(readFileSync(join(outside, 'keep.txt'), 'utf8')).toBe('precious');
    expect(readFileSync(join(outside, 'clientele.db'), 'utf8')).toBe('not yours');
    expect(readFileSync(join(dataDir, 'clientele.db')).equals(before)).toBe(true);
    expect(existsSync(join(outside, 'stolen'))).toBe(false);
  });
});

describe('process-lock entries', () => {
  it('of the wrong shape or hostile hold nothing; a well-formed one of a live process does', () => {
    const dataDir = tempDir('locks');
    const locks = join(dataDir, 'locks');
    mkdirSync(locks);
    const entry = (n: number) => join(locks, `${process.pid}-${n.toString(16).padStart(16, '0')}.json`);
    const pid = process.pid;
    const hostile = [
      JSON.stringify({ pid: String(pid), kind: 'cli', since: 1 }),
      JSON.stringify({ pid, kind: 'daemon', since: 1 }),
      JSON.stringify({ pid, kind: 'cli', since: 1, exclusive: 'everything' }),
      JSON.stringify({ pid, kind: 'cli', since: 1, command: 'x'.repeat(10_000) }),
      `{"__proto__": {"pid": ${pid}, "kind": "cli", "since": 1}}`,
      `{"pid": ${pid}, "kind": "cli", "since": 1, "padding": "${'x'.repeat(100_000)}"}`,
      'not json',
    ];
    hostile.forEach((text, i) => writeFileSync(entry(i + 1), text));
    expect(otherHolders(dataDir, [])).toEqual([]);
    writeFileSync(entry(99), JSON.stringify({ pid, kind: 'cli', command: 'status', since: 5, exclusive: 'rekey' }));
    expect(otherHolders(dataDir, [])).toEqual([{ pid, kind: 'cli', command: 'status', since: 5, exclusive: 'rekey' }]);
    // Left alone: an entry that names no process cannot be said to belong to a dead one.
    expect(existsSync(entry(1))).toBe(true);
  });
});
