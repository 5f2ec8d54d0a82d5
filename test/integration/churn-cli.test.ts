// `clientele churn list --json` as scripts use it: every warning the user sees as data, value
// first, with a rule filter, and a clear message for an unknown rule. The shop is made on the test
// clock and looked at 120 days later (every customer past its cadence, one with a contract ending).
// A process per command (seconds each): few commands.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChurnRow } from '../../shared/api/churn.ts';
import { childEnv, coreOn, testClock } from './harness.ts';
import { BIN } from './fixtures/processes.ts';

const PASSWORD = 'cli-password-4815';
const clock = testClock(); // 2026-11-22
let dataDir: string;
const ids: number[] = [];

function clientele(args: string[]) {
  const run = spawnSync(process.execPath, [BIN, ...args, '--data-dir', dataDir, '--user', 'boss'], {
    encoding: 'utf8',
    env: childEnv(clock, { CLIENTELE_PASSWORD: PASSWORD }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'clientele-churn-cli-'));
  const core = coreOn(clock, { dataDir });
  try {
    const call = async (method: string, input: unknown) => {
      const result = await core.invoke('setup', method, input);
      if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
      return result.value as { id: number };
    };
    await call('setup.create', { shopName: '张三小店', ownerUsername: 'boss', ownerDisplayName: '老板', password: PASSWORD, sampleData: false });
    await call('auth.signIn', { username: 'boss', password: PASSWORD });
    for (const [name, amount] of [['甲公司', 80_000], ['乙公司', 0]] as const) {
      const { id } = await call('customers.create', { name, grade: 'vip' });
      ids.push(id);
      if (amount > 0) await call('sales.create', { customerId: id, soldOn: '2026-11-20', currency: 'CNY', lines: [{ name: '茶叶', quantityMilli: 1000, unitPriceMinor: amount }] });
    }
    await call('contracts.create', { number: 'HT-9', title: '年度', customerId: ids[1], signedOn: '2026-01-01', startOn: '2026-01-01', endOn: '2027-03-31' });
  } finally {
    core.close();
  }
  clock.now += 120 * 86_400_000; // 2027-03-22: past the VIP cadence (30 days)
}, 60_000);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('clientele churn', () => {
  it('lists every warning as data, value first, and filters by rule', () => {
    const listed = clientele(['churn', 'list', '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    const answer = JSON.parse(listed.stdout) as { day: string; currency: string; total: number; totalValueMinor: number; rows: ChurnRow[] };
    expect(answer).toMatchObject({ day: '2027-03-22', currency: 'CNY', total: 2, totalValueMinor: 80_000 });
    expect(answer.rows.map((row) => [row.customerId, row.valueMinor, row.reasons.map((r) => r.rule)])).toEqual([
      [ids[0], 80_000, ['cadence']],
      [ids[1], 0, ['cadence', 'contract']],
    ]);
    const filtered = clientele(['churn', 'list', '--rule', 'contract', '--json']);
    expect((JSON.parse(filtered.stdout) as { rows: ChurnRow[] }).rows.map((row) => row.customerId)).toEqual([ids[1]]);
    const wrong = clientele(['churn', 'list', '--rule', 'mood']);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain('interval, cadence, satisfaction, complaints, contract');
  });
});
