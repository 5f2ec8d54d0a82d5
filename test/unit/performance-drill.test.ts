// Staff performance's links, through the drill-down (renderer/src/features/reports/drill.ts): each
// list's address keeps every filter the core counted with, so the list opens on exactly the rows
// counted (a filter the list dropped would show a wider list). And the page's periods.
import { describe, expect, it } from 'vitest';
import type { Link } from '../../shared/api/dashboard.ts';
import { parseChurnQuery } from '../../renderer/src/features/churn/churn-query.ts';
import { listInput, parseComplaintQuery } from '../../renderer/src/features/complaints/list-query.ts';
import { parseListQuery } from '../../renderer/src/features/customers/list-query.ts';
import { formatPerformanceQuery, parsePerformanceQuery, periodAround, shiftPeriod } from '../../renderer/src/features/performance/performance-query.ts';
import { routeOfLink } from '../../renderer/src/features/reports/drill.ts';
import { parseSaleQuery } from '../../renderer/src/features/sales/list-query.ts';
import { parseSurveyQuery } from '../../renderer/src/features/surveys/list-query.ts';
import { parseVisitListQuery, visitFilters } from '../../renderer/src/features/visits/visit-list-query.ts';

const query = (link: Link) => {
  const route = routeOfLink(link) as { query?: string };
  return route.query ?? '';
};

describe("staff performance's links keep every filter in the list's address", () => {
  it('customers: owner with grade, created days, return due by', () => {
    expect(parseListQuery(query({ area: 'customers', filters: { ownerId: 7, grade: 'vip' } })).filters).toEqual({ ownerId: 7, grade: 'vip' });
    expect(parseListQuery(query({ area: 'customers', filters: { ownerId: 7, createdFrom: '2026-01-01', createdTo: '2026-12-31' } })).filters).toEqual({ ownerId: 7, createdFrom: '2026-01-01', createdTo: '2026-12-31' });
    expect(parseListQuery(query({ area: 'customers', filters: { ownerId: 7, returnDueBy: '2026-11-30' } })).filters).toEqual({ ownerId: 7, returnDueBy: '2026-11-30' });
  });

  it('visits: not cancelled, or done', () => {
    const planned = parseVisitListQuery(query({ area: 'visits', filters: { staffId: 7, from: '2026-01-01', to: '2026-12-31', notCancelled: true } }));
    expect(visitFilters(planned)).toEqual({ staffId: 7, from: '2026-01-01', to: '2026-12-31', notCancelled: true });
    expect(parseVisitListQuery(query({ area: 'visits', filters: { staffId: 7, from: '2026-01-01', to: '2026-12-31', status: 'done' } }))).toEqual({ staffId: 7, from: '2026-01-01', to: '2026-12-31', status: 'done' });
  });

  it('complaints: closed in the days, on time, of the owner’s customers — and the list asks the core for them', () => {
    const filters = parseComplaintQuery(query({ area: 'complaints', filters: { ownerId: 7, closedFrom: '2026-01-01', closedTo: '2026-12-31', onTime: true } }));
    expect(filters).toEqual({ ownerId: 7, closedFrom: '2026-01-01', closedTo: '2026-12-31', onTime: true });
    expect(listInput(filters, 50)).toEqual({ status: 'all', ownerId: 7, closedFrom: '2026-01-01', closedTo: '2026-12-31', onTime: true, limit: 50 });
  });

  it('surveys, sales and churn: the owner too', () => {
    expect(parseSurveyQuery(query({ area: 'surveys', filters: { ownerId: 7, from: '2026-01-01', to: '2026-12-31' } }))).toEqual({ ownerId: 7, from: '2026-01-01', to: '2026-12-31' });
    expect(parseSaleQuery(query({ area: 'sales', filters: { ownerId: 7, from: '2026-01-01', to: '2026-12-31', currency: 'CNY' } }))).toMatchObject({ ownerId: 7, from: '2026-01-01', to: '2026-12-31', currency: 'CNY' });
    expect(parseChurnQuery(query({ area: 'churn', filters: { ownerId: 7 } }))).toEqual({ ownerId: 7 });
  });
});

describe("the performance page's periods", () => {
  it('a month, a quarter or a year around a day; the previous and next of each', () => {
    expect(periodAround('month', '2026-02-10')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(periodAround('quarter', '2026-11-05')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(periodAround('year', '2024-06-30')).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(shiftPeriod({ staff: 'all', kind: 'quarter', from: '2026-01-01', to: '2026-03-31' }, -1)).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(shiftPeriod({ staff: 'all', kind: 'custom', from: '2026-01-01', to: '2026-01-10' }, 1)).toEqual({ from: '2026-01-11', to: '2026-01-20' });
  });

  it('reads its address, and falls back to this month for a bad one', () => {
    const choice = parsePerformanceQuery('staff=3&period=quarter&from=2026-11-15', '2026-12-01');
    expect(choice).toEqual({ staff: 3, kind: 'quarter', from: '2026-10-01', to: '2026-12-31' });
    expect(parsePerformanceQuery(formatPerformanceQuery(choice), '2026-12-01')).toEqual(choice);
    expect(parsePerformanceQuery('staff=x&period=custom&from=nope', '2026-12-01')).toEqual({ staff: null, kind: 'custom', from: '2026-12-01', to: '2026-12-31' });
  });
});
