// The dashboard's pure parts: the period in the address and its presets, the drill-down from a
// figure's link to the list behind it (every filter the core names survives the target list's own
// parser, so the list shows exactly the rows counted), and the sheet names of the .xlsx.
import { describe, expect, it } from 'vitest';
import type { Link } from '../../shared/api/dashboard.ts';
import { parseComplaintQuery } from '../../renderer/src/features/complaints/list-query.ts';
import { parseContractQuery } from '../../renderer/src/features/contracts/list-query.ts';
import { parseListQuery } from '../../renderer/src/features/customers/list-query.ts';
import { routeOfLink } from '../../renderer/src/features/reports/drill.ts';
import { addMonths, formatPeriod, monthsOf, parsePeriod, presetOf, presetPeriod } from '../../renderer/src/features/reports/period.ts';
import { sheetName } from '../../renderer/src/features/reports/workbook.ts';
import { parseSaleQuery } from '../../renderer/src/features/sales/list-query.ts';
import { parseSurveyQuery } from '../../renderer/src/features/surveys/list-query.ts';
import { parseVisitListQuery } from '../../renderer/src/features/visits/visit-list-query.ts';

describe('dashboard period', () => {
  it('defaults to the last 12 months ending with this month, across a year', () => {
    expect(parsePeriod(undefined, '2026-12')).toEqual({ from: '2026-01', to: '2026-12' });
    expect(parsePeriod('', '2026-02')).toEqual({ from: '2025-03', to: '2026-02' });
    expect(parsePeriod('to=2026-06', '2026-12')).toEqual({ from: '2025-07', to: '2026-06' });
  });

  it('drops months that are not months, keeps a reversed order for the picker to refuse', () => {
    expect(parsePeriod('from=2026-13&to=2026-1', '2026-12')).toEqual({ from: '2026-01', to: '2026-12' });
    expect(parsePeriod('from=2026-09&to=2026-03', '2026-12')).toEqual({ from: '2026-09', to: '2026-03' });
  });

  it('presets on the shop month, and recognises them back', () => {
    expect(presetPeriod('thisMonth', '2026-01')).toEqual({ from: '2026-01', to: '2026-01' });
    expect(presetPeriod('last3', '2026-01')).toEqual({ from: '2025-11', to: '2026-01' });
    expect(presetPeriod('last12', '2026-01')).toEqual({ from: '2025-02', to: '2026-01' });
    expect(presetPeriod('thisYear', '2026-12')).toEqual({ from: '2026-01', to: '2026-12' });
    // January: this year and this month are the same months; the first preset listed wins.
    expect(presetOf({ from: '2026-01', to: '2026-01' }, '2026-01')).toBe('thisMonth');
    expect(presetOf({ from: '2026-02', to: '2026-05' }, '2026-12')).toBeNull();
  });

  it('round-trips through the address, and lists its months', () => {
    const period = { from: '2025-11', to: '2026-02' };
    expect(parsePeriod(formatPeriod(period), '2030-01')).toEqual(period);
    expect(monthsOf(period)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsOf({ from: '2026-02', to: '2026-01' })).toEqual([]);
    expect(addMonths('2026-01', -1)).toBe('2025-12');
  });
});

describe('dashboard drill-down', () => {
  const queryOf = (link: Link) => {
    const route = routeOfLink(link);
    return { name: route.name, query: 'query' in route ? (route.query ?? '') : '' };
  };

  it('opens the customer list with the grade, the stage, or the days created', () => {
    expect(queryOf({ area: 'customers', filters: { grade: 'vip' } })).toEqual({ name: 'customers', query: 'grade=vip' });
    expect(queryOf({ area: 'customers', filters: { stage: 'dormant' } })).toEqual({ name: 'customers', query: 'stage=dormant' });
    const created = queryOf({ area: 'customers', filters: { createdFrom: '2026-01-01', createdTo: '2026-12-31' } });
    expect(parseListQuery(created.query).filters).toEqual({ createdFrom: '2026-01-01', createdTo: '2026-12-31' });
  });

  it('opens the sales of a month in one currency (and a grade)', () => {
    const link: Link = { area: 'sales', filters: { from: '2026-11-01', to: '2026-11-30', currency: 'USD', grade: 'key' } };
    const route = queryOf(link);
    expect(route.name).toBe('sales');
    expect(parseSaleQuery(route.query)).toEqual(link.filters);
  });

  it('opens surveys, complaints and contracts with the names their lists read', () => {
    const surveys = queryOf({ area: 'surveys', filters: { from: '2026-11-01', to: '2026-11-30' } });
    expect(surveys.name).toBe('satisfaction');
    expect(parseSurveyQuery(surveys.query)).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    const overdue = queryOf({ area: 'complaints', filters: { status: 'overdue' } });
    expect(overdue.name).toBe('complaints');
    expect(parseComplaintQuery(overdue.query)).toEqual({ status: 'overdue' });
    const expiring = queryOf({ area: 'contracts', filters: { expiringWithinDays: 30 } });
    expect(expiring).toEqual({ name: 'contracts', query: 'within=30' });
    expect(parseContractQuery(expiring.query).filters).toEqual({ expiringWithinDays: 30 });
  });

  it('opens the visits list with the staff member, the days and the status (the bar’s count), and the churn list', () => {
    const link: Link = { area: 'visits', filters: { staffId: 3, from: '2026-01-01', to: '2026-12-31', status: 'done' } };
    const visits = queryOf(link);
    expect(visits).toEqual({ name: 'visitList', query: 'staffId=3&status=done&from=2026-01-01&to=2026-12-31' });
    expect(parseVisitListQuery(visits.query)).toEqual(link.filters);
    expect(queryOf({ area: 'churn', filters: {} })).toEqual({ name: 'churn', query: '' });
  });
});

describe('dashboard workbook', () => {
  it('names sheets within Excel’s rules, unique whatever the titles', () => {
    const taken = new Set<string>();
    expect(sheetName('Revenue by month', taken)).toBe('Revenue by month');
    expect(sheetName('Revenue by month', taken)).toBe('Revenue by month 2');
    expect(sheetName('a/b:c?[d]*', taken)).toBe('a b c  d');
    expect(sheetName('很长的名字'.repeat(10), taken).length).toBeLessThanOrEqual(31);
  });
});
