// The command line as scripts use it: JSON out, exit codes, passwords from the environment.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../electron/core/db/migrations/index.ts';
import { openEncrypted } from '../../electron/core/db/sqlite/open.ts';
import { childEnv, databaseKeyOf, openWithKey, testClock } from './harness.ts';
import { BIN } from './fixtures/processes.ts';

/** Every CLI run here reads this clock, not today's date. */
const clock = testClock();
const PASSWORD = 'cli-password-4815';

const INITIAL = 'first-day-pass-2718';
const CHOSEN = 'my-own-choice-3141';

function clientele(args: string[], password = PASSWORD, newPassword = '', extraEnv: Record<string, string> = {}) {
  const env = childEnv(clock, { CLIENTELE_PASSWORD: password, CLIENTELE_NEW_PASSWORD: newPassword, CLIENTELE_BACKUP_PASSWORD: '', ...extraEnv });
  const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('clientele CLI', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'clientele-cli-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('init prints the recovery key as JSON, and refuses a second init', () => {
    const init = clientele(['init', '--data-dir', dataDir, '--shop', '张三小店', '--owner', 'boss', '--json']);
    expect(init.code, init.stderr).toBe(0);
    expect(JSON.parse(init.stdout).recoveryKey).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    const again = clientele(['init', '--data-dir', dataDir, '--shop', 'x', '--owner', 'boss', '--json']);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stderr).error.code).toBe('ALREADY_INITIALISED');
  });

  it('seeds, then reports status and passes the integrity check', () => {
    const seed = clientele(['seed', '--data-dir', dataDir, '--user', 'boss', '--customers', '50', '--seed', '2', '--json']);
    expect(seed.code, seed.stderr).toBe(0);
    expect(JSON.parse(seed.stdout)).toMatchObject({ customers: 50 });
    expect(seed.stderr).toMatch(/^seed: 0% \(0\/50\)\n(.*\n)*seed: 100% \(50\/50\)\n$/); // progress on stderr under --json
    const status = clientele(['status', '--data-dir', dataDir, '--user', 'boss', '--json']);
    expect(status.code, status.stderr).toBe(0);
    const report = JSON.parse(status.stdout);
    expect(report).toMatchObject({ schemaVersion: SCHEMA_VERSION, cipher: 'aegis', counts: { customers: 50, users: 1 } });
    expect(report.counts.contacts).toBeGreaterThanOrEqual(50);
    expect(report.files['clientele.db']).toBeGreaterThan(0);
    expect(report.files['keyslots.json']).toBeGreaterThan(0);
    const check = clientele(['check', '--data-dir', dataDir, '--user', 'boss']);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toContain('ok');
  });

  it('started by a test, runs only on the test clock: a malformed or missing one is refused, never replaced by the real one', () => {
    const malformed = clientele(['status', '--data-dir', dataDir, '--user', 'boss'], PASSWORD, '', { CLIENTELE_TEST_NOW: '2026-11-22' });
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('CLIENTELE_TEST_NOW must be milliseconds since 1970');
    const missing = clientele(['status', '--data-dir', dataDir, '--user', 'boss'], PASSWORD, '', { CLIENTELE_TEST_NOW: '' });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('CLIENTELE_TEST_NOW is not set: a test starts the CLI with childEnv(clock)');
  });

  it('fails clearly: wrong password, missing options, bad numbers, unknown command', () => {
    const wrong = clientele(['status', '--data-dir', dataDir, '--user', 'boss'], 'not-the-password');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('BAD_PASSWORD');
    expect(clientele(['status', '--data-dir', dataDir]).stderr).toContain('--user');
    const badCount = clientele(['seed', '--data-dir', dataDir, '--user', 'boss', '--customers', 'lots']);
    expect(badCount.code).toBe(1);
    expect(badCount.stderr).toContain('VALIDATION');
    expect(clientele(['frobnicate', '--data-dir', dataDir]).code).toBe(1);
    expect(clientele(['status', '--bogus-flag']).code).toBe(2);
    const empty = mkdtempSync(join(tmpdir(), 'clientele-cli-empty-'));
    try {
      const notSetUp = clientele(['status', '--data-dir', empty, '--user', 'boss', '--json']);
      expect(JSON.parse(notSetUp.stderr).error.code).toBe('NOT_INITIALISED');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  describe('users, audit and rekey', () => {
    const as = (user: string, args: string[], password = PASSWORD, newPassword = '') =>
      clientele([...args, '--data-dir', dataDir, '--user', user], password, newPassword);
    const owner = (args: string[], newPassword = '') => as('boss', args, PASSWORD, newPassword);
    const json = (run: { stdout: string }) => JSON.parse(run.stdout) as Record<string, unknown>;

    it('adds a user who must choose a password before anything else', () => {
      const add = owner(['users', 'add', 'xiaoli', '--role', 'staff', '--display-name', '小李', '--json'], INITIAL);
      expect(add.code, add.stderr).toBe(0);
      expect(json(add)).toMatchObject({ username: 'xiaoli', displayName: '小李', role: 'staff', active: true, mustChangePassword: true });
      const list = owner(['users', 'list', '--json']);
      expect(list.code, list.stderr).toBe(0);
      expect((JSON.parse(list.stdout) as { username: string }[]).map((u) => u.username).sort()).toEqual(['boss', 'xiaoli']);
      const text = owner(['users', 'list']);
      expect(text.stdout).toMatch(/xiaoli\s+小李\s+staff\s+yes\s+yes/);

      const blocked = as('xiaoli', ['status'], INITIAL);
      expect(blocked.code).toBe(1);
      expect(blocked.stderr).toContain('PASSWORD_CHANGE_REQUIRED');
      expect(blocked.stderr).toContain('clientele passwd --user xiaoli');
      const passwd = as('xiaoli', ['passwd', '--json'], INITIAL, CHOSEN);
      expect(passwd.code, passwd.stderr).toBe(0);
      expect(json(passwd)).toMatchObject({ username: 'xiaoli', mustChangePassword: false });
      expect(as('xiaoli', ['status'], INITIAL).stderr).toContain('BAD_PASSWORD');
    });

    it('refuses user management to a staff user with FORBIDDEN', () => {
      const add = as('xiaoli', ['users', 'add', 'eve', '--role', 'owner', '--json'], CHOSEN, 'eve-password-5555');
      expect(add.code).toBe(1);
      expect(JSON.parse(add.stderr).error.code).toBe('FORBIDDEN');
      const text = as('xiaoli', ['users', 'add', 'eve', '--role', 'owner'], CHOSEN, 'eve-password-5555');
      expect(text.code).toBe(1);
      expect(text.stderr).toMatch(/^clientele users add: FORBIDDEN: /);
      for (const args of [['audit', 'verify'], ['rekey'], ['users', 'deactivate', 'boss']]) {
        const run = as('xiaoli', args, CHOSEN);
        expect(run.code, args.join(' ')).toBe(1);
        expect(run.stderr, args.join(' ')).toContain('FORBIDDEN');
      }
      expect(owner(['users', 'list', '--json']).stdout).not.toContain('"eve"');
    });

    it('changes a role, resets a password, deactivates; and says why when it cannot', () => {
      const role = owner(['users', 'set-role', 'xiaoli', '--role', 'manager', '--json']);
      expect(role.code, role.stderr).toBe(0);
      expect(json(role)).toMatchObject({ role: 'manager' });
      const reset = owner(['users', 'reset-password', 'XiaoLi', '--json'], INITIAL);
      expect(reset.code, reset.stderr).toBe(0);
      expect(json(reset)).toMatchObject({ username: 'xiaoli', mustChangePassword: true });
      expect(as('xiaoli', ['status'], CHOSEN).stderr).toContain('BAD_PASSWORD');
      expect(as('xiaoli', ['status'], INITIAL).stderr).toContain('PASSWORD_CHANGE_REQUIRED');
      const off = owner(['users', 'deactivate', 'xiaoli', '--json']);
      expect(off.code, off.stderr).toBe(0);
      expect(json(off)).toMatchObject({ active: false });
      expect(as('xiaoli', ['status'], INITIAL).stderr).toContain('BAD_PASSWORD');

      const lastOwner = owner(['users', 'deactivate', 'boss', '--json']);
      expect(lastOwner.code).toBe(1);
      expect(JSON.parse(lastOwner.stderr).error.code).toBe('CONFLICT');
      expect(JSON.parse(owner(['users', 'set-role', 'nobody', '--role', 'staff', '--json']).stderr).error.code).toBe('NOT_FOUND');
      expect(JSON.parse(owner(['users', 'add', 'zed', '--role', 'admin', '--json'], INITIAL).stderr).error.code).toBe('VALIDATION');
      const common = owner(['users', 'add', 'zed', '--role', 'staff', '--json'], 'password123');
      expect(JSON.parse(common.stderr).error).toMatchObject({ code: 'VALIDATION' });
      expect(JSON.stringify(JSON.parse(common.stderr).error.details)).toContain('commonPassword');
      expect(owner(['users', 'add', 'zed', '--role', 'staff'], 'password123').stderr).toContain('most common');
      expect(owner(['users', 'add', '--role', 'staff']).stderr).toContain('VALIDATION');
      expect(owner(['users', 'frob']).code).toBe(1);
      const noPassword = owner(['users', 'reset-password', 'xiaoli']);
      expect(noPassword.code).toBe(1);
      expect(noPassword.stderr).toMatch(/VALIDATION: set CLIENTELE_NEW_PASSWORD/);
    });

    it('verifies and exports the audit log, refusing to overwrite a file without --force', () => {
      const verify = owner(['audit', 'verify']);
      expect(verify.code, verify.stderr).toBe(0);
      expect(verify.stdout).toContain('intact');
      const file = join(dataDir, 'audit.csv');
      const exported = owner(['audit', 'export', '--out', file, '--json']);
      expect(exported.code, exported.stderr).toBe(0);
      const rows = json(exported).rows as number;
      expect(rows).toBeGreaterThan(5);
      const csv = readFileSync(file, 'utf8');
      expect(csv.charCodeAt(0)).toBe(0xfeff);
      expect(csv).toContain('user.create');
      const again = owner(['audit', 'export', '--out', file]);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('--force');
      expect(readFileSync(file, 'utf8')).toBe(csv);
      const forced = owner(['audit', 'export', '--out', file, '--force']);
      expect(forced.code, forced.stderr).toBe(0);
      expect(readFileSync(file, 'utf8')).not.toBe(csv); // the first export is in the log now
    });

    it('re-keys with progress: the old key no longer opens the database, the owner still signs in', async () => {
      const oldKey = await databaseKeyOf(dataDir, 'boss', PASSWORD);
      const run = owner(['rekey']);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/rekey: \d+% \(\d+\/\d+\)/);
      expect(run.stdout).toContain('rekey: 100%');
      expect(() => openEncrypted(join(dataDir, 'clientele.db'), oldKey).close()).toThrow(/key does not open/);
      const status = owner(['status', '--json']);
      expect(status.code, status.stderr).toBe(0);
      expect(json(status)).toMatchObject({ counts: { customers: 50 } });
      const asJson = owner(['rekey', '--json']);
      expect(asJson.code, asJson.stderr).toBe(0);
      expect(json(asJson).ms).toBeTypeOf('number');
      expect(asJson.stderr).toContain('rekey: 100%');
    });

    it('exits 1 naming the entry that was edited directly in the database', async () => {
      const raw = openWithKey(dataDir, await databaseKeyOf(dataDir, 'boss', PASSWORD));
      let target: { id: number; at: number };
      try {
        target = raw.prepare("SELECT id, at FROM audit_log WHERE action = 'user.roleChanged'").get() as { id: number; at: number }; // the schema's own row shape
        raw.prepare("UPDATE audit_log SET changes = '[]' WHERE id = ?").run(target.id);
      } finally {
        raw.close();
      }
      const verify = owner(['audit', 'verify']);
      expect(verify.code).toBe(1);
      expect(verify.stderr).toContain(`audit log altered at entry #${target.id} (${new Date(target.at).toISOString()})`);
      const asJson = owner(['audit', 'verify', '--json']);
      expect(asJson.code).toBe(1);
      expect(json(asJson)).toMatchObject({ ok: false, firstBad: { id: target.id } });
      expect(existsSync(join(dataDir, 'clientele.db'))).toBe(true);
    });
  });
});

