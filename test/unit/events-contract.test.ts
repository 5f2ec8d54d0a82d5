// The customer events contract and its pure rules: an event's status from the shop's local day,
// what a draft and an invitation accept, and the area joining the audit vocabulary and the core's
// counted tables.
import { describe, expect, it } from 'vitest';
import { EventDraft, InviteInput, EVENT_BATCH_MAX } from '../../shared/api/events.ts';
import { AUDIT_ACTIONS, AUDIT_ENTITIES, contract } from '../../shared/api/contract.ts';
import { AREAS } from '../../electron/core/areas/index.ts';
import { eventStatus } from '../../electron/core/areas/events/service.ts';

const at = (y: number, m: number, d: number, hour: number, minute = 0) => new Date(y, m - 1, d, hour, minute).getTime();

describe('events', () => {
  it('is planned before its local day, held from that day on, cancelled once cancelled', () => {
    const event = { cancelledAt: null, onDay: '2026-12-05' };
    expect(eventStatus(event, at(2026, 12, 4, 23, 59))).toBe('planned');
    expect(eventStatus(event, at(2026, 12, 5, 0, 0))).toBe('held');
    expect(eventStatus(event, at(2027, 1, 1, 12))).toBe('held');
    expect(eventStatus({ ...event, cancelledAt: 1 }, at(2026, 12, 1, 12))).toBe('cancelled');
  });

  it('checks a draft: title, a real day, minutes of a day, capacity, currency', () => {
    expect(EventDraft.parse({ title: ' 晚宴 ', onDay: '2026-12-05' })).toMatchObject({ title: '晚宴', kind: 'other', currency: 'CNY', capacity: null, startMinute: null });
    for (const bad of [
      { title: '', onDay: '2026-12-05' },
      { title: 'x', onDay: '2026-02-30' },
      { title: 'x', onDay: '2026-12-05', startMinute: 1440 },
      { title: 'x', onDay: '2026-12-05', capacity: 0 },
      { title: 'x', onDay: '2026-12-05', capacity: 100_001 },
      { title: 'x', onDay: '2026-12-05', currency: 'XYZ' },
      { title: 'x', onDay: '2026-12-05', budgetMinor: -1 },
      { title: 'x'.repeat(201), onDay: '2026-12-05' },
    ]) {
      expect(EventDraft.safeParse(bad).success, JSON.stringify(bad).slice(0, 80)).toBe(false);
    }
  });

  it('invites somebody: a filter, customers or contacts (at most 500 named per call)', () => {
    expect(InviteInput.safeParse({ eventId: 1 }).success).toBe(false);
    expect(InviteInput.safeParse({ eventId: 1, customerIds: [] }).success).toBe(false);
    expect(InviteInput.safeParse({ eventId: 1, filter: {} }).success).toBe(true);
    expect(InviteInput.safeParse({ eventId: 1, contactIds: [3] }).success).toBe(true);
    expect(InviteInput.safeParse({ eventId: 1, customerIds: Array.from({ length: EVENT_BATCH_MAX + 1 }, (_, i) => i + 1) }).success).toBe(false);
  });

  it('joins the contract, the audit vocabulary and the counted tables', () => {
    expect(contract['events.invite'].permission).toBe('events.manage');
    expect(contract['events.reply'].permission).toBe('customers.write');
    expect(contract['events.signInSheet'].permission).toBe('print');
    expect(AUDIT_ACTIONS).toEqual(expect.arrayContaining(['event.create', 'event.invite', 'eventInvitation.reply', 'eventInvitation.attend', 'print.eventSignIn']));
    expect(AUDIT_ENTITIES).toEqual(expect.arrayContaining(['event', 'eventInvitation']));
    expect(AREAS.find((area) => area.name === 'events')?.countedTables).toEqual(['events', 'event_invitations']);
  });
});
