// `clientele today --user USER [--date YYYY-MM-DD] [--scope mine|everyone] --json` as scripts use
// it: the inbox as data for a day, the staff member's own, the owner's whole shop, and clear words
// for a bad date or scope and for staff asking for everyone. A process per command: long timeouts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnv, coreOn, testClock } from './harness.ts';
import { BIN } from './fixtures/processes.ts';

const PASSWORD = 'cli-password-4815';
const clock = testClock();
clock.now = new Date(2026, 11, 2, 9, 0, 0).getTime();
let dataDir: string;

function clientele(args: string[], user = 'boss') {
  const run = spawnSync(process.execPath, [BIN, ...args, '--data-dir', dataDir, '--user', user], {
    encoding: 'utf8',
    env: childEnv(clock, { CLIENTELE_PASSWORD: PASSWORD }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'clientele-today-cli-'));
  const core = coreOn(clock, { dataDir });
  const call = async (session: string, method: string, input: unknown) => {
    const result = await core.invoke(session, method, input);
    if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
    return result.value as { id: number; visit: { id: number } };
  };
  try {
    await call('setup', 'setup.create', { shopName: '张三小店', ownerUsername: 'boss', password: PASSWORD, sampleData: false });
    await call('setup', 'auth.signIn', { username: 'boss', password: PASSWORD });
    await call('setup', 'users.create', { username: 'xiaowang', displayName: '小王', role: 'staff', password: 'temp-lantern-3907' });
    await call('wang', 'auth.signIn', { username: 'xiaowang', password: 'temp-lantern-3907' });
    await call('wang', 'auth.changePassword', { oldPassword: 'temp-lantern-3907', newPassword: PASSWORD });
    const wang = (await core.invoke('wang', 'auth.session', {})) as { ok: true; value: { user: { id: number } } };
    const customer = (await call('setup', 'customers.create', { name: '甲公司', ownerId: wang.value.user.id })).id;
    const boss = (await call('setup', 'customers.create', { name: '乙公司' })).id;
    await call('setup', 'visits.create', { customerId: customer, staffId: wang.value.user.id, onDay: '2026-12-02', startMinute: 600, purpose: '季度回访' });
    await call('setup', 'visits.create', { customerId: boss, staffId: 1, onDay: '2026-12-03', startMinute: 600, purpose: '老板拜访' });
    await call('setup', 'records.create', { customerId: customer, kind: 'communication', at: clock.now - 86_400_000 * 3, staffId: wang.value.user.id, content: '报价', channel: 'phone', followUpOn: '2026-12-01' });
  } finally {
    core.close();
  }
}, 60_000);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('clientele today', () => {
  it("prints a staff member's inbox and the owner's shop for a day, as JSON and as text", () => {
    const own = clientele(['today', '--json'], 'xiaowang');
    expect(own.code, own.stderr).toBe(0);
    const inbox = JSON.parse(own.stdout);
    expect(inbox).toMatchObject({ day: '2026-12-02', scope: 'mine' });
    expect(inbox.sections.visits.items.map((i: { title: string }) => i.title)).toEqual(['季度回访']);
    expect(inbox.sections.followUps.items).toMatchObject([{ kind: 'followUp', title: '报价', overdue: true, overdueDays: 1, customerName: '甲公司' }]);

    const tomorrow = clientele(['today', '--date', '2026-12-03', '--scope', 'everyone', '--json']);
    expect(tomorrow.code, tomorrow.stderr).toBe(0);
    const shop = JSON.parse(tomorrow.stdout);
    expect(shop).toMatchObject({ day: '2026-12-03', scope: 'everyone' });
    expect(shop.sections.visits.items.map((i: { title: string }) => i.title)).toEqual(['老板拜访']);
    expect(shop.sections.followUps.total).toBe(1);

    const text = clientele(['today', '--scope', 'everyone']);
    expect(text.stdout).toContain('Today 2026-12-02 (everyone)');
    expect(text.stdout).toMatch(/visits: 1\n.*\n.*\nvisit +2026-12-02 +甲公司/);
  }, 120_000);

  it('says what is wrong: a date, a scope, staff asking for everyone', () => {
    const date = clientele(['today', '--date', '2.12.2026']);
    expect([date.code, date.stderr]).toEqual([1, 'clientele today: VALIDATION: --date takes a date as YYYY-MM-DD, not "2.12.2026"\n']);
    const scope = clientele(['today', '--scope', 'all']);
    expect(scope.stderr).toBe('clientele today: VALIDATION: --scope takes mine or everyone, not "all"\n');
    const forbidden = clientele(['today', '--scope', 'everyone', '--json'], 'xiaowang');
    expect(forbidden.code).toBe(1);
    expect(JSON.parse(forbidden.stderr).error).toMatchObject({ code: 'FORBIDDEN' });
    const impossible = clientele(['today', '--date', '2026-02-30', '--json']);
    expect(JSON.parse(impossible.stderr).error).toMatchObject({ code: 'VALIDATION', details: [{ path: ['day'] }] });
  }, 120_000);
});
