// `clientele visits list|add` and `clientele seed --visits N` as scripts use them: JSON out, exit
// codes, the customer by its code and staff and contacts by name, clear messages for a bad day or
// time; the seed deterministic, spread over the active staff and the eight weeks around the clock's
// today, past visits mostly done each with its one record (searchable), future ones planned. A
// process per command (several seconds each to load the core on a busy 2-core machine): long timeouts.
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

function clientele(args: string[], dir = dataDir, user = 'boss') {
  const run = spawnSync(process.execPath, [BIN, ...args, '--data-dir', dir, '--user', user], {
    encoding: 'utf8',
    env: childEnv(clock, { CLIENTELE_PASSWORD: PASSWORD }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

let dataDir: string;
const dirs: string[] = [];
let code: string;

/** A new shop with its owner `boss` and a staff member `xiaowang` (both with PASSWORD). */
async function newShop(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-visits-cli-'));
  dirs.push(dir);
  const core = coreOn(clock, { dataDir: dir });
  try {
    const result = await core.invoke('setup', 'setup.create', { shopName: '张三小店', ownerUsername: 'boss', password: PASSWORD, sampleData: false });
    if (!result.ok) throw new Error(result.error.message);
    await core.invoke('setup', 'auth.signIn', { username: 'boss', password: PASSWORD });
    const staff = await core.invoke('setup', 'users.create', { username: 'xiaowang', displayName: '小王', role: 'staff', password: 'temp-lantern-3907' });
    if (!staff.ok) throw new Error(staff.error.message);
    await core.invoke('wang', 'auth.signIn', { username: 'xiaowang', password: 'temp-lantern-3907' });
    const changed = await core.invoke('wang', 'auth.changePassword', { oldPassword: 'temp-lantern-3907', newPassword: PASSWORD });
    if (!changed.ok) throw new Error(changed.error.message);
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
    const made = await core.invoke('setup', 'customers.create', { name: '甲公司', address: '上海市浦东新区世纪大道 1 号', contacts: [{ name: '周经理' }] });
    if (!made.ok) throw new Error(made.error.message);
    code = (made.value as { code: string }).code;
  } finally {
    core.close();
  }
}, 60_000);
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('clientele visits', () => {
  it('plans visits, warns of an overlap, and lists a staff member’s days as JSON', () => {
    const first = clientele(['visits', 'add', '--customer', code, '--day', '2026-12-03', '--time', '9:30', '--purpose', '季度回访', '--staff', 'xiaowang', '--contact', '周经理', '--json']);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({
      visit: { onDay: '2026-12-03', startMinute: 570, durationMinutes: 60, staffName: '小王', contactName: '周经理', address: '上海市浦东新区世纪大道 1 号', customerCode: code },
      overlaps: [],
    });
    const second = clientele(['visits', 'add', '--customer', code.toLowerCase(), '--day', '2026-12-03', '--time', '10:00', '--duration', '30', '--purpose', '送资料', '--staff', 'xiaowang']);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/^planned visit \d+: 小王 to 甲公司 .* on 2026-12-03 at 10:00 for 30 minutes\nwarning: 小王 has 1 other visit\(s\) at that time:/);
    const mine = clientele(['visits', 'add', '--customer', code, '--day', '2026-12-05', '--time', '14:00', '--purpose', '老板自己去', '--json']);
    expect(JSON.parse(mine.stdout).visit.staffName).toBe('boss');

    const list = clientele(['visits', 'list', '--staff', 'xiaowang', '--from', '2026-12-01', '--to', '2026-12-07', '--json']);
    expect(list.code, list.stderr).toBe(0);
    const out = JSON.parse(list.stdout);
    expect(out.visits.map((v: { onDay: string; startMinute: number; overlaps: boolean }) => [v.onDay, v.startMinute, v.overlaps])).toEqual([
      ['2026-12-03', 570, true],
      ['2026-12-03', 600, true],
    ]);
    expect(out.staff).toEqual([{ id: expect.any(Number), name: '小王' }]);
    expect(out.visits[0]).not.toHaveProperty('actions');
    // The whole shop in words; the staff member's own agenda by themselves.
    const shop = clientele(['visits', 'list', '--from', '2026-12-01', '--to', '2026-12-07']);
    expect(shop.stdout.split('\n').filter((line) => line.includes('甲公司'))).toHaveLength(3);
    const own = clientele(['visits', 'list', '--staff', 'xiaowang', '--from', '2026-12-03', '--json'], dataDir, 'xiaowang');
    expect(JSON.parse(own.stdout).visits).toHaveLength(2);
  }, 120_000);

  it('says what is wrong: a day, a time, a contact, a code, a range the core refuses', () => {
    const day = clientele(['visits', 'add', '--customer', code, '--day', '3.12.2026', '--time', '9:00', '--purpose', 'x']);
    expect([day.code, day.stderr]).toEqual([1, 'clientele visits add: VALIDATION: --day takes a date as YYYY-MM-DD, not "3.12.2026"\n']);
    const time = clientele(['visits', 'add', '--customer', code, '--day', '2026-12-03', '--time', '24:00', '--purpose', 'x']);
    expect(time.stderr).toContain('--time takes a time of day as HH:MM');
    const contact = clientele(['visits', 'add', '--customer', code, '--day', '2026-12-03', '--time', '9:00', '--purpose', 'x', '--contact', '无此人']);
    expect([contact.code, contact.stderr]).toEqual([1, 'clientele visits add: NOT_FOUND: the customer has no contact named 无此人 (it has: 周经理)\n']);
    const unknown = clientele(['visits', 'add', '--customer', 'C999999', '--day', '2026-12-03', '--time', '9:00', '--purpose', 'x']);
    expect(unknown.stderr).toContain('no customer with code C999999');
    const old = clientele(['visits', 'add', '--customer', code, '--day', '1900-01-01', '--time', '9:00', '--purpose', 'x', '--json']);
    expect(JSON.parse(old.stderr).error).toMatchObject({ code: 'VALIDATION', details: [{ path: ['onDay'], message: 'dateRange' }] });
    const long = clientele(['visits', 'list', '--from', '2026-12-01', '--to', '2027-02-01', '--json']);
    expect(JSON.parse(long.stderr).error).toMatchObject({ code: 'VALIDATION', details: [{ path: ['to'], message: 'spanTooLong' }] });
  }, 120_000);

  it('seeds visits deterministically over the staff and the weeks around today; done ones with their one record', async () => {
    const seeded = async () => {
      const dir = await newShop();
      const run = clientele(['seed', '--customers', '60', '--visits', '600', '--json'], dir);
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ customers: 60, visits: 600 });
      const db = openWithKey(dir, await databaseKeyOf(dir, 'boss', PASSWORD));
      try {
        const all = <T>(sql: string) => db.prepare(sql).all() as T[];
        const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
        return {
          rows: all<Record<string, unknown>>('SELECT customer_id, contact_name, staff_id, on_day, start_minute, duration_minutes, starts_at, purpose, status, outcome FROM visits ORDER BY id'),
          staff: all<{ staff_id: number; n: number }>('SELECT staff_id, count(*) AS n FROM visits GROUP BY staff_id'),
          weeks: n("SELECT count(DISTINCT strftime('%W', on_day)) AS n FROM visits"),
          first: all<{ d: string }>('SELECT min(on_day) AS d FROM visits')[0]!.d,
          last: all<{ d: string }>('SELECT max(on_day) AS d FROM visits')[0]!.d,
          pastNotDone: n("SELECT count(*) AS n FROM visits WHERE on_day < '2026-12-01' AND status = 'planned'"),
          futureDone: n("SELECT count(*) AS n FROM visits WHERE on_day >= '2026-12-01' AND status = 'done'"),
          done: n("SELECT count(*) AS n FROM visits WHERE status = 'done'"),
          // Each done visit has exactly its one record, pointing back; every record is in the search index.
          paired: n("SELECT count(*) AS n FROM visits v JOIN records r ON r.id = v.record_id AND r.visit_id = v.id AND r.source = 'visit' AND r.at = v.starts_at WHERE v.status = 'done'"),
          visitRecords: n('SELECT count(*) AS n FROM records WHERE visit_id IS NOT NULL'),
          records: n('SELECT count(*) AS n FROM records'),
          searchable: n('SELECT count(*) AS n FROM record_search_trigram'),
        };
      } finally {
        db.close();
      }
    };
    const one = await seeded();
    const two = await seeded();
    expect(one).toEqual(two);
    expect(one.rows).toHaveLength(600);
    // Both active users who can own customers get visits; four weeks back, four ahead (eight or nine ISO weeks).
    expect(one.staff).toHaveLength(2);
    expect(Math.min(...one.staff.map((s) => s.n))).toBeGreaterThan(200);
    expect(one.first >= '2026-11-03' && one.last <= '2026-12-30').toBe(true);
    expect(one.weeks).toBeGreaterThanOrEqual(8);
    expect(one.pastNotDone).toBe(0);
    expect(one.futureDone).toBe(0);
    expect(one.done).toBeGreaterThan(150);
    expect(one.paired).toBe(one.done);
    expect(one.visitRecords).toBe(one.done);
    expect(one.searchable).toBe(one.records);
  }, 240_000);
});
