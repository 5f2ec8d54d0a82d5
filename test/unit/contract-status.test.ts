// shared/contract-status.ts: a contract's status on a table of dates around every boundary (the
// notice day, the end day, the day after, the termination day, leap days, month ends), the date
// arithmetic (days, months clamped to the month's end), renewals counted from their anchor, amounts
// parsed to minor units exactly. The SQL twin of contractStatus is checked against this function
// in test/integration/contracts-status.test.ts.
import { describe, expect, it } from 'vitest';
import { currencyDigits, formatAmount, parseAmount } from '../../shared/api/contracts.ts';
import { addDays, addMonths, contractStatus, daysInMonth, localDay, noticeOn, renewalsDue, type ContractDates, type ContractStatus } from '../../shared/contract-status.ts';

const signed = (endOn: string | null, extra: Partial<ContractDates> = {}): ContractDates => ({
  signedOn: '2025-01-01',
  endOn,
  noticeDays: 30,
  terminatedOn: null,
  renewals: 0,
  ...extra,
});

describe('contractStatus', () => {
  // [what, contract, today, status]
  const table: [string, ContractDates, string, ContractStatus][] = [
    ['no end date: never expires', signed(null), '2099-12-31', 'active'],
    ['the day before the notice day', signed('2026-12-31'), '2026-11-30', 'active'],
    ['the notice day (end less 30 days)', signed('2026-12-31'), '2026-12-01', 'expiring'],
    ['inside the notice period', signed('2026-12-31'), '2026-12-15', 'expiring'],
    ['the end day itself', signed('2026-12-31'), '2026-12-31', 'expiring'],
    ['the day after the end', signed('2026-12-31'), '2027-01-01', 'expired'],
    ['across a year end: a year later', signed('2026-12-31'), '2027-12-31', 'expired'],
    ['notice 0 days: only the end day is expiring', signed('2026-06-30', { noticeDays: 0 }), '2026-06-30', 'expiring'],
    ['notice 0 days: the day before the end', signed('2026-06-30', { noticeDays: 0 }), '2026-06-29', 'active'],
    ['notice across a leap February: 2028-03-30 less 30 is 2028-02-29', signed('2028-03-30'), '2028-02-29', 'expiring'],
    ['the day before that leap day', signed('2028-03-30'), '2028-02-28', 'active'],
    ['ends on the leap day: the day after is March 1', signed('2028-02-29'), '2028-03-01', 'expired'],
    ['ends on the leap day, on it', signed('2028-02-29'), '2028-02-29', 'expiring'],
    ['notice from a 31-day month end: 2027-03-31 less 30 is 2027-03-01', signed('2027-03-31'), '2027-03-01', 'expiring'],
    ['the last day of February before that', signed('2027-03-31'), '2027-02-28', 'active'],
    ['not signed: a draft, whatever its dates', signed('2020-01-01', { signedOn: null }), '2026-11-22', 'draft'],
    ['a draft in its would-be notice period', signed('2026-12-01', { signedOn: null }), '2026-11-22', 'draft'],
    ['terminated on today', signed('2027-12-31', { terminatedOn: '2026-11-22' }), '2026-11-22', 'terminated'],
    ['termination dated tomorrow: not yet', signed('2027-12-31', { terminatedOn: '2026-11-23' }), '2026-11-22', 'active'],
    ['termination beats draft', signed(null, { signedOn: null, terminatedOn: '2026-01-01' }), '2026-11-22', 'terminated'],
    ['termination beats expired', signed('2025-06-30', { terminatedOn: '2025-05-01' }), '2026-11-22', 'terminated'],
    ['renewed and current', signed('2027-06-30', { renewals: 2 }), '2026-11-22', 'renewed'],
    ['renewed but in its notice period again: expiring', signed('2026-12-01', { renewals: 2 }), '2026-11-22', 'expiring'],
    ['renewed and then ended: expired', signed('2026-11-21', { renewals: 1 }), '2026-11-22', 'expired'],
    ['365 days of notice, its first day', signed('2027-11-22', { noticeDays: 365 }), '2026-11-22', 'expiring'],
    ['365 days of notice, the day before', signed('2027-11-22', { noticeDays: 365 }), '2026-11-21', 'active'],
  ];
  for (const [what, contract, today, status] of table) {
    it(`${what}: ${status}`, () => expect(contractStatus(contract, today)).toBe(status));
  }
});

