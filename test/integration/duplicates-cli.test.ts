// `clientele duplicates list --json` as scripts use it: the finder's groups as JSON, exit 0; an
// unknown sub-command is a clear message. A process per command: long timeouts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnv, coreOn, testClock } from './harness.ts';
import { BIN } from './fixtures/processes.ts';

const PASSWORD = 'cli-password-4815';
const clock = testClock();
let dataDir: string;

function clientele(args: string[]) {
  const run = spawnSync(process.execPath, [BIN, ...args, '--data-dir', dataDir, '--user', 'boss'], {
    encoding: 'utf8',
    env: childEnv(clock, { CLIENTELE_PASSWORD: PASSWORD }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'clientele-duplicates-cli-'));
  const core = coreOn(clock, { dataDir });
  try {
    const steps: [string, unknown][] = [
      ['setup.create', { shopName: '张三小店', ownerUsername: 'boss', password: PASSWORD, sampleData: false }],
      ['auth.signIn', { username: 'boss', password: PASSWORD }],
      ['customers.create', { name: '北京华信科技有限公司', phone: '138 0013 8000' }],
      ['customers.create', { name: '北京華信科技', phone: '+86 13800138000' }],
      ['customers.create', { name: '上海明德贸易' }],
    ];
    for (const [method, input] of steps) {
      const result = await core.invoke('setup', method, input);
      if (!result.ok) throw new Error(result.error.message);
    }
  } finally {
    core.close();
  }
}, 60_000);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('clientele duplicates', () => {
  it('lists the groups as JSON', () => {
    const run = clientele(['duplicates', 'list', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { total: number; groups: { reasons: { reason: string; value: string }[]; customers: { name: string }[] }[] };
    expect(out.total).toBe(1);
    expect(out.groups[0]!.reasons).toEqual([
      { reason: 'phone', value: '13800138000' },
      { reason: 'name', value: '北京华信科技' },
    ]);
    expect(out.groups[0]!.customers.map((c) => c.name).sort()).toEqual(['北京华信科技有限公司', '北京華信科技'].sort());
  }, 120_000);

  it('names its sub-commands for an unknown one', () => {
    const run = clientele(['duplicates', 'merge']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('duplicates needs one of: list');
  }, 120_000);
});
