// `clientele events list --json` as scripts use it: every event the user sees as data (upcoming,
// past, all), with its invitation counts in the user's scope, and a clear message for an unknown
// --when. The shop is made on the test clock (2026-11-22). A process per command: few commands.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Event } from '../../shared/api/events.ts';
import { childEnv, coreOn, testClock } from './harness.ts';
import { BIN } from './fixtures/processes.ts';

const PASSWORD = 'cli-password-4815';
const clock = testClock(); // 2026-11-22
let dataDir: string;
const ids: Record<string, number> = {};

function clientele(args: string[], user = 'boss') {
  const run = spawnSync(process.execPath, [BIN, ...args, '--data-dir', dataDir, '--user', user], {
    encoding: 'utf8',
    env: childEnv(clock, { CLIENTELE_PASSWORD: PASSWORD }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'clientele-events-cli-'));
  const core = coreOn(clock, { dataDir });
  try {
    const call = async <T = { id: number }>(method: string, input: unknown, session = 'setup') => {
      const result = await core.invoke(session, method, input);
      if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
      return result.value as T;
    };
    await call('setup.create', { shopName: '张三小店', ownerUsername: 'boss', ownerDisplayName: '老板', password: PASSWORD, sampleData: false });
    await call('auth.signIn', { username: 'boss', password: PASSWORD });
    const staff = await call('users.create', { username: 'clerk', displayName: '店员', role: 'staff', password: 'temp-lantern-3907' });
    // A new user's password is an initial one: the clerk sets their own before the CLI signs them in.
    await call('auth.signIn', { username: 'clerk', password: 'temp-lantern-3907' }, 'clerk');
    await call('auth.changePassword', { oldPassword: 'temp-lantern-3907', newPassword: PASSWORD }, 'clerk');
    await call('settings.update', { staffScope: true });
    const mine = await call('customers.create', { name: '店员的客户', ownerId: staff.id });
    const others = await call('customers.create', { name: '老板的客户' });
    ids.dinner = (await call('events.create', { title: '答谢晚宴', kind: 'dinner', onDay: '2026-11-15', capacity: 20 })).id;
    ids.launch = (await call('events.create', { title: '新品发布会', kind: 'launch', onDay: '2026-12-01', startMinute: 870, place: '门店' })).id;
    await call('events.invite', { eventId: ids.dinner, customerIds: [mine.id, others.id] });
    const rows = (await call<{ rows: { id: number; customerId: number }[] }>('events.invitations', { eventId: ids.dinner })).rows;
    await call('events.reply', { invitationId: rows.find((row) => row.customerId === mine.id)!.id, reply: 'yes' });
    await call('events.attend', { invitationIds: rows.map((row) => row.id), attended: true });
  } finally {
    core.close();
  }
}, 60_000);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('clientele events', () => {
  it('lists the events as data, with counts in the user scope, and filters by when', () => {
    const listed = clientele(['events', 'list', '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    const answer = JSON.parse(listed.stdout) as { when: string; events: Omit<Event, 'actions'>[] };
    expect(answer.when).toBe('all');
    expect(answer.events.map((event) => [event.id, event.title, event.status, event.counts.invited, event.counts.yes, event.counts.attended])).toEqual([
      [ids.launch, '新品发布会', 'planned', 0, 0, 0],
      [ids.dinner, '答谢晚宴', 'held', 2, 1, 2],
    ]);
    const upcoming = JSON.parse(clientele(['events', 'list', '--when', 'upcoming', '--json']).stdout) as { events: Event[] };
    expect(upcoming.events.map((event) => event.id)).toEqual([ids.launch]);
    // A staff member under the scope counts only their own customers' invitations.
    const clerk = JSON.parse(clientele(['events', 'list', '--when', 'past', '--json'], 'clerk').stdout) as { events: Event[] };
    expect(clerk.events.map((event) => [event.id, event.counts.invited])).toEqual([[ids.dinner, 1]]);
    const text = clientele(['events', 'list']);
    expect(text.stdout).toContain('答谢晚宴');
    const wrong = clientele(['events', 'list', '--when', 'someday']);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain('upcoming, past, all');
  });
});
