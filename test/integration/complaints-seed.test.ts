// `clientele seed --complaints N` (system.seed): the asked number of complaints over the shop's
// customers, each with a deadline from its customer's grade (never before the opening), its history
// from the opening through each status step, most of the old ones answered and some recent ones
// open or overdue; the same shop again for the same seed; the list and counts agree with the rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawDb } from './attachments-kit.ts';
import { makeHarness, shopWithRoles, type Harness } from './harness.ts';

const NOW = new Date(2026, 11, 2, 9, 30).getTime();

async function seededShop(): Promise<Harness> {
  const h = makeHarness();
  h.clock.now = NOW;
  await shopWithRoles(h);
  await h.call('owner', 'settings.update', { idleLockMinutes: 0 });
  await h.call('owner', 'system.seed', { customers: 60, seed: 4 });
  const done = await h.call('owner', 'system.seed', { complaints: 400, seed: 4 });
  expect(done.complaints).toBe(400);
  return h;
}

type Row = { id: number; customer_id: number; status: string; opened_at: number; due_at: number; assignee_id: number | null; events: number; first: string; grade: string };

async function rows(h: Harness): Promise<Row[]> {
  const db = await rawDb(h);
  try {
    return db
      .prepare(
        `SELECT k.id, k.customer_id, k.status, k.opened_at, k.due_at, k.assignee_id, c.grade,
                (SELECT count(*) FROM complaint_events e WHERE e.complaint_id = k.id) AS events,
                (SELECT kind FROM complaint_events e WHERE e.complaint_id = k.id ORDER BY at, id LIMIT 1) AS first
           FROM complaints k JOIN customers c ON c.id = k.customer_id ORDER BY k.id`,
      )
      .all() as Row[];
  } finally {
    db.close();
  }
}

describe('seed --complaints', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await seededShop();
  }, 120_000);
  afterAll(() => h.cleanup());

  it('makes complaints with deadlines per grade, their history, a spread of statuses', async () => {
    const all = await rows(h);
    expect(all).toHaveLength(400);
    const hours: Record<string, number> = { vip: 24, key: 48, normal: 72, potential: 72 };
    for (const row of all) {
      expect(row.due_at - row.opened_at, `complaint ${row.id}`).toBe(hours[row.grade]! * 3_600_000);
      expect(row.opened_at).toBeLessThanOrEqual(NOW);
      expect(row.first).toBe('opened');
      expect(row.events).toBe({ new: 1, inProgress: 2, resolved: 3, closed: 4 }[row.status]);
    }
    const by = (status: string) => all.filter((row) => row.status === status).length;
    for (const status of ['new', 'inProgress', 'resolved', 'closed']) expect(by(status), status).toBeGreaterThan(0);
    expect(by('closed')).toBeGreaterThan(all.length / 3);
    const open = all.filter((row) => row.status === 'new' || row.status === 'inProgress');
    expect(open.some((row) => row.due_at < NOW)).toBe(true);
    expect(open.some((row) => row.due_at >= NOW)).toBe(true);
    expect(await h.call('owner', 'complaints.counts', {})).toEqual({ open: open.length, overdue: open.filter((row) => row.due_at < NOW).length });
    const first = await h.call('owner', 'complaints.list', { limit: 100 });
    const expected = [...open].sort((a, b) => a.due_at - b.due_at || a.id - b.id).slice(0, 100).map((row) => row.id);
    expect(first.rows.slice(0, expected.length).map((row) => row.id)).toEqual(expected);
    // The seed is one audited change.
    const audit = await h.call('owner', 'audit.list', { action: 'system.seed', limit: 10 });
    expect(audit.rows[0]!.changes).toContainEqual({ field: 'complaints', before: null, after: 400 });
  });

  it('makes the same complaints again for the same seed', async () => {
    const again = await seededShop();
    try {
      const strip = (list: Row[]) => list.map(({ id: _id, ...rest }) => rest);
      expect(strip(await rows(again))).toEqual(strip(await rows(h)));
    } finally {
      again.cleanup();
    }
  }, 120_000);
});
