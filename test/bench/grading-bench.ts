// `node --import tsx test/bench/grading-bench.ts [--customers N] [--sales N] [--runs N]` — the
// grading proposal against its SQL floor, figures as JSON on stdout (progress on stderr). A quick
// check for the grading area; the figure is measured by `npm run bench:dashboard`, which
// calls the same `proposeGrading(db, actor, {})` and `gradingFloor`.
//
// On a fresh encrypted database (removed at the end): N customers (default 100,000, grades spread)
// and M sales (default 1,000,000) over 24 months ending with the clock's month, 5 % in USD, a few
// customers buying much more than most. The proposal reads only the summaries (sales_monthly,
// customer_sales), so the sales are summed here and written as those summaries directly (inserting
// a million sales through sales-core's triggers takes minutes on a busy 2-core machine and gives
// the same rows: `bench:dashboard` does that). Then, interleaved, the whole proposal (read, ABC,
// RFM, rules, storing the items and the audit entry) and the floor (one GROUP BY over
// sales_monthly); and once, applying every change of the last proposal.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { applyProposal } from '../../electron/core/areas/grading/service.ts';
import { gradingFloor, gradingWindow, proposeGrading } from '../../electron/core/areas/grading/service.ts';
import { migrate } from '../../electron/core/db/migrations/index.ts';
import { kyselyOver } from '../../electron/core/db/sqlite/dialect.ts';
import { openEncrypted } from '../../electron/core/db/sqlite/open.ts';
import { interleaved, log } from './timing.ts';

const { values } = parseArgs({ options: { customers: { type: 'string', default: '100000' }, sales: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '3' } } });
const CUSTOMERS = Number(values.customers);
const SALES = Number(values.sales);
const NOW = Date.UTC(2026, 11, 2, 4, 0); // 2 December 2026 (the day), a fixed clock
const GRADES = ['vip', 'key', 'normal', 'potential'];

const dir = mkdtempSync(join(tmpdir(), 'clientele-grading-bench-'));
try {
  const raw = openEncrypted(join(dir, 'clientele.db'), 'ab'.repeat(32), { create: true });
  migrate(raw);
  raw.prepare("INSERT INTO users (username, display_name, role, active, created_at, updated_at) VALUES ('boss', '老板', 'owner', 1, 1, 1)").run();
  // mulberry32: a fixed seed, the same data every run.
  let seed = 42;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const started = performance.now();
  const monthly = new Map<string, { revenue: number; count: number }>();
  const perCustomer = new Map<number, { first: string; last: string; count: number }>();
  for (let i = 0; i < SALES; i++) {
    const who = 1 + Math.floor(CUSTOMERS * random() ** 2);
    const monthsBack = Math.floor(random() * 24);
    const month = new Date(Date.UTC(2026, 11 - monthsBack, 1));
    const ym = `${month.getUTCFullYear()}-${String(month.getUTCMonth() + 1).padStart(2, '0')}`;
    const day = `${ym}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
    const currency = random() < 0.05 ? 'USD' : 'CNY';
    const key = `${who}|${ym}|${currency}`;
    const m = monthly.get(key) ?? { revenue: 0, count: 0 };
    m.revenue += Math.floor(1000 + 200_000 * random() ** 3);
    m.count += 1;
    monthly.set(key, m);
    const c = perCustomer.get(who) ?? { first: day, last: day, count: 0 };
    if (day < c.first) c.first = day;
    if (day > c.last) c.last = day;
    c.count += 1;
    perCustomer.set(who, c);
  }
  raw.transaction(() => {
    const customer = raw.prepare("INSERT INTO customers (code, kind, name, name_sort, region_sort, stage, grade, owner_id, created_at, updated_at) VALUES (?, 'company', ?, '', '', 'active', ?, 1, 1, 1)");
    for (let i = 1; i <= CUSTOMERS; i++) customer.run(`C${String(i).padStart(6, '0')}`, `客户${i}`, GRADES[i % 4]);
    const summary = raw.prepare('INSERT INTO sales_monthly (customer_id, month, currency, revenue_minor, sale_count, grade, owner_id, live) VALUES (?, ?, ?, ?, ?, ?, 1, 1)');
    for (const [key, m] of monthly) {
      const [who, ym, currency] = key.split('|') as [string, string, string];
      summary.run(Number(who), ym, currency, m.revenue, m.count, GRADES[Number(who) % 4]);
    }
    const sales = raw.prepare('INSERT INTO customer_sales (customer_id, first_on, last_on, sale_count) VALUES (?, ?, ?, ?)');
    for (const [who, c] of perCustomer) sales.run(who, c.first, c.last, c.count);
  })();
  log(`data: ${CUSTOMERS} customers, ${SALES} sales summed in ${Math.round(performance.now() - started)} ms; sales_monthly ${(raw.prepare('SELECT count(*) AS n FROM sales_monthly').get() as { n: number }).n} rows`);
  const db = kyselyOver(raw);
  const actor = { userId: 1, username: 'boss', now: NOW };
  const window = { ...gradingWindow(NOW), currency: 'CNY' };
  let last = 0;
  const result = await interleaved(
    {
      proposal: async () => {
        const p = await proposeGrading(db, actor, {});
        last = p.id;
        log(`proposal ${p.id}: ${p.counts.graded} graded, ${p.counts.items} changes`);
      },
      floor: async () => gradingFloor(db, window),
    },
    { warmup: 1, iterations: Number(values.runs) },
  );
  // Applying every change of the last proposal, once (one transaction).
  await db.updateTable('grading_proposal_items').set({ decision: 'accepted' }).where('proposal_id', '=', last).execute();
  const applyStarted = performance.now();
  const applied = await applyProposal(db, last, actor);
  const applyMs = Math.round(performance.now() - applyStarted);
  process.stdout.write(`${JSON.stringify({ customers: CUSTOMERS, sales: SALES, ...result, apply: { ms: applyMs, changed: applied.proposal.counts.applied }, targetMs: 3000 }, null, 2)}\n`);
  raw.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
