// Malformed input is refused with VALIDATION before any work, and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type MethodName } from '../../shared/api/contract.ts';
import { makeHarness, shopWithRoles, type Harness } from './harness.ts';

describe('malformed input', () => {
  let h: Harness;
  let customerId: number;
  const snapshot = async () => (await h.call('owner', 'system.status', {})).counts;
  beforeAll(async () => {
    h = makeHarness();
    await shopWithRoles(h);
    customerId = (await h.call('owner', 'customers.create', { name: 'Keep Me', contacts: [{ name: 'A' }] })).id;
  });
  afterAll(() => h.cleanup());

  it('refuses a non-object input to every method', async () => {
    const before = await snapshot();
    for (const method of Object.keys(contract) as MethodName[]) {
      for (const input of [42, 'text', [1, 2], true]) {
        const result = await h.raw('owner', method, input);
        expect(result.ok ? 'OK' : result.error.code, `${method} ${JSON.stringify(input)}`).toBe('VALIDATION');
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  const BAD_DRAFTS: [string, unknown][] = [
    ['empty name', { name: '' }],
    ['blank name', { name: '   ' }],
    ['huge name', { name: 'x'.repeat(201) }],
    ['bad email', { name: 'A', email: 'not-an-email' }],
    ['bad phone', { name: 'A', phone: 'call me maybe' }],
    ['bad website', { name: 'A', website: 'not a site' }],
    ['unknown grade', { name: 'A', grade: 'gold' }],
    ['unknown stage', { name: 'A', stage: 'zombie' }],
    ['unknown size', { name: 'A', size: 'huge' }],
    ['impossible date', { name: 'A', birthday: '2026-02-30' }],
    ['date in another form', { name: 'A', birthday: '30/01/2026' }],
    ['lunar day 31', { name: 'A', birthday: '2026-02-31', birthdayCalendar: 'lunar' }],
    ['contact birthday that does not exist', { name: 'A', contacts: [{ name: 'B', birthday: '2025-02-29' }] }],
    ['contact without name', { name: 'A', contacts: [{ title: 'boss' }] }],
    ['contact with bad email', { name: 'A', contacts: [{ name: 'B', email: 'b@' }] }],
    ['too many tags', { name: 'A', tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }],
    ['empty tag', { name: 'A', tags: [''] }],
    ['notes too long', { name: 'A', notes: 'x'.repeat(20_001) }],
    ['name of wrong type', { name: 42 }],
    ['owner that does not exist', { name: 'A', ownerId: 999 }],
  ];

  for (const [label, draft] of BAD_DRAFTS) {
    it(`customers.create refuses ${label}`, async () => {
      const before = await snapshot();
      const result = await h.raw('owner', 'customers.create', draft);
      expect(result.ok ? 'OK' : result.error.code).toBe('VALIDATION');
      if (!result.ok) expect(result.error.message).toMatch(/^customers\.create: /);
      expect(await snapshot()).toEqual(before);
    });
  }

  it('gives field paths in the details so the form can show them', async () => {
    const result = await h.raw('owner', 'customers.create', { name: '', email: 'x' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = (result.error.details as readonly { path: readonly (string | number)[] }[]).map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['name', 'email']));
  });

  it('refuses bad ids, versions and limits', async () => {
    for (const [method, input] of [
      ['customers.get', { id: -1 }],
      ['customers.get', { id: 1.5 }],
      ['customers.get', { id: '1' }],
      ['customers.update', { id: customerId, version: 0, name: 'x' }],
      ['customers.list', { limit: 101 }],
      ['customers.list', { limit: 0 }],
      ['customers.list', { sort: 'DROP TABLE' }],
      ['search.query', { q: '' }],
      ['search.query', { q: 'x'.repeat(101) }],
      ['system.seed', { customers: 0 }],
      ['users.create', { username: 'a b', role: 'staff', password: 'long-enough-pass' }],
      ['users.create', { username: 'ok', role: 'admin', password: 'long-enough-pass' }],
    ] as const) {
      const result = await h.raw('owner', method, input);
      expect(result.ok ? 'OK' : result.error.code, `${method} ${JSON.stringify(input)}`).toBe('VALIDATION');
    }
    expect((await h.call('owner', 'customers.get', { id: customerId })).name).toBe('Keep Me');
  });

  it('checks a birthday against its own calendar: lunar month 2 has a day 30', async () => {
    // In some years only (1980's has 29 days: test/integration/lunar-birthday.test.ts); the year is optional.
    const made = await h.call('owner', 'customers.create', { name: 'Lunar', kind: 'person', birthday: '--02-30', birthdayCalendar: 'lunar' });
    expect(made).toMatchObject({ birthday: '--02-30', birthdayCalendar: 'lunar' });
    const error = await h.failure('owner', 'customers.create', { name: 'Solar', birthday: '1980-02-30' }, 'VALIDATION');
    expect(error.details).toEqual([expect.objectContaining({ path: ['birthday'], message: 'date' })]);
  });

  it('accepts Chinese, emoji and quotes as plain data', async () => {
    const made = await h.call('owner', 'customers.create', { name: `王老五's "店" 🍜 <script>`, notes: "'; DROP TABLE customers; --" });
    expect((await h.call('owner', 'customers.get', { id: made.id })).name).toBe(`王老五's "店" 🍜 <script>`);
  });
});
