// `npm run bench:events` — inviting customers to an event by the customers list's filter at scale,
// figures as JSON on stdout (progress on stderr).
//
// The shop: 100,000 seeded customers (`-- --customers N`) through `system.seed`. With
// BENCH_DATA_DIR=DIR (or `-- --data-dir DIR`) the shop is made there once and reused (kept); else
// a temp dir, removed. The filter: of the customers list's filters by grade, region and both, the
// one whose count is nearest 5,000 (`-- --target N`).
//
// Measured through the door as the app calls it (the core, in-process): `events.invite({ eventId,
// filter })` into a fresh event each round (one transaction, one INSERT … SELECT), and
// `events.invitePreview` (the live count the invite dialog shows). Target: the invite ≤ 2 s.
// Every round's invited set is checked against the filter's customers as the customers list gives
// them (walked page by page through customers.list) and the raw invitations table; a wrong set
// fails the run.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { CustomerFilters, CustomerPage } from '../../shared/api/customers.ts';
import type { Event, InvitePreview, InviteResult } from '../../shared/api/events.ts';
import { createCore } from '../../electron/core/create-core.ts';
import { keyToHex, unwrapKey } from '../../electron/core/crypto/keys.ts';
import { findUserSlot, readKeyslots } from '../../electron/core/crypto/keyslots.ts';
import { openEncrypted, type SqliteDatabase } from '../../electron/core/db/sqlite/open.ts';
import { databasePath } from '../../electron/core/vault.ts';
import { log, round, stats } from './timing.ts';

const OWNER = 'owner';
const PASSWORD = 'bench-password-4k9z';
const SESSION = 'bench';
const ROUNDS = 7;
const TARGET_MS = 2000;

type Core = ReturnType<typeof createCore>;

async function call<T>(core: Core, method: string, input: unknown): Promise<T> {
  const result = await core.invoke(SESSION, method, input);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value as T; // the bench knows which method it called
}

function options(): { customers: number; target: number; dataDir: string | null } {
  const { values } = parseArgs({ options: { customers: { type: 'string' }, target: { type: 'string' }, 'data-dir': { type: 'string' } }, allowPositionals: true });
  const whole = (name: string, text: string | undefined, fallback: number) => {
    const n = Number(text ?? fallback);
    if (!Number.isInteger(n) || n < 1) throw new Error(`bench:events: --${name} must be a whole number ≥ 1, got ${text}`);
    return n;
  };
  return {
    customers: whole('customers', values.customers ?? process.env.BENCH_CUSTOMERS, 100_000),
    target: whole('target', values.target, 5_000),
    dataDir: values['data-dir'] ?? process.env.BENCH_DATA_DIR ?? null,
  };
}

async function rawConnection(dataDir: string): Promise<SqliteDatabase> {
  // Test tool only: the owner's password unwraps the database key, as sign-in does.
  const slot = findUserSlot(readKeyslots(dataDir), OWNER);
  const key = slot && (await unwrapKey(slot, PASSWORD));
  if (!key) throw new Error('bench:events: cannot unwrap the database key with the owner password');
  return openEncrypted(databasePath(dataDir), keyToHex(key));
}

/** Every customer id the customers list gives for a filter, page by page, as the app would walk it. */
async function listedIds(core: Core, filter: CustomerFilters): Promise<number[]> {
  const ids: number[] = [];
  let cursor: string | null = null;
  do {
    const page: CustomerPage = await call<CustomerPage>(core, 'customers.list', { ...filter, sort: 'code', limit: 100, cursor });
    ids.push(...page.rows.map((row) => row.id));
    cursor = page.nextCursor;
  } while (cursor !== null);
  return ids.sort((a, b) => a - b);
}

