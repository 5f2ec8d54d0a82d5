// The visits list's address (`#/visits/list?staffId=3&from=…&to=…&status=done`): every filter the
// core takes survives a format/parse round trip under the core's own names (the dashboard drills
// down by them), and anything an edited address holds that the core would refuse is dropped.
import { describe, expect, it } from 'vitest';
import { VisitFilters } from '../../shared/api/visits.ts';
import { formatVisitListQuery, parseVisitListQuery, visitFilters, type VisitListFilters } from '../../renderer/src/features/visits/visit-list-query.ts';

describe('visits list address', () => {
  it('round-trips every filter, in one canonical order', () => {
    const filters: VisitListFilters = { staffId: 3, customerId: 41, status: 'done', from: '2026-01-01', to: '2026-12-31' };
    const search = formatVisitListQuery(filters);
    expect(search).toBe('staffId=3&customerId=41&status=done&from=2026-01-01&to=2026-12-31');
    expect(parseVisitListQuery(search)).toEqual(filters);
    // Whatever order an address names them in, the canonical string is the same.
    expect(formatVisitListQuery(parseVisitListQuery('to=2026-12-31&status=done&from=2026-01-01&customerId=41&staffId=3'))).toBe(search);
    for (const status of ['planned', 'done', 'postponed', 'cancelled'] as const) expect(parseVisitListQuery(formatVisitListQuery({ status }))).toEqual({ status });
  });

  it('is the whole list for an empty address', () => {
    expect(parseVisitListQuery('')).toEqual({});
    expect(parseVisitListQuery(undefined)).toEqual({});
    expect(formatVisitListQuery({})).toBe('');
  });

  it('drops values the core would refuse, keeping the rest', () => {
    expect(parseVisitListQuery('staffId=0&customerId=abc&status=lost&from=2026-02-30&to=3000-01-01')).toEqual({});
    expect(parseVisitListQuery('staffId=-2&status=DONE&from=2026-1-1&to=2026-12-31')).toEqual({ to: '2026-12-31' });
    expect(parseVisitListQuery('staffId=12345678901&customerId=7')).toEqual({ customerId: 7 });
  });

  it('asks the core for exactly the filters in the address (the list and its count alike)', () => {
    const filters = parseVisitListQuery('staffId=3&from=2026-01-01&to=2026-12-31&status=done');
    expect(VisitFilters.parse(visitFilters(filters))).toEqual({ staffId: 3, from: '2026-01-01', to: '2026-12-31', status: 'done' });
  });
});
