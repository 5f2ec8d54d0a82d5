// `npm run bench:loyalty [-- --customers N --entries N --runs N]` — a customer's loyalty standing
// (loyalty.member: tier, balance, qualifying points, points expiring next month) plus the first
// page of their points ledger (loyalty.ledger, 50 entries), timed together per customer, against
// the figure (≤ 5 ms median at 100,000 customers and 2,000,000 ledger entries). Figures as
// JSON on stdout, progress on stderr.
//
// On a fresh encrypted database (removed at the end): N customers (default 100,000), all members,
// and M ledger entries (default 2,000,000) inserted set-based (one INSERT … SELECT over a recursive
// counter, ordered by customer so the indexes fill in order): per customer a first lot of 1,000
// points, earns and a correction spread over 24 months, and two redeems taken from that first lot
// (its `remaining` says so). Balances are then set from the ledger sums in one statement, every
// tier computed once as the first pass ever does (recomputeAllTiers, timed), the next day's pass
// (only members whose 12-month window changed, timed), and checkLedger run (timed). Every timed answer is checked: the balance against a SQL sum of that customer's entries,
// the page's ids against a plain SQL query of the newest 50.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkLedger, dailyPass, recomputeAllTiers } from '../../electron/core/areas/loyalty/ledger.ts';
import { readLedger, readMember, saveSettings } from '../../electron/core/areas/loyalty/service.ts';
import { fullAccess } from '../../electron/core/areas/users/access.ts';
import { migrate } from '../../electron/core/db/migrations/index.ts';
import { kyselyOver } from '../../electron/core/db/sqlite/dialect.ts';
import { openEncrypted } from '../../electron/core/db/sqlite/open.ts';
import { localDay } from '../../shared/contract-status.ts';
import { log, stats } from './timing.ts';

const { values } = parseArgs({ options: { customers: { type: 'string', default: '100000' }, entries: { type: 'string', default: '2000000' }, runs: { type: 'string', default: '500' } } });
const CUSTOMERS = Number(values.customers);
const ENTRIES = Number(values.entries);
const PER = Math.max(Math.floor(ENTRIES / CUSTOMERS), 3);
const RUNS = Number(values.runs);
const NOW = new Date(2026, 11, 2, 10, 0).getTime(); // 2 December 2026 (the day), local, fixed
const TODAY = localDay(NOW);

