// The churn rules table: each rule given plain facts, on its edges. Days are fixed strings (no
// clock): today is 2026-12-02 throughout.
import { describe, expect, it } from 'vitest';
import { CHURN_RULES, ChurnReason } from '../../shared/api/churn.ts';
import {
  cadenceRule,
  churnFingerprint,
  complaintsRule,
  contractRule,
  dayNumber,
  daysBetween,
  intervalRule,
  satisfactionRule,
  type ContractFacts,
  type IntervalFacts,
  type SurveyFacts,
} from '../../electron/core/areas/churn/rules.ts';

const today = '2026-12-02';

describe('interval rule (k × the usual interval)', () => {
  // Three sales 30 days apart: 2026-08-01, 08-31, 09-30 → usual 30 days; k = 2 → 60 days.
  const base: IntervalFacts = { firstOn: '2026-08-01', lastOn: '2026-09-30', saleCount: 3, lastContactOn: '2026-01-01', k: 2, today };
  it.each<[string, Partial<IntervalFacts>, ReturnType<typeof intervalRule>]>([
    ['61 days since the last sale: warns', { today: '2026-11-30' }, { rule: 'interval', daysSince: 61, usualDays: 30, k: 2, lastOn: '2026-09-30' }],
    ['exactly k × interval (60 days): no warning yet', { today: '2026-11-29' }, null],
    ['a contact after the last sale is the last activity', { lastContactOn: '2026-10-01', today: '2026-12-01' }, { rule: 'interval', daysSince: 61, usualDays: 30, k: 2, lastOn: '2026-10-01' }],
    ['a contact since stops it', { lastContactOn: '2026-10-10' }, null],
    ['k = 3: 90 days needed', { k: 3, today: '2026-12-29' }, null],
    ['k = 3: 91 days', { k: 3, today: '2026-12-30' }, { rule: 'interval', daysSince: 91, usualDays: 30, k: 3, lastOn: '2026-09-30' }],
    ['one sale only: no interval', { firstOn: '2026-09-30', saleCount: 1 }, null],
    ['no sales at all', { firstOn: null, lastOn: null, saleCount: 0 }, null],
    ['two sales on the same day: no interval', { firstOn: '2026-09-30', saleCount: 2 }, null],
    // 2 sales 45 days apart (usual 45, shown 45); 3 sales over 45 days: usual 22.5 (shown 23), 45 exactly is not more.
    ['fractional interval compared exactly (45 days = 2 × 22.5)', { firstOn: '2026-08-16', saleCount: 3, today: '2026-11-14' }, null],
    ['fractional interval, one day more', { firstOn: '2026-08-16', saleCount: 3, lastOn: '2026-09-30', today: '2026-11-15' }, { rule: 'interval', daysSince: 46, usualDays: 23, k: 2, lastOn: '2026-09-30' }],
    ['no contact ever (its creation, long ago, is the last contact): the sales decide', { lastContactOn: '2020-01-01' }, { rule: 'interval', daysSince: 63, usualDays: 30, k: 2, lastOn: '2026-09-30' }],
  ])('%s', (_name, change, expected) => {
    expect(intervalRule({ ...base, ...change })).toEqual(expected);
  });
});

describe('cadence rule (the grade’s return-visit cadence)', () => {
  it.each([
    ['31 days, cadence 30: warns', { lastContactOn: '2026-11-01', cadenceDays: 30 }, 31],
    ['exactly the cadence: no warning yet', { lastContactOn: '2026-11-02', cadenceDays: 30 }, null],
    ['contacted today', { lastContactOn: today, cadenceDays: 7 }, null],
  ] as const)('%s', (_name, facts, days) => {
    const reason = cadenceRule({ grade: 'vip', neverContacted: false, today, ...facts });
    expect(reason === null ? null : reason.daysSince).toBe(days);
  });
  it('no contact ever: counted from the day the customer was added, and says so', () => {
    expect(cadenceRule({ grade: 'potential', cadenceDays: 90, lastContactOn: '2026-06-01', neverContacted: true, today })).toEqual({
      rule: 'cadence',
      daysSince: 184,
      cadenceDays: 90,
      grade: 'potential',
      lastOn: '2026-06-01',
      neverContacted: true,
    });
  });
});

