// `clientele grading propose|show|apply --json` as scripts use them: the proposal as data with its
// items, apply with --accept-all changing the grades (grade history source abc), show after, and a
// clear message for a missing proposal number. A process per command (seconds each): few commands.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplyResult, GradingItem, GradingProposal } from '../../shared/api/grading.ts';
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
  dataDir = mkdtempSync(join(tmpdir(), 'clientele-grading-cli-'));
  const core = coreOn(clock, { dataDir });
  try {
    const call = async (method: string, input: unknown) => {
      const result = await core.invoke('setup', method, input);
      if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
      return result.value as { id: number };
    };
    await call('setup.create', { shopName: '张三小店', ownerUsername: 'boss', ownerDisplayName: '老板', password: PASSWORD, sampleData: false });
    await call('auth.signIn', { username: 'boss', password: PASSWORD });
    for (const [name, amount] of [['甲公司', 80_000], ['乙公司', 15_000], ['丙公司', 5_000]] as const) {
      const { id } = await call('customers.create', { name, grade: 'normal' });
      ids.push(id);
      await call('sales.create', { customerId: id, soldOn: '2026-10-10', currency: 'CNY', lines: [{ name: '茶叶', quantityMilli: 1000, unitPriceMinor: amount }] });
    }
  } finally {
    core.close();
  }
}, 60_000);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('clientele grading', () => {
  it('proposes as data, applies with --accept-all, and shows the applied proposal', () => {
    const proposed = clientele(['grading', 'propose', '--json']);
    expect(proposed.code, proposed.stderr).toBe(0);
    const proposal = JSON.parse(proposed.stdout) as GradingProposal & { items: GradingItem[] };
    expect(proposal).toMatchObject({ status: 'open', currency: 'CNY', period: { from: '2025-12', to: '2026-11' }, counts: { graded: 3, items: 3, pending: 3 } });
    // 甲 80 % → A (vip), 乙 → B (key), 丙 → C; all sold the same day: R 1 → potential.
    expect(proposal.items.map((i) => [i.customerId, i.toGrade, i.abc])).toEqual([
      [ids[0], 'vip', 'A'],
      [ids[1], 'key', 'B'],
      [ids[2], 'potential', 'C'],
    ]);

    const applied = clientele(['grading', 'apply', String(proposal.id), '--accept-all', '--json']);
    expect(applied.code, applied.stderr).toBe(0);
    const result = JSON.parse(applied.stdout) as ApplyResult;
    expect(result.skipped).toEqual([]);
    expect(result.proposal).toMatchObject({ status: 'applied', counts: { accepted: 3, applied: 3 }, appliedBy: { name: '老板' } });

    const shown = clientele(['grading', 'show', String(proposal.id), '--json']);
    expect(shown.code, shown.stderr).toBe(0);
    expect((JSON.parse(shown.stdout) as { items: GradingItem[] }).items.map((i) => i.outcome)).toEqual(['applied', 'applied', 'applied']);
  }, 60_000);

  it('says what it needs when the proposal number is missing', () => {
    const run = clientele(['grading', 'apply']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('grading apply needs the proposal');
  }, 30_000);
});
