// `clientele seed` (system.seed) adds needs: for some of the live customers (a larger share of the
// VIP and key ones), naming catalogue items and, on decision needs, the customer's own contacts;
// the same shop again for the same seed; the list and count agree; a second seed adds none for
// customers that have needs already.
import { describe, expect, it } from 'vitest';
import { rawDb } from './attachments-kit.ts';
import { makeHarness, shopWithRoles } from './harness.ts';

const NOW = new Date(2026, 11, 2, 9, 30).getTime();

async function seeded() {
  const h = makeHarness();
  h.clock.now = NOW;
  await shopWithRoles(h);
  await h.call('owner', 'settings.update', { idleLockMinutes: 0 });
  await h.call('owner', 'system.seed', { customers: 80, sales: 200, seed: 5 });
  const db = await rawDb(h);
  try {
    const rows = db.prepare('SELECT n.customer_id, n.kind, n.title, n.item_id, n.needed_by, n.status, n.noted_at, c.grade FROM needs n JOIN customers c ON c.id = n.customer_id ORDER BY n.id').all() as { customer_id: number; kind: string; item_id: number | null; needed_by: string | null; noted_at: number; grade: string }[];
    const foreign = db.prepare('SELECT count(*) FROM need_contacts l JOIN needs n ON n.id = l.need_id JOIN contacts p ON p.id = l.contact_id WHERE p.customer_id <> n.customer_id').pluck().get();
    return { h, rows, foreign };
  } finally {
    db.close();
  }
}

describe('seeded needs', () => {
  it('notes needs for some customers, deterministically, that the list and count agree with', async () => {
    const first = await seeded();
    const second = await seeded();
    try {
      expect(first.rows.length).toBeGreaterThan(0);
      expect(second.rows).toEqual(first.rows);
      expect(first.foreign).toBe(0);
      for (const row of first.rows) {
        expect(row.noted_at).toBeLessThanOrEqual(NOW);
        if (row.needed_by !== null) expect(row.needed_by >= '2026-12-02').toBe(true);
      }
      expect((await first.h.call('owner', 'needs.count', {})).count).toBe(first.rows.length);
      // Customers with needs already get none more.
      const had = new Set(first.rows.map((r) => r.customer_id));
      await first.h.call('owner', 'system.seed', { customers: 1, seed: 6 });
      const again = (await first.h.call('owner', 'needs.list', { limit: 100 })).rows.filter((r) => had.has(r.customerId));
      expect(again.length).toBe(Math.min(100, first.rows.length));
    } finally {
      first.h.cleanup();
      second.h.cleanup();
    }
  }, 120_000);
});