describe('calendar arithmetic', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-01-01', -30)).toBe('2025-12-02');
    expect(addDays('2026-03-29', 0)).toBe('2026-03-29');
    expect(noticeOn('2026-12-31', 30)).toBe('2026-12-01');
    expect(noticeOn(null, 30)).toBeNull();
  });

  it('adds months clamped to the last day of the target month', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
    expect(addMonths('2028-02-29', 48)).toBe('2032-02-29');
    expect(addMonths('2026-11-15', 2)).toBe('2027-01-15');
    expect(addMonths('2026-12-31', 120)).toBe('2036-12-31');
    expect(addMonths('2026-01-31', -1)).toBe('2025-12-31');
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
  });

  it('gives the local calendar day of an instant', () => {
    expect(localDay(new Date(2028, 1, 29, 0, 0, 0).getTime())).toBe('2028-02-29');
    expect(localDay(new Date(2026, 11, 31, 23, 59, 59).getTime())).toBe('2026-12-31');
  });
});

describe('renewalsDue', () => {
  it('rolls nothing while the end is today or later', () => {
    expect(renewalsDue('2026-11-22', 12, '2026-11-22')).toEqual([]);
  });

  it('rolls across month ends from the anchor: Jan 31 → Feb 28 → Mar 31 → Apr 30', () => {
    expect(renewalsDue('2027-01-31', 1, '2027-04-15')).toEqual([
      { fromEnd: '2027-01-31', toEnd: '2027-02-28' },
      { fromEnd: '2027-02-28', toEnd: '2027-03-31' },
      { fromEnd: '2027-03-31', toEnd: '2027-04-30' },
    ]);
  });

  it('continues an earlier run from its anchor, not from the clamped end', () => {
    const history = [
      { fromEnd: '2027-01-31', toEnd: '2027-02-28' },
      { fromEnd: '2027-02-28', toEnd: '2027-03-31' },
    ];
    // Anchor Jan 31, two steps done: the next is Jan 31 + 3 months.
    expect(renewalsDue('2027-03-31', 1, '2027-04-01', history)).toEqual([{ fromEnd: '2027-03-31', toEnd: '2027-04-30' }]);
    // Without the history, Feb 28's run would stay on the 28th.
    expect(renewalsDue('2027-02-28', 1, '2027-03-01')).toEqual([{ fromEnd: '2027-02-28', toEnd: '2027-03-28' }]);
    expect(renewalsDue('2027-02-28', 1, '2027-03-01', history.slice(0, 1))).toEqual([{ fromEnd: '2027-02-28', toEnd: '2027-03-31' }]);
  });

  it('takes an end edited since the last renewal as its own anchor', () => {
    const history = [{ fromEnd: '2027-01-31', toEnd: '2027-02-28' }];
    expect(renewalsDue('2027-02-27', 1, '2027-03-01', history)).toEqual([{ fromEnd: '2027-02-27', toEnd: '2027-03-27' }]);
  });

  it('rolls a leap-day end by years to Feb 28, and back to Feb 29 in the next leap year', () => {
    expect(renewalsDue('2028-02-29', 12, '2032-03-01').map((s) => s.toEnd)).toEqual(['2029-02-28', '2030-02-28', '2031-02-28', '2032-02-29', '2033-02-28']);
  });
});

describe('amounts', () => {
  it('parses decimal text to minor units exactly, never through a float', () => {
    expect(parseAmount('1234.5', 'CNY')).toBe(123450);
    expect(parseAmount('1234.50', 'CNY')).toBe(123450);
    expect(parseAmount('0.1', 'CNY')).toBe(10);
    expect(parseAmount('0.29', 'CNY')).toBe(29); // 0.29 * 100 is 28.999999999999996 as a float
    expect(parseAmount('1,234.56', 'CNY')).toBe(123456);
    expect(parseAmount('１２３４．５', 'CNY')).toBe(123450);
    expect(parseAmount('12', 'CNY')).toBe(1200);
    expect(parseAmount('90071992547409.91', 'CNY')).toBe(9007199254740991);
    expect(parseAmount('5000', 'JPY')).toBe(5000);
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('CNY')).toBe(2);
  });

  it('refuses what is not a plain amount of the currency', () => {
    for (const bad of ['1234.567', '-5', '1e3', '', '.5', '1,5', '12,34.5', 'abc', '1.2.3', '90071992547409.92']) expect(parseAmount(bad, 'CNY'), bad).toBeNull();
    expect(parseAmount('5000.5', 'JPY')).toBeNull();
  });

  it('formats minor units back as decimal text', () => {
    expect(formatAmount(123450, 'CNY')).toBe('1234.50');
    expect(formatAmount(5, 'CNY')).toBe('0.05');
    expect(formatAmount(5000, 'JPY')).toBe('5000');
  });
});