async function main(): Promise<void> {
  const opts = options();
  const keep = opts.dataDir !== null;
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'clientele-bench-events-'));
  if (keep) mkdirSync(dataDir, { recursive: true });
  const fresh = !existsSync(databasePath(dataDir));
  const core = createCore({ dataDir });
  let seedMs: number | null = null;
  try {
    if (fresh) {
      await call(core, 'setup.create', { shopName: '基准测试小店', ownerUsername: OWNER, ownerDisplayName: '店主', password: PASSWORD });
      log(`bench:events: seeding ${opts.customers} customers...`);
      const started = performance.now();
      await call(core, 'system.seed', { customers: opts.customers, seed: 1 });
      seedMs = Math.round(performance.now() - started);
      log(`bench:events: seeded in ${seedMs} ms`);
    }
    await call(core, 'auth.signIn', { username: OWNER, password: PASSWORD }); // a long seed may outlast the idle lock-out
    await call(core, 'settings.update', { idleLockMinutes: 0 });
    const total = (await call<{ count: number }>(core, 'customers.count', {})).count;

    // The filter nearest the target: by grade, by region, by both.
    const facets = await call<{ regions: string[] }>(core, 'customers.facets', {});
    const candidates: CustomerFilters[] = [];
    for (const grade of ['vip', 'key', 'normal', 'potential'] as const) candidates.push({ grade });
    for (const region of facets.regions) {
      candidates.push({ region });
      for (const grade of ['vip', 'key', 'normal', 'potential'] as const) candidates.push({ grade, region });
    }
    let best: { filter: CustomerFilters; count: number } | null = null;
    for (const filter of candidates) {
      const { count } = await call<{ count: number }>(core, 'customers.count', filter);
      if (!best || Math.abs(count - opts.target) < Math.abs(best.count - opts.target)) best = { filter, count };
    }
    if (!best) throw new Error('bench:events: no filter to try');
    const { filter, count } = best;
    log(`bench:events: ${total} customers; filter ${JSON.stringify(filter)} gives ${count}`);
    const expected = await listedIds(core, filter);
    if (expected.length !== count) throw new Error(`bench:events: customers.list walked ${expected.length} for a count of ${count}`);

    const raw = await rawConnection(dataDir);
    const invitedOf = raw.prepare('SELECT customer_id FROM event_invitations WHERE event_id = ? ORDER BY customer_id').pluck();
    const inviteMs: number[] = [];
    const previewMs: number[] = [];
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const event = await call<Event>(core, 'events.create', { title: `基准活动 ${round + 1}`, kind: 'launch', onDay: '2027-01-15', capacity: 100_000 });
        let started = performance.now();
        const preview = await call<InvitePreview>(core, 'events.invitePreview', { eventId: event.id, filter });
        previewMs.push(performance.now() - started);
        if (preview.count !== count || preview.alreadyInvited !== 0) throw new Error(`bench:events: preview ${JSON.stringify(preview)}, expected ${count} and 0`);
        started = performance.now();
        const result = await call<InviteResult>(core, 'events.invite', { eventId: event.id, filter });
        inviteMs.push(performance.now() - started);
        if (result.invited !== count || result.alreadyInvited !== 0) throw new Error(`bench:events: invite answered ${JSON.stringify(result)}, expected ${count} invited`);
        const invited = invitedOf.all(event.id) as number[];
        if (invited.length !== expected.length || invited.some((id, i) => id !== expected[i])) throw new Error(`bench:events: round ${round + 1}: the invited set is not the filter's customers`);
        log(`bench:events: round ${round + 1}: invited ${result.invited} in ${round3(inviteMs.at(-1)!)} ms (set checked)`);
      }
      // Inviting again: nobody new, every one counted as already invited.
      const last = (await call<{ rows: Event[] }>(core, 'events.list', { when: 'upcoming', q: `基准活动 ${ROUNDS}` })).rows[0]!;
      const again = await call<InviteResult>(core, 'events.invite', { eventId: last.id, filter });
      if (again.invited !== 0 || again.alreadyInvited !== count) throw new Error(`bench:events: a second invite answered ${JSON.stringify(again)}`);
    } finally {
      raw.close();
    }
    const invite = stats(inviteMs);
    const figures = {
      customers: total,
      filter,
      invitedPerRound: count,
      rounds: ROUNDS,
      seedMs,
      invite: { ...invite, maxMs: round(Math.max(...inviteMs)) },
      invitePreview: stats(previewMs),
      targetMs: TARGET_MS,
      withinTarget: invite.medianMs <= TARGET_MS && Math.max(...inviteMs) <= TARGET_MS,
      setChecked: true,
      loadavg: loadavg().map((n) => Math.round(n * 100) / 100),
    };
    process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
    if (!figures.withinTarget) process.exitCode = 1;
  } finally {
    core.close();
    if (!keep) rmSync(dataDir, { recursive: true, force: true });
  }
}

function round3(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
