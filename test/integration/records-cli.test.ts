// `clientele records add` and `clientele seed --records N` as scripts use them: JSON out, exit
// codes, the customer by its code and the staff member by user name, the time in local ISO form,
// clear messages for a bad kind or an unknown code; the seed deterministic, spread so that some
// customers have many records, every live record in the search index. A process per command
// (several seconds each to load the core on a busy 2-core machine): long timeouts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnv, coreOn, databaseKeyOf, openWithKey, testClock } from './harness.ts';
import { BIN } from './fixtures/processes.ts';

const PASSWORD = 'cli-password-4815';
const clock = testClock();
clock.now = new Date(2026, 11, 1, 12, 0, 0).getTime();

function clientele(args: string[], dir = dataDir) {
  const run = spawnSync(process.execPath, [BIN, ...args, '--data-dir', dir, '--user', 'boss'], {
    encoding: 'utf8',
    env: childEnv(clock, { CLIENTELE_PASSWORD: PASSWORD }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

let dataDir: string;
const dirs: string[] = [];
let code: string;

async function newShop(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-records-cli-'));
  dirs.push(dir);
  const core = coreOn(clock, { dataDir: dir });
  try {
    const result = await core.invoke('setup', 'setup.create', { shopName: '张三小店', ownerUsername: 'boss', password: PASSWORD, sampleData: false });
    if (!result.ok) throw new Error(result.error.message);
  } finally {
    core.close();
  }
  return dir;
}

beforeAll(async () => {
  dataDir = await newShop();
  const core = coreOn(clock, { dataDir });
  try {
    await core.invoke('setup', 'auth.signIn', { username: 'boss', password: PASSWORD });
    const made = await core.invoke('setup', 'customers.create', { name: '甲公司' });
    if (!made.ok) throw new Error(made.error.message);
    code = (made.value as { code: string }).code;
  } finally {
    core.close();
  }
}, 60_000);
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('clientele records', () => {
  it('adds a communication with a follow-up and a service record, as JSON', () => {
    const talk = clientele(['records', 'add', '--customer', code, '--kind', 'communication', '--channel', 'wechat', '--at', '2026-11-30T14:30', '--content', '微信确认上门时间', '--staff', 'boss', '--follow-up', '2026-12-03', '--json']);
    expect(talk.code, talk.stderr).toBe(0);
    expect(JSON.parse(talk.stdout).record).toMatchObject({ kind: 'communication', channel: 'wechat', at: new Date(2026, 10, 30, 14, 30).getTime(), staffName: 'boss', followUpOn: '2026-12-03', customerCode: code });
    const fix = clientele(['records', 'add', '--customer', code.toLowerCase(), '--kind', 'service', '--phase', 'insale', '--service-kind', 'repair', '--content', '更换电源', '--json']);
    expect(fix.code, fix.stderr).toBe(0);
    expect(JSON.parse(fix.stdout).record).toMatchObject({ kind: 'service', phase: 'insale', serviceKind: 'repair', status: 'done', at: clock.now });
  }, 60_000);

  it('says what is wrong: a kind, a code, a field the core refuses', () => {
    const kind = clientele(['records', 'add', '--customer', code, '--kind', 'letter', '--content', 'x']);
    expect([kind.code, kind.stderr]).toEqual([1, 'clientele records add: VALIDATION: --kind must be service or communication, not "letter"\n']);
    const unknown = clientele(['records', 'add', '--customer', 'C999999', '--kind', 'service', '--content', 'x']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no customer with code C999999');
    const empty = clientele(['records', 'add', '--customer', code, '--kind', 'service', '--json']);
    expect(empty.code).toBe(1);
    expect(JSON.parse(empty.stderr).error).toMatchObject({ code: 'VALIDATION', details: [{ path: ['content'] }] });
  }, 60_000);

  it('seeds records deterministically over the customers, some with about 2,000, all searchable', async () => {
    const counts = async () => {
      const results: { perCustomer: number[]; search: number; live: number; followUps: number; first: unknown[] }[] = [];
      for (const dir of [await newShop(), await newShop()]) {
        const run = clientele(['seed', '--customers', '100', '--records', '8000', '--json'], dir);
        expect(run.code, run.stderr).toBe(0);
        expect(JSON.parse(run.stdout)).toMatchObject({ customers: 100, records: 8000 });
        const db = openWithKey(dir, await databaseKeyOf(dir, 'boss', PASSWORD));
        try {
          const perCustomer = (db.prepare('SELECT count(*) AS n FROM records GROUP BY customer_id ORDER BY customer_id').all() as { n: number }[]).map((r) => r.n);
          const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
          results.push({
            perCustomer,
            search: n('SELECT count(*) AS n FROM record_search_trigram'),
            live: n('SELECT count(*) AS n FROM records WHERE deleted_at IS NULL'),
            followUps: n('SELECT count(*) AS n FROM records WHERE follow_up_on IS NOT NULL AND follow_up_done_at IS NULL'),
            first: db.prepare('SELECT customer_id, kind, at, content, channel, follow_up_on FROM records ORDER BY id LIMIT 20').all(),
          });
        } finally {
          db.close();
        }
      }
      return results;
    };
    const [one, two] = await counts();
    expect(one).toEqual(two);
    expect(one!.perCustomer.reduce((a, b) => a + b, 0)).toBe(8000);
    // 8,000 × 0.3 / 2,000: one customer with 2,000 and its share of the rest.
    expect(Math.max(...one!.perCustomer)).toBeGreaterThanOrEqual(2000);
    expect(one!.search).toBe(one!.live);
    expect(one!.followUps).toBeGreaterThan(0);
  }, 180_000);
});
