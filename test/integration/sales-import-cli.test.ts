// `clientele import sales` and `clientele export sales`: a GBK CSV of sale lines imported through
// the command line (a dry run writing nothing, then the run: one sale of two lines by receipt
// number, one of its own), exported back as CSV with exact money, and the batch undone.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from './fixtures/processes.ts';
import { csvGbk } from '../fixtures/import-files.ts';
import { childEnv, makeHarness, OWNER_PASSWORD, shopWithRoles, type Harness } from './harness.ts';

type Run = { code: number | null; stdout: string; stderr: string };
const SLOW = { timeout: 300_000 };

describe('clientele import sales / export sales', () => {
  let h: Harness;
  let files: string;

  function clientele(args: string[]): Run {
    const env = childEnv(h.clock, { CLIENTELE_PASSWORD: OWNER_PASSWORD });
    const run = spawnSync(process.execPath, [BIN, ...args, '--data-dir', h.dataDir, '--user', 'boss', '--json'], { encoding: 'utf8', env, cwd: files, stdio: ['ignore', 'pipe', 'pipe'] });
    return { code: run.status, stdout: run.stdout, stderr: run.stderr };
  }

  beforeAll(async () => {
    h = makeHarness();
    await shopWithRoles(h);
    const a = await h.call('owner', 'customers.create', { name: '北京零壹科技有限公司' });
    await h.call('owner', 'customers.create', { name: '远方商行' });
    h.core.close(); // the CLI processes open the folder themselves
    files = join(h.dataDir, 'chosen');
    mkdirSync(files);
    writeFileSync(
      join(files, '销售.csv'),
      csvGbk([
        ['日期', '单号', '客户编号', '客户', '商品', '数量', '单价', '折扣'],
        ['2026-11-03', 'R1', a.code, '', '西湖龙井', '1.5', '1280.50', ''],
        ['2026-11-03', 'R1', a.code, '', '紫砂茶具', '2', '99.90', '10'],
        ['2026-11-05', '', '', '远方商行', '安装服务', '1', '500', ''],
      ]),
    );
  }, SLOW.timeout);
  afterAll(() => h.cleanup());

  it('dry run, import, export with exact money, undo', () => {
    const dry = clientele(['import', 'sales', '销售.csv', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ created: 2, lines: 3, errors: [], batch: null, dryRun: true });

    const run = clientele(['import', 'sales', '销售.csv']);
    expect(run.code, run.stderr).toBe(0);
    const made = JSON.parse(run.stdout) as { created: number; lines: number; batch: number };
    expect(made).toMatchObject({ created: 2, lines: 3, errorCount: 0 });

    const out = clientele(['export', 'sales', '--format', 'csv', '--out', 'sales-out.csv']);
    expect(out.code, out.stderr).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ entity: 'sales', rows: 3 });
    const text = readFileSync(join(files, 'sales-out.csv'), 'utf8');
    expect(text).toContain('西湖龙井,1.5,1280.50,0.00,1920.75,CNY');
    expect(text).toContain('紫砂茶具,2,99.90,10.00,189.80,CNY');

    const undo = clientele(['import', 'undo', String(made.batch)]);
    expect(undo.code, undo.stderr).toBe(0);
    expect(JSON.parse(undo.stdout)).toMatchObject({ removed: 2, restored: 0 });
    const check = clientele(['sales', 'check']);
    expect(check.code, check.stderr).toBe(0);
    expect(JSON.parse(check.stdout)).toEqual({ ok: true, differences: [] });
  }, SLOW.timeout);
});