const dir = mkdtempSync(join(tmpdir(), 'clientele-loyalty-bench-'));
try {
  const raw = openEncrypted(join(dir, 'clientele.db'), 'cd'.repeat(32), { create: true });
  migrate(raw);
  raw.prepare("INSERT INTO users (username, display_name, role, active, created_at, updated_at) VALUES ('boss', '老板', 'owner', 1, 1, 1)").run();
  const db = kyselyOver(raw);
  const actor = { ...fullAccess({ userId: 1, username: 'boss', role: 'owner' }), now: NOW };
  await saveSettings(
    db,
    {
      version: 0,
      settings: {
        enabled: true,
        currency: 'CNY',
        earn: { perAmountMinor: 100, points: 1, perItem: [] },
        expiryMonths: 0,
        referralPoints: 50,
        tiers: [
          { key: 'normal', name: '普通会员', threshold: 0, multiplierPermille: 1000, benefits: '' },
          { key: 'silver', name: '银卡', threshold: 1500, multiplierPermille: 1200, benefits: '' },
          { key: 'gold', name: '金卡', threshold: 3000, multiplierPermille: 1500, benefits: '' },
        ],
      },
    },
    actor,
  );

  let started = performance.now();
  raw.transaction(() => {
    raw
      .prepare(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
         INSERT INTO customers (code, kind, name, name_sort, region_sort, stage, grade, owner_id, created_at, updated_at)
         SELECT printf('C%06d', i), 'company', '客户' || i, '', '', 'active', 'normal', 1, 1, 1 FROM n`,
      )
      .run(BigInt(CUSTOMERS));
  })();
  const customersMs = performance.now() - started;
  started = performance.now();
  // Entry k of customer c (i = (c-1)·PER + k): k = 0 the first lot (1,000 points, minus both
  // redeems of R_c), k = 2 and k = PER-1 the redeems, k = 1 a correction, the rest earns.
  raw.transaction(() => {
    raw
      .prepare(
        `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ? - 1),
         e AS (SELECT i / ? + 1 AS c, i % ? AS k, i FROM n)
         INSERT INTO points_ledger (customer_id, kind, points, on_day, at, reason, created_by, remaining)
         SELECT c,
           CASE WHEN k = 0 THEN 'earn' WHEN k = 1 THEN 'correction' WHEN k = 2 OR k = ? - 1 THEN 'redeem' ELSE 'earn' END,
           CASE WHEN k = 0 THEN 1000 WHEN k = 1 THEN 10 WHEN k = 2 OR k = ? - 1 THEN -(50 + c % 100) ELSE 1 + (i * 31) % 200 END,
           date(?, '-' || ((i * 7919) % 730) || ' days'),
           ? - ((i * 7919) % 730) * 86400000,
           CASE WHEN k = 1 THEN '开业补偿' ELSE '' END,
           1,
           CASE WHEN k = 0 THEN 1000 - 2 * (50 + c % 100) WHEN k = 1 THEN 10 WHEN k = 2 OR k = ? - 1 THEN 0 ELSE 1 + (i * 31) % 200 END
         FROM e WHERE c <= ?`,
      )
      .run(BigInt(CUSTOMERS * PER), BigInt(PER), BigInt(PER), BigInt(PER), BigInt(PER), TODAY, BigInt(NOW), BigInt(PER), BigInt(CUSTOMERS)); // integers bound as such (a JS number binds as REAL)
    raw
      .prepare(
        `INSERT INTO loyalty_members (customer_id, joined_on, tier_key, balance, next_expiry_on, tier_checked_on, created_at)
         SELECT customer_id, '2024-12-01', 'normal', sum(points), NULL, NULL, 1 FROM points_ledger GROUP BY customer_id`,
      )
      .run();
  })();
  const entries = (raw.prepare('SELECT count(*) FROM points_ledger').pluck().get() as number) ?? 0;
  const ledgerMs = performance.now() - started;
  log(`data: ${CUSTOMERS} customers in ${Math.round(customersMs)} ms, ${entries} ledger entries + members in ${Math.round(ledgerMs)} ms`);

  started = performance.now();
  const changed = await db.transaction().execute((tx) => recomputeAllTiers(tx, (JSON.parse(raw.prepare('SELECT tiers FROM loyalty_settings').pluck().get() as string) as Parameters<typeof recomputeAllTiers>[1]), TODAY, NOW, 'daily'));
  raw.prepare('UPDATE loyalty_settings SET expired_through = ?').run(TODAY);
  const tiersMs = performance.now() - started;
  log(`every tier computed (the day's first pass) in ${Math.round(tiersMs)} ms: ${changed} members moved up`);

  // The next day's first call: the daily pass recomputes only the members whose 12-month window changed.
  started = performance.now();
  const nextDay = NOW + 86_400_000;
  await db.transaction().execute((tx) => dailyPass(tx, localDay(nextDay), nextDay));
  const nextDayPassMs = performance.now() - started;
  log(`the next day's pass in ${Math.round(nextDayPassMs)} ms`);

  started = performance.now();
  const check = await checkLedger(db);
  const checkMs = performance.now() - started;
  log(`checkLedger in ${Math.round(checkMs)} ms: ok ${check.ok}, ${check.members} members, ${check.entries} entries`);
  if (!check.ok) throw new Error(`checkLedger found ${check.differences.length} differences`);

  // mulberry32: the same customers every run.
  let seed = 7;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const sumOf = raw.prepare('SELECT sum(points) FROM points_ledger WHERE customer_id = ?').pluck();
  const newest = raw.prepare('SELECT id FROM points_ledger WHERE customer_id = ? ORDER BY id DESC LIMIT 50').pluck();
  const samples: number[] = [];
  for (let run = 0; run < RUNS + 20; run++) {
    const customerId = 1 + Math.floor(random() * CUSTOMERS);
    const t0 = performance.now();
    const view = await readMember(db, customerId, actor);
    const page = await readLedger(db, customerId, null, 50, actor);
    const elapsed = performance.now() - t0;
    if (run >= 20) samples.push(elapsed);
    const expected = sumOf.get(customerId) as number;
    if (view.member?.balance !== expected || page.balance !== expected) throw new Error(`customer ${customerId}: balance ${view.member?.balance} / ${page.balance}, ledger sum ${expected}`);
    const ids = newest.all(customerId) as number[];
    if (JSON.stringify(page.rows.map((r) => r.id)) !== JSON.stringify(ids)) throw new Error(`customer ${customerId}: the first ledger page is not the newest ${ids.length} entries`);
  }
  const memberAndPage = stats(samples);
  process.stdout.write(
    `${JSON.stringify(
      {
        customers: CUSTOMERS,
        ledgerEntries: entries,
        load: { customersMs: Math.round(customersMs), ledgerAndMembersMs: Math.round(ledgerMs) },
        firstTierPassAllMembersMs: Math.round(tiersMs),
        nextDayPassMs: Math.round(nextDayPassMs),
        checkLedgerMs: Math.round(checkMs),
        balanceAndFirstPage: memberAndPage,
        answersChecked: RUNS + 20,
        targetMs: 5,
      },
      null,
      2,
    )}\n`,
  );
  raw.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