describe('clientele backup, verify-backup, restore', () => {
  let dataDir: string;
  let stick: string;
  let recoveryKey: string;
  let file: string;
  const dirs: string[] = [];
  const temp = (prefix: string) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
  const mtimes = (dir: string) => Object.fromEntries(readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((name) => [name, statSync(join(dir, name)).mtimeMs]));
  const status = (dir: string, password = PASSWORD) => JSON.parse(clientele(['status', '--data-dir', dir, '--user', 'boss', '--json'], password).stdout) as { counts: Record<string, number> };

  beforeAll(() => {
    dataDir = temp('clientele-cli-backup-');
    stick = temp('clientele-cli-stick-');
    const init = clientele(['init', '--data-dir', dataDir, '--shop', '张三小店', '--owner', 'boss', '--json']);
    recoveryKey = JSON.parse(init.stdout).recoveryKey;
    expect(clientele(['seed', '--data-dir', dataDir, '--user', 'boss', '--customers', '20']).code).toBe(0);
  });
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('backup writes a verified file and prints it as JSON, with progress on stderr', () => {
    const run = clientele(['backup', '--data-dir', dataDir, '--user', 'boss', '--to', stick, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({ bytes: expect.any(Number), sha256: expect.stringMatching(/^[0-9a-f]{64}$/), counts: { customers: 20, users: 1 } });
    file = out.file;
    expect(file).toMatch(/Clientele-张三小店-\d{4}-\d{2}-\d{2}_\d{4}\.clbak$/);
    expect(readdirSync(stick)).toEqual([file.slice(stick.length + 1)]);
    expect(run.stderr).toMatch(/backup: 100% \(\d+\/\d+\)/);
  });

  it('verify-backup without --data-dir shows the manifest and opens no data folder', () => {
    const before = mtimes(dataDir);
    const fileBefore = statSync(file).mtimeMs;
    const run = clientele(['verify-backup', file, '--user', 'boss', '--json'], PASSWORD, '', { CLIENTELE_DATA_DIR: dataDir });
    expect(run.code, run.stderr).toBe(0);
    // createdAt: the CLI process that wrote it read the test's clock, not today's date.
    expect(JSON.parse(run.stdout)).toMatchObject({ shopName: '张三小店', createdBy: 'boss', createdAt: clock.now, schemaVersion: SCHEMA_VERSION, counts: { customers: 20 } });
    const byKey = clientele(['verify-backup', file, '--recovery-key', recoveryKey.toLowerCase()]);
    expect(byKey.code, byKey.stderr).toBe(0);
    expect(byKey.stdout).toContain('shop: 张三小店');
    expect(byKey.stdout).toContain('customers: 20');
    expect(mtimes(dataDir)).toEqual(before);
    expect(statSync(file).mtimeMs).toBe(fileBefore);
  });

  it('verify-backup with --data-dir checks it as the signed-in owner', () => {
    const run = clientele(['verify-backup', file, '--data-dir', dataDir, '--user', 'boss', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ counts: { customers: 20 } });
  });

  it('fails with the code and a clear message: wrong password, wrong key, not a backup, a missing folder, missing options', () => {
    const wrong = clientele(['verify-backup', file, '--user', 'boss', '--json'], 'not-the-password-99');
    expect(wrong.code).toBe(1);
    expect(JSON.parse(wrong.stderr).error.code).toBe('BAD_PASSWORD');
    const wrongKey = clientele(['verify-backup', file, '--recovery-key', 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH']);
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stderr).toMatch(/^clientele verify-backup: BAD_PASSWORD: /);
    const text = join(stick, 'notes.txt');
    writeFileSync(text, 'not a backup\n');
    const notBackup = clientele(['verify-backup', text, '--user', 'boss', '--json']);
    expect(notBackup.code).toBe(1);
    expect(JSON.parse(notBackup.stderr).error.code).toBe('CORRUPT');
    expect(clientele(['verify-backup', '--user', 'boss']).stderr).toMatch(/VALIDATION: verify-backup needs the backup file/);
    const gone = clientele(['backup', '--data-dir', dataDir, '--user', 'boss', '--to', join(stick, 'unplugged'), '--json']);
    expect(gone.code).toBe(1);
    expect(JSON.parse(gone.stderr).error.code).toBe('IO');
    const noUser = clientele(['restore', file, '--data-dir', dataDir, '--recovery-key', recoveryKey]);
    expect(noUser.code).toBe(1);
    expect(noUser.stderr).toMatch(/VALIDATION: .*--user OWNER/);
  });

  it('restore over the shop: the old data back, the current data moved aside', () => {
    expect(clientele(['seed', '--data-dir', dataDir, '--user', 'boss', '--customers', '5', '--seed', '9']).code).toBe(0);
    expect(status(dataDir).counts.customers).toBe(25);
    const run = clientele(['restore', file, '--data-dir', dataDir, '--user', 'boss', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.manifest).toMatchObject({ counts: { customers: 20 } });
    expect(run.stdout).not.toContain('backup: '); // progress never mixes into the JSON
    expect(out.movedAside).toContain(join(dataDir, 'backups', 'before-restore-'));
    expect(existsSync(join(out.movedAside, 'clientele.db'))).toBe(true);
    expect(status(dataDir).counts.customers).toBe(20);
    expect(clientele(['check', '--data-dir', dataDir, '--user', 'boss']).code).toBe(0);
  });

  it('restore over the shop after a password change: signs in with today\'s password, opens the backup with the old one', () => {
    const changed = clientele(['passwd', '--data-dir', dataDir, '--user', 'boss'], PASSWORD, 'a-newer-password-2468');
    expect(changed.code, changed.stderr).toBe(0);
    const refused = clientele(['restore', file, '--data-dir', dataDir, '--user', 'boss', '--json'], 'a-newer-password-2468');
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stderr).error.code).toBe('BAD_PASSWORD'); // the new password is not in the backup
    const run = clientele(['restore', file, '--data-dir', dataDir, '--user', 'boss', '--json'], 'a-newer-password-2468', '', { CLIENTELE_BACKUP_PASSWORD: PASSWORD });
    expect(run.code, run.stderr).toBe(0);
    expect(status(dataDir).counts.customers).toBe(20); // and the password of the backup signs in
  });

  it('restore into an empty folder with the recovery key (a new PC)', () => {
    const fresh = join(temp('clientele-cli-newpc-'), 'data');
    const run = clientele(['restore', file, '--data-dir', fresh, '--recovery-key', recoveryKey, '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ movedAside: null, manifest: { shopName: '张三小店' } });
    expect(status(fresh).counts.customers).toBe(20);
    const again = clientele(['restore', file, '--data-dir', fresh, '--recovery-key', recoveryKey]);
    expect(again.code).toBe(1); // now it holds a shop: the owner must sign in
    expect(again.stderr).toContain('--user OWNER');
  });
});
