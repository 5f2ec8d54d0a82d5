// `clientele import customers|undo`: the shop list imported from a GBK CSV through the command
// line's door (staged from its path by the core), a dry run that writes nothing, duplicates skipped
// or updated, a mapping file naming columns by header, the rejected rows, and undo.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from './fixtures/processes.ts';
import { badRows, csvGbk, shopList } from '../fixtures/import-files.ts';
import { childEnv, makeHarness, OWNER_PASSWORD, shopWithRoles, USER_PASSWORD, type Harness } from './harness.ts';

type Run = { code: number | null; stdout: string; stderr: string };
type Outcome = { created: number; updated: number; skipped: number; errors: { row: number; field: string; code: string }[]; batch: number | null };

/** Every CLI run starts Node and tsx and derives a key (argon2id): seconds each on a busy machine. */
const SLOW = { timeout: 300_000 };

describe('clientele import', () => {
  let h: Harness;
  let files: string;

  function clientele(args: string[], user = 'boss'): Run {
    const env = childEnv(h.clock, { CLIENTELE_PASSWORD: user === 'boss' ? OWNER_PASSWORD : USER_PASSWORD });
    const run = spawnSync(process.execPath, [BIN, ...args, '--data-dir', h.dataDir, '--user', user, '--json'], { encoding: 'utf8', env, cwd: files, stdio: ['ignore', 'pipe', 'pipe'] });
    return { code: run.status, stdout: run.stdout, stderr: run.stderr };
  }
  const outcome = (run: Run): Outcome => JSON.parse(run.stdout) as Outcome;

  beforeAll(async () => {
    h = makeHarness();
    await shopWithRoles(h);
    h.core.close(); // the CLI processes open the folder themselves
    files = join(h.dataDir, 'chosen');
    mkdirSync(files);
    const { table } = shopList();
    writeFileSync(join(files, '客户.csv'), csvGbk(table));
    const changed = table.map((row) => [...row]);
    changed[2]![10] = '改过的备注';
    writeFileSync(join(files, '客户-改.csv'), csvGbk(changed));
    writeFileSync(join(files, 'bad.csv'), badRows().bytes);
    // Only the name and the mobile, by header.
    writeFileSync(join(files, 'mapping.json'), JSON.stringify({ columns: { name: '客户名称', contactMobile: '手机', contactName: null, phone: null, email: null, address: null, industry: null, grade: null, tags: null, birthday: null, notes: null } }));
  }, SLOW.timeout);
  afterAll(() => h.cleanup());

  it('dry run, import, again (skip), update, rejected rows, undo', () => {
    const dry = clientele(['import', 'customers', '客户.csv', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(outcome(dry)).toMatchObject({ created: 12, updated: 0, skipped: 0, errors: [], batch: null });

    const first = clientele(['import', 'customers', '客户.csv', '--encoding', 'gb18030']);
    expect(first.code, first.stderr).toBe(0);
    const made = outcome(first);
    expect(made).toMatchObject({ created: 12, updated: 0, skipped: 0, errors: [] });
    expect(made.batch).toBeGreaterThan(0);

    const again = clientele(['import', 'customers', '客户.csv']);
    expect(outcome(again)).toEqual({ created: 0, updated: 0, skipped: 12, errors: [], errorCount: 0, batch: null });

    const update = clientele(['import', 'customers', '客户-改.csv', '--on-duplicate', 'update', '--match-on', 'phone']);
    expect(outcome(update)).toMatchObject({ created: 0, updated: 1, skipped: 11 });

    const bad = clientele(['import', 'customers', 'bad.csv', '--on-duplicate', 'create', '--out', 'rejected.csv']);
    expect(bad.code).toBe(1);
    expect(outcome(bad).errors).toEqual(badRows().errors);
    const rejected = readFileSync(join(files, 'rejected.csv'), 'utf8');
    expect(rejected.startsWith('\uFEFF客户名称,')).toBe(true);
    expect(rejected.trimEnd().split('\r\n')).toHaveLength(1 + badRows().errors.length);

    const mapped = clientele(['import', 'customers', '客户.csv', '--mapping', 'mapping.json', '--on-duplicate', 'create']);
    expect(outcome(mapped)).toMatchObject({ created: 12 });

    const undone = clientele(['import', 'undo', String(made.batch)]);
    expect(undone.code).toBe(1); // its customers were updated since by the third import
    expect(JSON.parse(undone.stderr).error).toMatchObject({ code: 'CONFLICT', details: { reason: 'editedSince' } });
    const last = (JSON.parse(clientele(['import', 'list']).stdout) as { batches: { id: number }[] }).batches[0]!.id;
    const ok = clientele(['import', 'undo', String(last)]);
    expect(JSON.parse(ok.stdout)).toEqual({ batch: last, removed: 12, restored: 0 });

    const staff = clientele(['import', 'customers', '客户.csv'], 'staff');
    expect(staff.code).toBe(1);
    expect(JSON.parse(staff.stderr).error.code).toBe('FORBIDDEN');
  }, SLOW.timeout);
});
