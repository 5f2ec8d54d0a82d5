// `clientele contracts list|add` as scripts use them: JSON out, exit codes, amounts as decimal text
// turned into minor units exactly, and clear messages for a bad amount, an unknown customer code and
// a taken number. The shop and its customers are made in-process on the test's clock first. A
// process per command (several seconds each to load the core on a busy 2-core machine): long timeouts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnv, coreOn, testClock } from './harness.ts';
import { BIN } from './fixtures/processes.ts';

const PASSWORD = 'cli-password-4815';
/** 2026-11-22, local noon: the day every run here reads. */
const clock = testClock();
clock.now = new Date(2026, 10, 22, 12, 0, 0).getTime();

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
  dataDir = mkdtempSync(join(tmpdir(), 'clientele-contracts-cli-'));
  const core = coreOn(clock, { dataDir });
  try {
    const ok = async (method: string, input: unknown) => {
      const result = await core.invoke('setup', method, input);
      if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
      return result.value as { code: string; id: number };
    };
    await ok('setup.create', { shopName: '张三小店', ownerUsername: 'boss', password: PASSWORD, sampleData: false });
    code = (await ok('customers.create', { name: '甲公司' })).code;
    await ok('contracts.create', { number: 'HT-2026-0001', title: '年度维保', customerId: (await ok('customers.create', { name: '乙公司' })).id, signedOn: '2026-01-01', endOn: '2026-12-10' });
  } finally {
    core.close();
  }
}, 60_000);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('clientele contracts', () => {
  it('adds a contract with an exact amount, then lists it as JSON and as a table', () => {
    const added = clientele(['contracts', 'add', '--customer', code.toLowerCase(), '--number', 'HT-2026-0002', '--title', '门店改造', '--amount', '1234.5', '--signed', '2026-11-01', '--start', '2026-11-01', '--end', '2027-10-31', '--json']);
    expect(added.code, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout).contract).toMatchObject({ number: 'HT-2026-0002', amount: 123450, currency: 'CNY', customerCode: code, status: 'active', endOn: '2027-10-31' });

    const listed = clientele(['contracts', 'list', '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout).rows.map((r: { number: string; status: string }) => [r.number, r.status])).toEqual([
      ['HT-2026-0001', 'expiring'],
      ['HT-2026-0002', 'active'],
    ]);
    const expiring = clientele(['contracts', 'list', '--status', 'expiring', '--expiring-within', '30']);
    expect(expiring.code, expiring.stderr).toBe(0);
    expect(expiring.stdout).toContain('HT-2026-0001');
    expect(expiring.stdout).toContain('年度维保');
    expect(expiring.stdout).not.toContain('HT-2026-0002');
  }, 180_000);

  it('refuses a bad amount, an unknown customer and a taken number with a clear message and exit code 1', () => {
    const cents = clientele(['contracts', 'add', '--customer', code, '--number', 'X-1', '--title', 't', '--amount', '1234.567']);
    expect(cents.code).toBe(1);
    expect(cents.stderr).toContain('--amount must be a number with at most 2 decimals for CNY (such as 1234.50), not "1234.567"');
    const yen = clientele(['contracts', 'add', '--customer', code, '--number', 'X-1', '--title', 't', '--amount', '5000.5', '--currency', 'jpy', '--json']);
    expect(yen.code).toBe(1);
    expect(JSON.parse(yen.stderr).error).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('a whole number for JPY') });

    const nobody = clientele(['contracts', 'add', '--customer', 'C999999', '--number', 'X-1', '--title', 't']);
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain('no customer with code C999999');

    const taken = clientele(['contracts', 'add', '--customer', code, '--number', 'ht-2026-0001', '--title', 't', '--json']);
    expect(taken.code).toBe(1);
    expect(JSON.parse(taken.stderr).error).toMatchObject({
      code: 'CONFLICT',
      message: 'contracts.create: contract number ht-2026-0001 is taken (as HT-2026-0001); choose another number',
      details: { reason: 'number', number: 'HT-2026-0001' },
    });

    const status = clientele(['contracts', 'list', '--status', 'soon']);
    expect(status.code).toBe(1);
    expect(status.stderr).toContain('--status must be one of draft, active, expiring, expired, terminated, renewed');
  }, 240_000);
});
