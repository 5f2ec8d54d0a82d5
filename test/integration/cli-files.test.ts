// The command line's file door: `clientele logo set FILE` hands the core a path (checked and read by
// the core, under the same limits and permissions as the other doors), `clientele logo get --out
// FILE` saves the download without ever leaving a half-made or clobbered file.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, start } from './fixtures/processes.ts';
import { JPEG_48x32, makePng } from '../fixtures/images.ts';
import { childEnv, databaseKeyOf, makeHarness, OWNER_PASSWORD, openWithKey, shopWithRoles, USER_PASSWORD, type Harness } from './harness.ts';

type Run = { code: number | null; stdout: string; stderr: string };

/** Every CLI run starts Node and tsx and derives a key (argon2id): seconds each on a busy machine. */
const SLOW = { timeout: 240_000 };

const SAVE_CHILD = resolve(import.meta.dirname, 'fixtures/save-download-child.ts');

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('clientele logo: files through the command line', () => {
  let h: Harness;
  let files: string;

  /** `clientele ARGS` as USER on the harness's folder and clock, from `cwd`. */
  function clientele(args: string[], options: { user?: string; cwd?: string } = {}): Run {
    const user = options.user ?? 'boss';
    const env = childEnv(h.clock, { CLIENTELE_PASSWORD: user === 'boss' ? OWNER_PASSWORD : USER_PASSWORD });
    const run = spawnSync(process.execPath, [BIN, ...args, '--data-dir', h.dataDir, '--user', user], { encoding: 'utf8', env, cwd: options.cwd ?? files, stdio: ['ignore', 'pipe', 'pipe'] });
    return { code: run.status, stdout: run.stdout, stderr: run.stderr };
  }

  /** The refusal a failed --json run printed on stderr. */
  function refusal(run: Run): { code: string; message: string; details?: Record<string, unknown> } {
    expect(run.code, run.stdout).toBe(1);
    return (JSON.parse(run.stderr) as { error: { code: string; message: string; details?: Record<string, unknown> } }).error;
  }

  function currentLogo(): { sha256: string } | null {
    const run = clientele(['logo', 'get', '--json']);
    expect(run.code, run.stderr).toBe(0);
    return (JSON.parse(run.stdout) as { logo: { sha256: string } | null }).logo;
  }

  /** Nothing beside the files the test made: no temporary file left by a write. */
  function leftovers(dir: string, expected: string[]): void {
    expect(readdirSync(dir).sort()).toEqual([...expected].sort());
  }

  beforeAll(async () => {
    h = makeHarness();
    await shopWithRoles(h); // boss (owner), manager, staff, viewer with their own passwords
    h.core.close(); // the CLI processes open the folder themselves
    files = join(h.dataDir, 'chosen');
    mkdirSync(files);
  }, SLOW.timeout);
  afterAll(() => h.cleanup());

  const png = makePng(120, 40, [25, 118, 210], true);

  it('the owner sets a logo from a path (relative to where they are), reads its facts and saves it to a file', SLOW, () => {
    writeFileSync(join(files, '店标.png'), png);
    const set = clientele(['logo', 'set', '店标.png', '--json']);
    expect(set.code, set.stderr).toBe(0);
    expect(JSON.parse(set.stdout)).toEqual({ logo: { name: 'logo.png', type: 'image/png', size: png.length, width: 120, height: 40, sha256: sha256(png) } });

    const plain = clientele(['logo', 'get']);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toBe(`logo: PNG 120×40, ${png.length} bytes, sha256 ${sha256(png)}\n`);

    const saved = clientele(['logo', 'get', '--out', 'saved.png']);
    expect(saved.code, saved.stderr).toBe(0);
    expect(saved.stdout).toContain(`to ${join(files, 'saved.png')}`);
    expect(readFileSync(join(files, 'saved.png')).equals(png)).toBe(true);
    leftovers(files, ['店标.png', 'saved.png']);
  });

  it('never overwrites a file without --force; with it, replaces the file whole', SLOW, () => {
    writeFileSync(join(files, 'mine.png'), 'my own file');
    const refused = clientele(['logo', 'get', '--out', 'mine.png', '--json']);
    expect(refusal(refused)).toMatchObject({ code: 'CONFLICT', message: `${join(files, 'mine.png')} already exists; pass --force to overwrite it` });
    expect(readFileSync(join(files, 'mine.png'), 'utf8')).toBe('my own file');

    const forced = clientele(['logo', 'get', '--out', 'mine.png', '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(join(files, 'mine.png')).equals(png)).toBe(true);

    const noFolder = clientele(['logo', 'get', '--out', 'missing-folder/logo.png']);
    expect(noFolder.code).toBe(1);
    expect(noFolder.stderr).toMatch(/^clientele logo get: IO: cannot write .*missing-folder\/logo\.png: .*does not exist/);
    leftovers(files, ['店标.png', 'saved.png', 'mine.png']);
  });

  it('refuses bad files, each with its reason and exit code 1, and changes nothing', SLOW, () => {
    const before = currentLogo();
    const bad = join(files, 'bad');
    mkdirSync(bad);
    writeFileSync(join(bad, 'notes.png'), 'these are not the pixels you are looking for');
    writeFileSync(join(bad, 'huge.png'), Buffer.concat([png, Buffer.alloc(2 * 1024 * 1024)]));
    writeFileSync(join(bad, 'cut.png'), png.subarray(0, png.length - 20));
    symlinkSync(join(files, '店标.png'), join(bad, 'link.png'));
    const attempt = (path: string, user = 'boss') => refusal(clientele(['logo', 'set', path, '--json'], { user }));

    expect(attempt('nowhere.png')).toMatchObject({ code: 'IO', details: { reason: 'gone', path: join(files, 'nowhere.png') } });
    expect(attempt(bad)).toMatchObject({ code: 'VALIDATION', details: { reason: 'notFile' } });
    expect(attempt(join(bad, 'link.png'))).toMatchObject({ code: 'VALIDATION', details: { reason: 'link' } });
    expect(attempt('/dev/zero')).toMatchObject({ code: 'VALIDATION', details: { reason: 'notFile' } });
    expect(attempt(join(bad, 'huge.png'))).toMatchObject({ code: 'TOO_LARGE', details: { limit: 2 * 1024 * 1024 } });
    expect(attempt(join(bad, 'notes.png'))).toMatchObject({ code: 'VALIDATION', details: { reason: 'type' } });
    expect(attempt(join(bad, 'cut.png'))).toMatchObject({ code: 'VALIDATION', details: { reason: 'image' } });
    expect(attempt(join(files, '店标.png'), 'staff')).toMatchObject({ code: 'FORBIDDEN' });
    expect(refusal(clientele(['logo', 'remove', '--json'], { user: 'manager' })).code).toBe('FORBIDDEN');
    expect(refusal(clientele(['logo', 'set', '--json'])).message).toContain('logo set needs the image: clientele logo set FILE');
    expect(refusal(clientele(['logo', 'frame', '--json'])).message).toBe('logo needs one of: get, set, remove');

    // Without --json: one line naming the command, the code and the reason.
    const plain = clientele(['logo', 'set', join(bad, 'link.png')]);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toBe(`clientele logo set: VALIDATION: files.upload: ${join(bad, 'link.png')}: a symbolic link; choose the file itself\n`);

    expect(currentLogo()).toEqual(before);
    const staffSees = clientele(['logo', 'get', '--json'], { user: 'staff' });
    expect(JSON.parse(staffSees.stdout).logo.sha256).toBe(sha256(png));
  });

  it('a damaged stored logo is refused as CORRUPT and leaves no file, whole or partial', SLOW, async () => {
    const db = openWithKey(h.dataDir, await databaseKeyOf(h.dataDir, 'boss', OWNER_PASSWORD));
    const original = db.prepare('SELECT blob_id, data FROM blob_chunks WHERE seq = 0').get() as { blob_id: number; data: Buffer };
    const damaged = Buffer.from(original.data);
    damaged[damaged.length - 1]! ^= 0xff; // a byte inside
    db.prepare('UPDATE blob_chunks SET data = ? WHERE blob_id = ? AND seq = 0').run(damaged, original.blob_id);
    db.close();
    const out = join(h.dataDir, 'out');
    mkdirSync(out);
    const failed = clientele(['logo', 'get', '--out', join(out, 'logo.png'), '--json']);
    expect(refusal(failed)).toMatchObject({ code: 'CORRUPT', details: { reason: 'blob' } });
    leftovers(out, []);

    const repair = openWithKey(h.dataDir, await databaseKeyOf(h.dataDir, 'boss', OWNER_PASSWORD));
    repair.prepare('UPDATE blob_chunks SET data = ? WHERE blob_id = ? AND seq = 0').run(original.data, original.blob_id);
    repair.close();
  });

  it('Ctrl-C during a download leaves neither the file nor a partial one', SLOW, async () => {
    const out = join(h.dataDir, 'interrupted');
    mkdirSync(out);
    const child = start(['--import', 'tsx', SAVE_CHILD, join(out, 'logo.png')], childEnv(h.clock));
    await child.waitFor(/^waiting$/);
    expect(readdirSync(out)).toEqual([expect.stringMatching(/^\.logo\.png\.[0-9a-f]{12}\.part$/)]); // the partial file, while it lasts
    child.child.kill('SIGINT');
    expect(await child.exited).toEqual({ code: 130, signal: null });
    leftovers(out, []);
  });

  it('replaces the logo with a JPEG, then removes it; get --out with no logo writes nothing', SLOW, () => {
    writeFileSync(join(files, 'logo.jpg'), JPEG_48x32);
    const set = clientele(['logo', 'set', 'logo.jpg']);
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toBe(`the shop's logo is now logo.jpg (JPEG 48×32, ${JPEG_48x32.length} bytes, sha256 ${sha256(JPEG_48x32)})\n`);

    expect(clientele(['logo', 'remove']).stdout).toBe('removed the shop logo\n');
    expect(clientele(['logo', 'remove']).stdout).toBe('the shop had no logo\n');
    expect(currentLogo()).toBeNull();
    expect(refusal(clientele(['logo', 'get', '--out', 'none.png', '--json']))).toMatchObject({ code: 'NOT_FOUND', message: 'the shop has no logo; nothing written' });
    leftovers(files, ['店标.png', 'saved.png', 'mine.png', 'bad', 'logo.jpg']);
  });
});
