// `system.seed` with sales: a demo catalogue of Chinese product and service names, sales over the
// 24 months before the seed's clock with the season in them (more in January and December than in
// February), deterministic for a seed, none after today, summaries equal to a recomputation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, shopWithRoles, type Harness } from './harness.ts';
import { SEED_CATALOGUE } from '../../electron/core/areas/sales/seed.ts';

let h: Harness;

beforeAll(async () => {
  h = makeHarness();
  h.clock.now = new Date(2026, 11, 2, 9, 0, 0).getTime(); // 2 December 2026, local
  await shopWithRoles(h);
  await h.call('owner', 'settings.update', { idleLockMinutes: 0 });
}, 60_000);
afterAll(() => h.cleanup());

describe('seeding sales', () => {
  it('adds a catalogue and seasonal sales, none in the future, summaries equal', async () => {
    const done = await h.call('owner', 'system.seed', { customers: 40, sales: 3000, seed: 7 });
    expect(done.sales).toBe(3000);
    expect(done.saleLines).toBeGreaterThan(5000);
    const catalogue = await h.call('owner', 'catalogue.list', {});
    expect(catalogue.rows.map((r) => r.name)).toEqual(expect.arrayContaining(SEED_CATALOGUE.map(([name]) => name)));

    const count = (month: string) => h.call('owner', 'sales.count', { month }).then((c) => c.count);
    const [jan, feb, dec] = [await count('2026-01'), await count('2026-02'), await count('2025-12')];
    expect(jan).toBeGreaterThan(feb * 2);
    expect(dec).toBeGreaterThan(feb * 2);
    expect((await h.call('owner', 'sales.count', { from: '2026-12-03' })).count).toBe(0);
    expect((await h.call('owner', 'sales.count', { to: '2024-11-30' })).count).toBe(0);
    const totals = await h.call('owner', 'sales.count', {});
    expect(totals.totals.map((t) => t.currency)).toEqual(['CNY', 'USD']);
    expect((await h.call('owner', 'sales.check', {})).ok).toBe(true);

    // Newest first, none after the seed day.
    const first = await h.call('owner', 'sales.list', { limit: 5 });
    expect(first.rows.every((r) => r.soldOn <= '2026-12-02')).toBe(true);
  }, 120_000);
});
