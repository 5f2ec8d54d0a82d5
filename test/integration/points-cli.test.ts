// `clientele points add|balance|check --json` as scripts use them, through the CLI bundle: a
// correction by hand with its reason, a refusal to go below zero (nothing written), a member's
// balance with their ledger, and the check that every balance equals its ledger sum. The shop is
// made on the test clock; a process per command (seconds each): few commands.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnv, coreOn, testClock } from './harness.ts';
import { BIN } from './fixtures/processes.ts';

const PASSWORD = 'cli-password-4815';
const clock = testClock(); // 2026-11-22
let dataDir: string;
let code = '';

function clientele(args: string[]) {
  const run = spawnSync(process.execPath, [BIN, ...args, '--data-dir', dataDir, '--user', 'boss'], {
    encoding: 'utf8',
    env: childEnv(clock, { CLIENTELE_PASSWORD: PASSWORD }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'clientele-points-cli-'));
  const core = coreOn(clock, { dataDir });
  try {
    const call = async (method: string, input: unknown) => {
      const result = await core.invoke('setup', method, input);
      if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
      return result.value as { id: number; code: string };
    };
    await call('setup.create', { shopName: '张三小店', ownerUsername: 'boss', ownerDisplayName: '老板', password: PASSWORD, sampleData: false });
    await call('auth.signIn', { username: 'boss', password: PASSWORD });
    await call('loyalty.saveSettings', { version: 0, settings: { enabled: true, currency: 'CNY', earn: { perAmountMinor: 100, points: 1 }, tiers: [{ key: 'normal', name: '普通会员', threshold: 0 }] } });
    const customer = await call('customers.create', { name: '甲公司' });
    code = customer.code;
    await call('loyalty.join', { customerId: customer.id });
    await call('sales.create', { customerId: customer.id, soldOn: '2026-11-22', currency: 'CNY', lines: [{ name: '茶叶', quantityMilli: 1000, unitPriceMinor: 12_000 }] });
  } finally {
    core.close();
  }
}, 60_000);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('clientele points', () => {
  it('adds a correction with its reason, refuses to go below zero, shows the balance and checks the ledger', () => {
    const added = clientele(['points', 'add', '--customer', code, '--points', '30', '--reason', '开业补偿', '--json']);
    expect(added.code, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ balance: 150, entry: { kind: 'correction', points: 30, reason: '开业补偿', onDay: '2026-11-22' } });

    const refused = clientele(['points', 'add', '--customer', code, '--points=-151', '--reason', '扣减', '--json']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/loyalty\.adjust: the balance is 150 points/);

    const balance = clientele(['points', 'balance', '--customer', code, '--json']);
    expect(balance.code, balance.stderr).toBe(0);
    const answer = JSON.parse(balance.stdout) as { member: { balance: number; tierName: string }; ledger: { kind: string; points: number }[] };
    expect(answer.member).toMatchObject({ balance: 150, tierName: '普通会员' });
    expect(answer.ledger.map((e) => [e.kind, e.points])).toEqual([
      ['correction', 30],
      ['earn', 120],
    ]);

    const check = clientele(['points', 'check', '--json']);
    expect(check.code, check.stderr).toBe(0);
    expect(JSON.parse(check.stdout)).toEqual({ ok: true, members: 1, entries: 2, differences: [] });

    const missing = clientele(['points', 'add', '--customer', code, '--json']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/points add needs --customer CODE --points N --reason TEXT/);
  });
});