describe('satisfaction rule (the last two surveys)', () => {
  const survey = (id: number, scores: number[], nps: number | null): SurveyFacts => ({ id, on: `2026-11-${String(id).padStart(2, '0')}`, scores, nps });
  it.each<[string, SurveyFacts | null, SurveyFacts | null, ReturnType<typeof satisfactionRule>]>([
    ['CSAT fell: 4.5 → 3', survey(2, [3, 3], 9), survey(1, [5, 4], 9), { rule: 'satisfaction', before: 4.5, after: 3, scale: 'csat', surveyId: 2, surveyOn: '2026-11-02' }],
    ['equal CSAT averages (different counts): no warning', survey(2, [4, 4, 4], 3), survey(1, [5, 3], 9), null],
    ['CSAT rose though NPS fell: CSAT decides', survey(2, [5], 2), survey(1, [4], 10), null],
    ['averages compared exactly: 11/3 < 3.67 (rounded equal)', survey(2, [4, 4, 3], null), survey(1, [4, 4, 3, 4, 4, 3, 4, 4, 4], null), { rule: 'satisfaction', before: 3.78, after: 3.67, scale: 'csat', surveyId: 2, surveyOn: '2026-11-02' }],
    ['NPS only in both: fell 9 → 6', survey(2, [], 6), survey(1, [], 9), { rule: 'satisfaction', before: 9, after: 6, scale: 'nps', surveyId: 2, surveyOn: '2026-11-02' }],
    ['NPS equal', survey(2, [], 7), survey(1, [], 7), null],
    ['CSAT in one, NPS only in the other: NPS compared when both have it', survey(2, [], 5), survey(1, [5, 5], 8), { rule: 'satisfaction', before: 8, after: 5, scale: 'nps', surveyId: 2, surveyOn: '2026-11-02' }],
    ['CSAT only beside NPS only: nothing to compare', survey(2, [1], null), survey(1, [], 10), null],
    ['one survey only', survey(1, [1], 0), null, null],
    ['no survey', null, null, null],
  ])('%s', (_name, latest, before, expected) => {
    expect(satisfactionRule(latest, before)).toEqual(expected);
  });
});

describe('complaints rule', () => {
  const now = Date.UTC(2026, 11, 2, 9);
  it('counts the open ones and those past their deadline, oldest deadline first', () => {
    expect(complaintsRule([{ id: 7, dueAt: now + 1 }, { id: 3, dueAt: now - 1 }, { id: 5, dueAt: now }], now)).toEqual({ rule: 'complaints', open: 3, overdue: 1, complaintIds: [3, 5, 7] });
  });
  it('none open: no warning', () => {
    expect(complaintsRule([], now)).toBeNull();
  });
});

