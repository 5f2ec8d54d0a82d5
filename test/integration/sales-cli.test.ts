// `clientele sales add|list|check` as scripts use them: JSON out, exit codes, quantities and prices
// typed as decimal text turned into thousandths and minor units exactly (no float), the sale's day
// from the test's clock (23:30 local on the last day of November: November), a clear message for a
// bad quantity, and the summary check's { ok, differences } with exit 1 when a summary is wrong.
// The shop is made in-process on the test's clock first. A process per command (seconds each on a
// busy 2-core machine): few of them, long timeouts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnv, coreOn, databaseKeyOf, openWithKey, testClock } from './harness.ts';
import { BIN } from './fixtures/processes.ts';

const PASSWORD = 'cli-password-4815';
/** 2026-11-30, 23:30 local: the last half hour of the month. */
const clock = testClock();
clock.now = new Date(2026, 10, 30, 23, 30, 0).getTime();

function clientele(args: string[]) {
  const run = spawnSync(process.execPath, [BIN, ...args, '--data-dir', dataDir, '--user', 'boss'], {
    encoding: 'utf8',
    env: childEnv(clock, { CLIENTELE_PASSWORD: PASSWORD }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

let dataDir: string;
let code: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'clientele-sales-cli-'));
  const core = coreOn(clock, { dataDir });
  try {
    const ok = async (method: string, input: unknown) => {
      const result = await core.invoke('setup', method, input);
      if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
      return result.value as { code: string; id: number };
    };
    await ok('setup.create', { shopName: '张三小店', ownerUsername: 'boss', password: PASSWORD, sampleData: false });
    code = (await ok('customers.create', { name: '茶香贸易' })).code;
  } finally {
    core.close();
  }
}, 60_000);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('clientele sales', () => {
  it('adds a sale with exact amounts on the local day, lists it, and checks the summaries', async () => {
    const added = clientele(['sales', 'add', '--customer', code, '--line', '西湖龙井,1.5,12.50', '--line', '礼品包装,3,0.10,0.05', '--json']);
    expect(added.code, added.stderr).toBe(0);
    const sale = JSON.parse(added.stdout).sale;
    expect(sale).toMatchObject({ soldOn: '2026-11-30', currency: 'CNY', totalMinor: 1875 + 25, customerCode: code });
    expect(sale.lines.map((l: { quantityMilli: number; unitPriceMinor: number; discountMinor: number }) => [l.quantityMilli, l.unitPriceMinor, l.discountMinor])).toEqual([
      [1500, 1250, 0],
      [3000, 10, 5],
    ]);

    const bad = clientele(['sales', 'add', '--customer', code, '--line', '西湖龙井,1.2345,12.50', '--json']);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stderr).error.message).toMatch(/quantity/);

    const listed = clientele(['sales', 'list', '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout).rows.map((r: { id: number; summary: string }) => [r.id, r.summary])).toEqual([[sale.id, '西湖龙井、礼品包装']]);

    const checked = clientele(['sales', 'check', '--json']);
    expect(checked.code, checked.stderr).toBe(0);
    expect(JSON.parse(checked.stdout)).toEqual({ ok: true, differences: [] });

    // A summary put wrong behind the app's back: the check says where, exit 1.
    const raw = openWithKey(dataDir, await databaseKeyOf(dataDir, 'boss', PASSWORD));
    raw.prepare('UPDATE sales_monthly SET revenue_minor = revenue_minor + 1').run();
    raw.close();
    const wrong = clientele(['sales', 'check', '--json']);
    expect(wrong.code).toBe(1);
    expect(JSON.parse(wrong.stdout)).toMatchObject({ ok: false, differences: [{ table: 'sales_monthly', stored: expect.stringMatching(/^1901 /), expected: expect.stringMatching(/^1900 /) }] });
  }, 120_000);
});
