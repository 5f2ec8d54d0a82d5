// Export of the points ledger (exports.run entity 'pointsLedger'): one row per entry, by customer
// then entry, headers in the chosen language, one customer's ledger when the filter names one (the
// rows come through the caller's scope as every export's do; staff may not export).
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExportInput } from '../../shared/api/exports.ts';
import { downloaded } from './attachments-kit.ts';
import { makeHarness, shopWithRoles, userNamed, type Harness } from './harness.ts';

let h: Harness;
let mine: number;
let other: number;

beforeEach(async () => {
  h = makeHarness();
  await shopWithRoles(h);
  await h.call('owner', 'settings.update', { idleLockMinutes: 0, staffScope: true });
  const staffId = (await userNamed(h, 'staff')).id;
  await h.call('owner', 'loyalty.saveSettings', { version: 0, settings: { enabled: true, currency: 'CNY', earn: { perAmountMinor: 100, points: 1 }, expiryMonths: 12, tiers: [{ key: 'normal', name: '普通会员', threshold: 0 }] } });
  mine = (await h.call('owner', 'customers.create', { name: '员工的客户', ownerId: staffId })).id;
  other = (await h.call('owner', 'customers.create', { name: '老板的客户' })).id;
  for (const id of [mine, other]) await h.call('owner', 'loyalty.join', { customerId: id });
  await h.call('owner', 'sales.create', { customerId: mine, soldOn: '2026-11-22', currency: 'CNY', lines: [{ name: '西湖龙井', quantityMilli: 1000, unitPriceMinor: 8800 }] });
  await h.call('owner', 'loyalty.adjust', { customerId: mine, points: -8, reason: '线下兑换' });
  await h.call('owner', 'loyalty.adjust', { customerId: other, points: 20, reason: '开业补偿' });
}, 60_000);
afterEach(() => h.cleanup());

async function rows(input: Parameters<typeof ExportInput.parse>[0], session = 'owner') {
  const out = await h.call(session, 'exports.run', ExportInput.parse(input));
  const bytes = await downloaded(h.core, session, out.download);
  return parse(bytes.toString('utf8').replace(/^\uFEFF/, '')) as string[][];
}

describe('points ledger export', () => {
  it('writes one row per entry by customer, in the chosen language, one customer when asked', async () => {
    const all = await rows({ entity: 'pointsLedger', format: 'csv', language: 'en-US' });
    expect(all[0]).toEqual(['Customer code', 'Customer', 'Day', 'Kind', 'Points', 'Expires on', 'Reason', 'By']);
    expect(all.slice(1).map((r) => [r[1], r[3], r[4], r[5], r[6]])).toEqual([
      ['员工的客户', 'Earned', '88', '2027-11-23', ''],
      ['员工的客户', 'Correction', '-8', '', '线下兑换'],
      ['老板的客户', 'Correction', '20', '', '开业补偿'],
    ]);
    const zh = await rows({ entity: 'pointsLedger', format: 'csv', language: 'zh-CN', filter: { customerId: other } });
    expect(zh[0]![4]).toBe('积分');
    expect(zh.slice(1).map((r) => r[3])).toEqual(['调整']);
  });
});