describe('contract rule', () => {
  const contract = (id: number, change: Partial<ContractFacts>): ContractFacts => ({ id, number: `HT-${id}`, signedOn: '2025-12-01', endOn: '2026-12-20', autoRenew: false, terminatedOn: null, ...change });
  it.each<[string, ContractFacts[], number | null]>([
    ['ends in 18 days without auto-renew', [contract(1, {})], 1],
    ['ends in exactly 30 days', [contract(1, { endOn: '2027-01-01' })], 1],
    ['ends in 31 days: not yet', [contract(1, { endOn: '2027-01-02' })], null],
    ['ended 30 days ago', [contract(1, { endOn: '2026-11-02' })], 1],
    ['ended 31 days ago: too long ago', [contract(1, { endOn: '2026-11-01' })], null],
    ['auto-renew contract', [contract(1, { autoRenew: true })], null],
    ['a later contract exists', [contract(1, {}), contract(2, { signedOn: '2026-12-01', endOn: '2027-12-20' })], null],
    ['a draft of the next one counts as a later contract', [contract(1, {}), contract(2, { signedOn: null, endOn: null })], null],
    ['an open-ended contract covers the future', [contract(1, {}), contract(2, { endOn: null })], null],
    ['an auto-renewing contract covers the future, whatever its end date now', [contract(1, {}), contract(2, { endOn: '2026-12-05', autoRenew: true })], null],
    ['an earlier contract is no later contract', [contract(1, {}), contract(2, { endOn: '2026-06-30' })], 1],
    ['a terminated other contract is no later contract', [contract(1, {}), contract(2, { endOn: '2028-01-01', terminatedOn: '2026-11-30' })], 1],
    ['terminated itself: not "expiring"', [contract(1, { terminatedOn: '2026-11-30' })], null],
    ['not signed (a draft)', [contract(1, { signedOn: null })], null],
    ['two ending in the window: the later one is named (the earlier has a later contract)', [contract(1, { endOn: '2026-12-10' }), contract(2, { endOn: '2026-12-28' })], 2],
    ['two ending the same day: the lowest id', [contract(4, {}), contract(3, {})], 3],
  ])('%s', (_name, contracts, expected) => {
    const reason = contractRule(contracts, today);
    expect(reason === null ? null : reason.contractId).toBe(expected);
    if (reason) expect(reason.ended).toBe(reason.endOn < today);
  });
});

describe('fingerprints and the contract', () => {
  it('every reason the rules make is one the contract accepts, one per rule', () => {
    const reasons = [
      intervalRule({ firstOn: '2026-01-01', lastOn: '2026-03-01', saleCount: 3, lastContactOn: '2026-03-01', k: 2, today }),
      cadenceRule({ grade: 'key', cadenceDays: 30, lastContactOn: '2026-01-01', neverContacted: false, today }),
      satisfactionRule({ id: 2, on: today, scores: [1], nps: null }, { id: 1, on: today, scores: [5], nps: null }),
      complaintsRule([{ id: 1, dueAt: 0 }], 1),
      contractRule([{ id: 1, number: 'HT-1', signedOn: '2026-01-01', endOn: today, autoRenew: false, terminatedOn: null }], today),
    ];
    expect(reasons.map((r) => ChurnReason.parse(r).rule)).toEqual([...CHURN_RULES]);
  });

  it('ignores the days that pass by themselves, and changes with the facts', () => {
    const facts: IntervalFacts = { firstOn: '2026-01-01', lastOn: '2026-03-01', saleCount: 3, lastContactOn: '2026-03-01', k: 2, today };
    const now = intervalRule(facts)!;
    const later = intervalRule({ ...facts, today: '2026-12-20' })!;
    expect(later.daysSince).not.toBe(now.daysSince);
    expect(churnFingerprint(later)).toBe(churnFingerprint(now));
    expect(churnFingerprint(intervalRule({ ...facts, lastContactOn: '2026-04-01' })!)).not.toBe(churnFingerprint(now));
    const one = complaintsRule([{ id: 1, dueAt: 10 }], 5)!;
    expect(churnFingerprint(complaintsRule([{ id: 1, dueAt: 10 }], 11)!)).not.toBe(churnFingerprint(one)); // now past its deadline
    expect(churnFingerprint(complaintsRule([{ id: 2, dueAt: 10 }], 5)!)).not.toBe(churnFingerprint(one)); // another complaint
  });
});

describe('day arithmetic', () => {
  it('counts days as the calendar does, across leap days, month and year ends', () => {
    const viaDate = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
    const days: string[] = [];
    for (let t = Date.UTC(1999, 11, 25); t <= Date.UTC(2001, 2, 5); t += 86_400_000 * 3) days.push(new Date(t).toISOString().slice(0, 10));
    days.push('2024-02-28', '2024-02-29', '2024-03-01', '2100-02-28', '2100-03-01', '1970-01-01');
    for (const from of days) for (const to of ['2000-02-29', '2000-03-01', '2026-12-02', '1970-01-01']) expect(daysBetween(from, to), `${from} → ${to}`).toBe(viaDate(from, to));
    expect(dayNumber('1970-01-01')).toBe(0);
  });
});
