// Migration 0028 (customer events) from a version-27 database with customers and contacts in it:
// every row stays as it was, the events tables are there and empty, their CHECKs, the one
// invitation per customer and event, and the foreign keys hold (a removed contact leaves the
// invitation without one); the events service works on the migrated shop at once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersionOf } from '../../electron/core/db/migrations/index.ts';
import { kyselyOver } from '../../electron/core/db/sqlite/dialect.ts';
import { openEncrypted } from '../../electron/core/db/sqlite/open.ts';
import { createEvent, invite, listInvitations } from '../../electron/core/areas/events/service.ts';
import { fullAccess } from '../../electron/core/areas/users/access.ts';

const KEY = 'e8'.repeat(32);
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function versionTwentySeven() {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-mig28-'));
  dirs.push(dir);
  const db = openEncrypted(join(dir, 'clientele.db'), KEY, { create: true });
  migrate(db, 27);
  expect(schemaVersionOf(db)).toBe(27);
  db.prepare("INSERT INTO users (username, display_name, role, active, created_at, updated_at) VALUES ('boss', '老板', 'owner', 1, 1, 1)").run();
  const customer = db.prepare("INSERT INTO customers (code, kind, name, name_sort, region_sort, stage, grade, owner_id, created_at, updated_at) VALUES (?, 'company', ?, ?, '', 'active', ?, ?, 1, 1)");
  customer.run('C000001', '茶香贸易', 'cha', 'vip', 1);
  customer.run('C000002', '远方商行', 'yuan', 'normal', null);
  db.prepare("INSERT INTO contacts (customer_id, position, name, created_at, updated_at) VALUES (1, 0, '李经理', 1, 1)").run();
  return db;
}

describe('migration 0028 (events)', () => {
  it('keeps a version-27 shop as it was and adds the events tables with their rules', async () => {
    const raw = versionTwentySeven();
    const snapshot = () => ({
      customers: raw.prepare('SELECT * FROM customers ORDER BY id').all(),
      contacts: raw.prepare('SELECT * FROM contacts ORDER BY id').all(),
    });
    const before = snapshot();
    migrate(raw, 28);
    expect(schemaVersionOf(raw)).toBe(28);
    expect(snapshot()).toEqual(before);
    for (const table of ['events', 'event_invitations']) expect(raw.prepare(`SELECT count(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 });

    const event = raw.prepare('INSERT INTO events (title, kind, on_day, capacity, created_at, updated_at) VALUES (?, ?, ?, ?, 1, 1)');
    expect(() => event.run('', 'dinner', '2026-12-05', null)).toThrow(/CHECK/);
    expect(() => event.run('晚宴', 'party', '2026-12-05', null)).toThrow(/CHECK/);
    expect(() => event.run('晚宴', 'dinner', '2026/12/05', null)).toThrow(/CHECK/);
    expect(() => event.run('晚宴', 'dinner', '2026-12-05', 0)).toThrow(/CHECK/);
    const eventId = Number(event.run('晚宴', 'dinner', '2026-12-05', 20).lastInsertRowid);

    const invitation = raw.prepare('INSERT INTO event_invitations (event_id, customer_id, contact_id, reply, attended, invited_at) VALUES (?, ?, ?, ?, ?, 1)');
    expect(() => invitation.run(eventId, 1, null, 'perhaps', null)).toThrow(/CHECK/);
    expect(() => invitation.run(eventId, 1, null, 'yes', 2)).toThrow(/CHECK/);
    expect(() => invitation.run(eventId, 99, null, 'yes', null)).toThrow(/FOREIGN KEY/);
    expect(() => invitation.run(99, 1, null, 'yes', null)).toThrow(/FOREIGN KEY/);
    invitation.run(eventId, 1, 1, 'yes', 1);
    expect(() => invitation.run(eventId, 1, null, 'no', null)).toThrow(/UNIQUE/);
    // A contact removed from its customer leaves the invitation, without a contact.
    raw.prepare('DELETE FROM contacts WHERE id = 1').run();
    expect(raw.prepare('SELECT contact_id, reply, attended FROM event_invitations').get()).toEqual({ contact_id: null, reply: 'yes', attended: 1 });

    // The service works on the migrated shop at once.
    const db = kyselyOver(raw);
    const actor = { ...fullAccess({ userId: 1, username: 'boss', role: 'owner' }), now: new Date(2026, 11, 1, 12).getTime() };
    const created = await createEvent(db, { title: '品鉴会', kind: 'launch', onDay: '2026-12-10', startMinute: null, durationMinutes: null, place: '', capacity: null, budgetMinor: null, currency: 'CNY', notes: '' }, actor);
    expect(await invite(db, { eventId: created.id, filter: {} }, actor)).toEqual({ invited: 2, alreadyInvited: 0, overCapacity: false });
    expect((await listInvitations(db, { eventId: created.id, cursor: null, limit: 50 }, actor)).rows.map((row) => row.customerName)).toEqual(['茶香贸易', '远方商行']);
    raw.close();
  });
});
