// The customer events pages' pure parts (renderer/src/features/events): the list's address, what
// the event form checks and sends, how an event's time and attendance read, the routes (the
// sign-in sheet's print address), and the timeline's 'event' entry opening its event.
import { beforeAll, describe, expect, it } from 'vitest';
import { installAreas } from '../../renderer/src/app/area.ts';
import { hrefOf, parseHash, routeIsBare, routePermission } from '../../renderer/src/app/router.ts';
import * as areas from '../../renderer/src/features/areas.ts';
import { draftOf, eventTime, formValuesOf, minuteOf, permilleText, textProblems } from '../../renderer/src/features/events/event-format.ts';
import { attendedValue } from '../../renderer/src/features/events/invitation-cells.tsx';
import { formatEventQuery, parseEventQuery } from '../../renderer/src/features/events/list-query.ts';
import { entryHref } from '../../renderer/src/features/timeline/timeline-entry.ts';
import type { Event } from '../../shared/api/events.ts';

beforeAll(() => {
  installAreas(Object.values(areas));
});

describe('the events list address', () => {
  it('defaults to upcoming, keeps past/all and the search, and drops what is not one', () => {
    expect(parseEventQuery('')).toEqual({ when: 'upcoming' });
    expect(parseEventQuery('when=past&q=%20发布会%20')).toEqual({ when: 'past', q: '发布会' });
    expect(parseEventQuery('when=someday&q=')).toEqual({ when: 'upcoming' });
    expect(parseEventQuery('deleted=1')).toEqual({ when: 'upcoming', deleted: true });
    for (const query of [{ when: 'all', q: '答谢宴' }, { when: 'past' }, { when: 'upcoming' }, { when: 'all', deleted: true }] as const) expect(parseEventQuery(formatEventQuery(query))).toEqual(query);
    // The default is no parameter at all: equal choices give equal addresses.
    expect(formatEventQuery({ when: 'upcoming' })).toBe('');
  });
});

describe('the event form', () => {
  const values = { ...formValuesOf(null, '2026-12-01'), title: '  新品发布会  ', startMinute: '14:30', durationMinutes: '120', capacity: '50', budgetMinor: '12,000.50', place: ' 西湖国宾馆 ' };

  it('sends whole numbers, minutes and minor units, trimmed texts; empty fields as null', () => {
    expect(textProblems(values)).toEqual({});
    expect(draftOf(values)).toEqual({ title: '新品发布会', kind: 'launch', onDay: '2026-12-01', startMinute: 870, durationMinutes: 120, place: '西湖国宾馆', capacity: 50, budgetMinor: 1_200_050, currency: 'CNY', notes: '' });
    const empty = formValuesOf(null, '2026-12-01');
    expect(draftOf(empty)).toMatchObject({ startMinute: null, durationMinutes: null, capacity: null, budgetMinor: null });
  });

  it('refuses on their own fields a time, a number or an amount that is none (nothing is sent)', () => {
    const bad = { ...values, startMinute: '25:00', durationMinutes: '1.5', capacity: 'abc', budgetMinor: '12.345' };
    expect(Object.keys(textProblems(bad)).sort()).toEqual(['budgetMinor', 'capacity', 'durationMinutes', 'startMinute']);
    expect(textProblems(bad).capacity).toEqual({ message: 'wholeNumber' });
  });

  it('shows a stored event as it was typed', () => {
    const event = { title: 'x', kind: 'dinner', onDay: '2026-12-24', startMinute: 1110, durationMinutes: null, place: '', capacity: 200, budgetMinor: 50_000, currency: 'CNY', notes: '' } as Event; // the fields the form reads
    expect(formValuesOf(event, '2026-12-01')).toMatchObject({ kind: 'dinner', onDay: '2026-12-24', startMinute: '18:30', durationMinutes: '', capacity: '200', budgetMinor: '500.00' });
  });
});

describe('how an event reads', () => {
  it("says its time, an end past midnight as the next day's clock", () => {
    expect(eventTime({ startMinute: 870, durationMinutes: 120 })).toBe('14:30–16:30');
    expect(eventTime({ startMinute: 1380, durationMinutes: 120 })).toBe('23:00–01:00');
    expect(eventTime({ startMinute: 570, durationMinutes: null })).toBe('09:30');
    expect(eventTime({ startMinute: null, durationMinutes: 60 })).toBe('');
    expect(minuteOf('')).toBeNull();
    expect(minuteOf('7:30')).toBeUndefined();
  });

  it('tells attendance not marked from did not come, and the rate in per cent', () => {
    expect([null, true, false].map(attendedValue)).toEqual(['unknown', 'yes', 'no']);
    expect(permilleText(625, 'en-US')).toBe('62.5%');
    expect(permilleText(1000, 'zh-CN')).toBe('100%');
  });
});

describe('the events routes', () => {
  it('has the list, the event page and the sign-in sheet as a bare print view behind the print right', () => {
    expect(hrefOf({ name: 'events', query: 'when=past' })).toBe('#/events?when=past');
    expect(parseHash('#/events/12')).toEqual({ name: 'event', id: 12 });
    const sheet = parseHash('#/print/event-sign-in/12');
    expect(sheet).toEqual({ name: 'printEventSignIn', id: 12 });
    expect(routeIsBare(sheet)).toBe(true);
    expect(routePermission(sheet)).toBe('print');
    expect(routePermission(parseHash('#/events'))).toBe('customers.read');
  });

  it("opens a timeline 'event' entry's event", () => {
    expect(entryHref({ open: { kind: 'event', id: 3 } })).toBe('#/events/3');
  });
});
