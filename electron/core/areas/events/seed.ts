// Demo customer events for `clientele seed`: added once, when there are no events yet. Two held
// events (an appreciation dinner 75 days and a product launch 30 days before the seed's clock)
// with invitations to VIP and key customers (their first contact named), replies and attendance,
// and two planned ones (a training day in 10 days with some replies in, a technical exchange in 40
// with nobody invited yet). Deterministic for a seed and the seed's clock; no audit entry each
// (the seed is one audited change).
import { addDays, localDay } from '../../../../shared/contract-status.ts';
import type { EventKind } from '../../../../shared/api/events.ts';
import { transaction, type Db } from '../../db/database.ts';
import { randomGenerator } from '../customers/seed-data.ts';

export type EventSeedOptions = { seed: number; now: number; actorId: number };

/** title, kind, days from the clock's day, start minute, minutes, place, capacity, budget (minor units), how many to invite at most. */
const EVENTS: readonly (readonly [string, EventKind, number, number, number, string, number | null, number | null, number])[] = [
  ['年度客户答谢晚宴', 'dinner', -75, 18 * 60, 180, '西湖国宾馆 紫薇厅', 60, 3_000_000, 50],
  ['秋季新茶发布会', 'launch', -30, 14 * 60, 120, '门店二楼品鉴室', 30, 800_000, 30],
  ['茶艺师培训日', 'training', 10, 9 * 60, 360, '雅集茶艺学堂', 20, 500_000, 25],
  ['Tea sourcing exchange', 'exchange', 40, 15 * 60, 90, 'Online', null, null, 0],
];

/** Adds the demo events when the shop has none; answers how many invitations were written. */
export async function seedEvents(db: Db, options: EventSeedOptions): Promise<number> {
  const random = randomGenerator(options.seed ^ 0x2e28);
  const today = localDay(options.now);
  return transaction(db, async (tx) => {
    const any = await tx.selectFrom('events').select('id').limit(1).executeTakeFirst();
    if (any) return 0;
    // The VIP and key customers, most important first, each with its first contact.
    const guests = await tx
      .selectFrom('customers as c')
      .select(['c.id', (eb) => eb.selectFrom('contacts as k').select('k.id').whereRef('k.customer_id', '=', 'c.id').orderBy('k.position').limit(1).as('contactId')])
      .where('c.deleted_at', 'is', null)
      .where('c.grade', 'in', ['vip', 'key'])
      .orderBy('c.grade_rank')
      .orderBy('c.id')
      .limit(200)
      .execute();
    let written = 0;
    for (const [title, kind, offset, startMinute, minutes, place, capacity, budget, most] of EVENTS) {
      const onDay = addDays(today, offset);
      const { id } = await tx
        .insertInto('events')
        .values({ title, kind, on_day: onDay, start_minute: startMinute, duration_minutes: minutes, place, capacity, budget_minor: budget, currency: 'CNY', notes: '', created_by: options.actorId, created_at: options.now, updated_at: options.now })
        .returning('id')
        .executeTakeFirstOrThrow();
      const invited = guests.filter(() => random() < 0.6).slice(0, most);
      const held = offset < 0;
      const invitedAt = options.now + Math.min(offset - 20, -1) * 86_400_000;
      let yes = 0;
      for (const guest of invited) {
        const roll = random();
        // Held: most replied; those who said yes mostly came. Planned: a third replied so far.
        let reply: 'pending' | 'yes' | 'no' | 'maybe' = held ? (roll < 0.65 ? 'yes' : roll < 0.8 ? 'no' : roll < 0.9 ? 'maybe' : 'pending') : roll < 0.25 ? 'yes' : roll < 0.33 ? 'no' : 'pending';
        if (reply === 'yes' && capacity !== null && yes >= capacity) reply = 'maybe';
        if (reply === 'yes') yes++;
        const attended = held ? (reply === 'yes' ? random() < 0.85 : reply === 'maybe' ? random() < 0.4 : false) : null;
        await tx
          .insertInto('event_invitations')
          .values({
            event_id: id,
            customer_id: guest.id,
            contact_id: guest.contactId,
            reply,
            replied_at: reply === 'pending' ? null : invitedAt + 86_400_000,
            replied_by: reply === 'pending' ? null : options.actorId,
            attended: attended === null ? null : attended ? 1 : 0,
            attended_at: attended === null ? null : options.now + offset * 86_400_000,
            attended_by: attended === null ? null : options.actorId,
            invited_at: invitedAt,
            invited_by: options.actorId,
          })
          .execute();
        written++;
      }
    }
    return written;
  });
}
