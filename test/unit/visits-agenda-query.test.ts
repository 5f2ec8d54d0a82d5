// The agenda's address and calendar arithmetic (renderer/src/features/visits/agenda-query.ts): a
// week runs Monday to Sunday across month and year ends, an address without a valid day shows
// today, and a formatted address always names its day (so a reload tomorrow shows the same day).
import { describe, expect, it } from 'vitest';
import { agendaDays, agendaParser, formatAgendaQuery, intersects, isDay, stepDay, timeToMinute, weekStart } from '../../renderer/src/features/visits/agenda-query.ts';

const parse = agendaParser('2026-12-01');

describe('agenda address', () => {
  it('reads view, day, staff and cancelled, dropping what is not valid', () => {
    expect(parse('view=week&day=2026-12-03&staff=7&cancelled=1')).toEqual({ view: 'week', day: '2026-12-03', staff: 7, cancelled: true });
    expect(parse('staff=all')).toEqual({ view: 'day', day: '2026-12-01', staff: 'all' });
    expect(parse('view=month&day=2026-02-30&staff=-1')).toEqual({ view: 'day', day: '2026-12-01' });
    expect(parse('day=1900-01-01')).toEqual({ view: 'day', day: '2026-12-01' });
    expect(parse('')).toEqual({ view: 'day', day: '2026-12-01' });
  });

  it('always writes the day, and reads back what it wrote', () => {
    expect(formatAgendaQuery({ view: 'day', day: '2026-12-01' })).toBe('view=day&day=2026-12-01');
    for (const query of [{ view: 'week', day: '2027-01-01', staff: 3 }, { view: 'day', day: '2026-12-31', staff: 'all', cancelled: true }] as const) {
      expect(parse(formatAgendaQuery(query))).toEqual(query);
    }
  });

  it('knows a real day', () => {
    expect(isDay('2028-02-29')).toBe(true);
    expect(isDay('2027-02-29')).toBe(false);
    expect(isDay('2026-13-01')).toBe(false);
    expect(isDay('2101-01-01')).toBe(false);
  });
});

describe('agenda days', () => {
  it('runs a week from Monday to Sunday, across a year end', () => {
    expect(weekStart('2026-12-01')).toBe('2026-11-30');
    expect(weekStart('2026-11-30')).toBe('2026-11-30');
    expect(weekStart('2026-12-06')).toBe('2026-11-30');
    expect(agendaDays({ view: 'week', day: '2027-01-01' })).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03']);
    expect(agendaDays({ view: 'day', day: '2027-01-01' })).toEqual(['2027-01-01']);
  });

  it('steps a day or a week', () => {
    expect(stepDay({ view: 'day', day: '2026-12-31' }, 1)).toBe('2027-01-01');
    expect(stepDay({ view: 'week', day: '2026-12-01' }, -1)).toBe('2026-11-24');
    expect(stepDay({ view: 'day', day: '2028-03-01' }, -1)).toBe('2028-02-29');
  });
});

describe('times', () => {
  it('reads a time input', () => {
    expect(timeToMinute('09:30')).toBe(570);
    expect(timeToMinute('23:59')).toBe(1439);
    expect(timeToMinute('24:00')).toBeNull();
    expect(timeToMinute('')).toBeNull();
  });

  it('sees overlaps as the core does: times that intersect on one day, touching ends do not', () => {
    const at = (onDay: string, startMinute: number, durationMinutes: number) => ({ onDay, startMinute, durationMinutes });
    expect(intersects(at('2026-12-01', 540, 60), at('2026-12-01', 570, 60))).toBe(true);
    expect(intersects(at('2026-12-01', 540, 60), at('2026-12-01', 600, 30))).toBe(false);
    expect(intersects(at('2026-12-01', 540, 60), at('2026-12-02', 540, 60))).toBe(false);
    expect(intersects(at('2026-12-01', 540, 120), at('2026-12-01', 560, 10))).toBe(true);
  });
});
