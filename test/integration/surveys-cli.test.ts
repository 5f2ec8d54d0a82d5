// `clientele surveys add` as scripts use it: JSON out with the survey and the complaint a low score
// opened (its deadline from the customer's grade, its assignee the responsible staff member), exit
// codes, the customer by its code and dimensions by key, clear messages for an unknown dimension,
// a score out of range and nothing to record. A process per command (seconds each on a busy
// 2-core machine): long timeouts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnv, coreOn, testClock } from './harness.ts';
import { BIN } from './fixtures/processes.ts';

const PASSWORD = 'cli-password-4815';
const clock = testClock();
clock.now = new Date(2026, 11, 2, 10, 0, 0).getTime();

let dataDir: string;
let code: string;

function clientele(args: string[]) {
  const run = spawnSync(process.execPath, [BIN, ...args, '--data-dir', dataDir, '--user', 'boss'], {
    encoding: 'utf8',
    env: childEnv(clock, { CLIENTELE_PASSWORD: PASSWORD }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'clientele-surveys-cli-'));
  const core = coreOn(clock, { dataDir });
  try {
    const call = async (method: string, input: unknown) => {
      const result = await core.invoke('setup', method, input);
      if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
      return result.value as { id: number; code: string };
    };
    await call('setup.create', { shopName: '张三小店', ownerUsername: 'boss', ownerDisplayName: '老板', password: PASSWORD, sampleData: false });
    await call('auth.signIn', { username: 'boss', password: PASSWORD });
    const boss = (await call('auth.session', {})) as unknown as { user: { id: number } };
    code = (await call('customers.create', { name: '甲公司', grade: 'key', ownerId: boss.user.id })).code;
  } finally {
    core.close();
  }
}, 60_000);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('clientele surveys add', () => {
  it('reports the complaint a low score opened, as JSON', () => {
    const run = clientele(['surveys', 'add', '--customer', code, '--scores', 'quality=4,attitude=2', '--nps', '5', '--channel', 'wechat', '--comment', '回电太慢', '--at', '2026-12-01T15:30', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as {
      survey: { id: number; customerCode: string; channel: string; at: number; nps: number; scores: { key: string; score: number }[]; complaintId: number };
      complaint: { id: number; dueAt: number; assigneeName: string };
    };
    expect(out.survey).toMatchObject({ customerCode: code, channel: 'wechat', at: new Date(2026, 11, 1, 15, 30).getTime(), nps: 5 });
    expect(out.survey.scores.map((s) => `${s.key}=${s.score}`)).toEqual(['quality=4', 'attitude=2']);
    // A key customer: 48 hours from now (the clock of the run).
    expect(out.complaint).toMatchObject({ dueAt: clock.now + 48 * 3_600_000, assigneeName: '老板' });
    expect(out.survey.complaintId).toBe(out.complaint.id);
  }, 60_000);

  it('says when nothing was low, and in words without --json', () => {
    const run = clientele(['surveys', 'add', '--customer', code.toLowerCase(), '--scores', 'Quality=5', '--nps', '10']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^survey \d+ for 甲公司 \(.+\): quality=5, nps=10\n$/);
    const json = JSON.parse(clientele(['surveys', 'add', '--customer', code, '--nps', '9', '--json']).stdout) as { complaint: unknown };
    expect(json.complaint).toBeNull();
  }, 60_000);

  it('refuses bad input in words', () => {
    const unknown = clientele(['surveys', 'add', '--customer', code, '--scores', 'taste=3']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('no dimension taste; the dimensions asked are quality, attitude, speed, professionalism');
    const six = clientele(['surveys', 'add', '--customer', code, '--scores', 'quality=6']);
    expect(six.code).not.toBe(0);
    expect(six.stderr).toMatch(/scores/);
    const nothing = clientele(['surveys', 'add', '--customer', code]);
    expect(nothing.code).not.toBe(0);
    expect(nothing.stderr).toContain('--scores KEY=SCORE,... or --nps');
    const channel = clientele(['surveys', 'add', '--customer', code, '--nps', '8', '--channel', 'fax']);
    expect(channel.stderr).toContain('--channel takes one of phone, visit, wechat, paper');
    const customer = clientele(['surveys', 'add', '--customer', 'C999999', '--nps', '8']);
    expect(customer.stderr).toContain('no customer with code C999999');
  }, 120_000);
});
