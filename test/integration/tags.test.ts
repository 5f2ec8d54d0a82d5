// Tags management (shared/api/tags.ts, electron/core/areas/tags): every method × every role; rename,
// merge, colour and delete across all customers, the recycle bin included; counts; conflicts by
// version and by name (letter case and width ignored); a tag gone meanwhile; bad input; paging;
// each change one transaction with its audit entry.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MethodName } from '../../shared/api/contract.ts';
import { tags as tagMethods, type Tag } from '../../shared/api/tags.ts';
import { fieldIssuesOf } from '../../shared/error-details.ts';
import { ROLES, roleHas, type Role } from '../../shared/roles.ts';
import { codeOf, makeHarness, shopWithRoles, type Harness } from './harness.ts';

let h: Harness;
let sessions: Record<Role, string>;
/** When the running test started: its audit entries are the ones from then on. */
let testStart = 0;

// One shop for the file (signing four users in costs seconds); each test starts with no tags and
// a clock moved on, and looks only at the audit entries written since.
beforeAll(async () => {
  h = makeHarness();
  sessions = await shopWithRoles(h);
}, 60_000);
afterAll(() => h.cleanup());
beforeEach(async () => {
  await h.call('owner', 'settings.update', { staffScope: false });
  for (const tag of await allTags()) await h.call('owner', 'tags.delete', { id: tag.id, version: tag.version });
  h.clock.now += 1;
  testStart = h.clock.now;
});

async function customer(name: string, tags: string[], session = 'owner') {
  return h.call(session, 'customers.create', { name, tags });
}

async function allTags(session = 'owner', sort: 'customers' | 'name' = 'customers', limit = 100): Promise<Tag[]> {
  const out: Tag[] = [];
  let cursor: string | null = null;
  do {
    const page: { rows: Tag[]; nextCursor: string | null } = await h.call(session, 'tags.list', { sort, cursor, limit });
    out.push(...page.rows);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

async function tagNamed(name: string): Promise<Tag> {
  const tag = (await allTags()).find((t) => t.name === name);
  if (!tag) throw new Error(`no tag ${name}`);
  return tag;
}

async function tagsOf(id: number): Promise<string[]> {
  return (await h.call('owner', 'customers.get', { id })).tags;
}

async function auditOf(action: string) {
  return (await h.call('owner', 'audit.list', { action, limit: 50 })).rows.filter((entry) => entry.at >= testStart);
}

describe('tags: who may', () => {
  it('lets owner and manager manage tags, refuses staff and viewer FORBIDDEN, and shows colours to everyone who reads customers', async () => {
    await customer('甲', ['老客户']);
    const methods = Object.keys(tagMethods) as MethodName[];
    for (const role of ROLES) {
      const tag = await tagNamed('老客户');
      const inputs: Record<string, unknown> = {
        'tags.list': {},
        'tags.rename': { id: tag.id, version: tag.version, name: `老客户-${role}` },
        'tags.setColor': { id: tag.id, version: tag.version, color: 'red' },
        'tags.merge': { into: { id: tag.id, version: tag.version }, tags: [{ id: 999, version: 1 }] },
        'tags.delete': { id: 999, version: 1 },
        'tags.colors': { names: ['老客户'] },
      };
      for (const method of methods) {
        const permission = tagMethods[method as keyof typeof tagMethods].permission;
        const allowed = permission !== 'public' && permission !== 'signedIn' && roleHas(role, permission);
        const result = await h.raw(sessions[role], method, inputs[method]);
        if (!allowed) expect(codeOf(result), `${role} ${method}`).toBe('FORBIDDEN');
        else expect(codeOf(result), `${role} ${method}`).not.toMatch(/FORBIDDEN|UNAUTHENTICATED|VALIDATION|INTERNAL/);
      }
      // Renamed back, so each role starts from the same tag.
      const renamed = (await allTags()).find((t) => t.name.startsWith('老客户'))!;
      if (renamed.name !== '老客户') await h.call('owner', 'tags.rename', { id: renamed.id, version: renamed.version, name: '老客户' });
    }
    expect(roleHas('manager', 'tags.manage')).toBe(true);
    expect(roleHas('staff', 'tags.manage')).toBe(false);
    expect(roleHas('viewer', 'tags.manage')).toBe(false);
  });

  it('counts every customer for a manager, whatever the staff-scope setting; staff see colours only of the names they ask', async () => {
    const staffUser = (await h.call('owner', 'users.list', {})).find((u) => u.username === 'staff')!;
    await customer('甲', ['批发']);
    await h.call('owner', 'customers.create', { name: '乙', tags: ['批发'], ownerId: staffUser.id });
    await h.call('owner', 'settings.update', { staffScope: true });
    const tag = (await allTags('manager')).find((t) => t.name === '批发')!;
    expect(tag.customers).toBe(2);
    await h.call('manager', 'tags.setColor', { id: tag.id, version: tag.version, color: 'green' });
    expect((await h.call('staff', 'tags.colors', { names: ['批发', '没有这个'] })).colors).toEqual([{ name: '批发', color: 'green' }]);
    expect((await h.call('viewer', 'tags.colors', { names: [] })).colors).toEqual([]);
  });
});

describe('tags: the list', () => {
  it('gives each tag its live and recycle-bin counts, most carried first or by name, letter case ignored', async () => {
    await customer('甲', ['VIP', 'online']);
    await customer('乙', ['VIP']);
    const binned = await customer('丙', ['VIP', 'Zeta']);
    await h.call('owner', 'customers.delete', { id: binned.id, version: binned.version });
    const byCount = await allTags();
    expect(byCount.map((t) => [t.name, t.customers, t.inRecycleBin])).toEqual([
      ['VIP', 2, 1],
      ['online', 1, 0],
      ['Zeta', 0, 1],
    ]);
    expect((await allTags('owner', 'name')).map((t) => t.name)).toEqual(['online', 'VIP', 'Zeta']);
    expect((await h.call('owner', 'tags.list', { q: 'vi' })).rows.map((t) => t.name)).toEqual(['VIP']);
    expect(byCount.every((t) => t.color === null && t.version === 1)).toBe(true);
  });

  it('pages through many tags with the keyset helper: every tag once, in order, for both sorts', async () => {
    const names = Array.from({ length: 57 }, (_, i) => (i % 2 ? `tag-${String(i).padStart(2, '0')}` : `Tag-${String(i).padStart(2, '0')}`));
    // Counts with ties: tag i is carried by i % 4 customers.
    for (let c = 0; c < 3; c++) await customer(`客户${c}`, names.filter((_, i) => i % 4 > c));
    // Every tag at least once (a customer carries at most 50).
    await customer('空1', names.slice(0, 30));
    await customer('空2', names.slice(30));
    for (const sort of ['customers', 'name'] as const) {
      const paged = await allTags('owner', sort, 7);
      const whole = (await h.call('owner', 'tags.list', { sort, limit: 100 })).rows;
      expect(paged.map((t) => t.id)).toEqual(whole.map((t) => t.id));
      expect(new Set(paged.map((t) => t.id)).size).toBe(57);
    }
    const byName = await allTags('owner', 'name', 5);
    expect(byName.map((t) => t.name)).toEqual([...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    const byCount = await allTags('owner', 'customers', 5);
    for (let i = 1; i < byCount.length; i++) expect(byCount[i - 1]!.customers).toBeGreaterThanOrEqual(byCount[i]!.customers);
    await h.failure('owner', 'tags.list', { cursor: 'not-a-cursor' }, 'VALIDATION');
  });
});

describe('tags: rename', () => {
  it('renames on every customer (recycle bin too), in one audited change; carriers get a new version, not a new updated_at', async () => {
    const a = await customer('甲', ['老客户', '批发']);
    const b = await customer('乙', ['老客户']);
    const c = await customer('丙', ['批发']);
    await h.call('owner', 'customers.delete', { id: b.id, version: b.version });
    h.clock.now += 60_000;
    const tag = await tagNamed('老客户');
    const { tag: renamed, mergedInto } = await h.call('manager', 'tags.rename', { id: tag.id, version: tag.version, name: '  回头客户  ' });
    expect(mergedInto).toBe(false);
    expect(renamed).toMatchObject({ id: tag.id, name: '回头客户', version: tag.version + 1, customers: 1, inRecycleBin: 1 });
    expect(await tagsOf(a.id)).toEqual(['回头客户', '批发']);
    await h.call('owner', 'customers.restore', { id: b.id });
    expect(await tagsOf(b.id)).toEqual(['回头客户']);

    const after = await h.call('owner', 'customers.get', { id: a.id });
    expect(after.version).toBe(a.version + 1);
    expect(after.updatedAt).toBe(a.updatedAt);
    expect((await h.call('owner', 'customers.get', { id: c.id })).version).toBe(c.version); // did not carry it

    // A form opened before the rename cannot save the old name back.
    await h.failure('staff', 'customers.update', { id: a.id, version: a.version, name: '甲', tags: ['老客户', '批发'] }, 'CONFLICT');
    expect((await allTags()).map((t) => t.name)).not.toContain('老客户');

    const [entry] = await auditOf('tag.rename');
    expect(entry).toMatchObject({ entity: 'tag', entityId: tag.id, label: '回头客户', username: 'manager' });
    expect(entry!.changes).toEqual([
      { field: 'name', before: '老客户', after: '回头客户' },
      { field: 'taggedCustomers', before: null, after: 2 },
    ]);
  });

  it('refuses a name another tag has (letter case or full width) with CONFLICT on the name, or merges into it when asked', async () => {
    const a = await customer('甲', ['VIP', 'vip客户']);
    await customer('乙', ['vip客户']);
    const vip = await tagNamed('VIP');
    const other = await tagNamed('vip客户');

    const taken = await h.failure('owner', 'tags.rename', { id: other.id, version: other.version, name: 'vip' }, 'CONFLICT');
    expect(fieldIssuesOf(taken)).toEqual([{ path: ['name'], message: 'taken' }]);
    expect(taken.message).toMatch(/^tags\.rename: a tag named "VIP" already exists/);
    const lookAlike = await h.failure('owner', 'tags.rename', { id: other.id, version: other.version, name: 'ＶＩＰ' }, 'CONFLICT');
    expect(fieldIssuesOf(lookAlike)).toEqual([{ path: ['name'], message: 'takenLookAlike' }]);
    expect((await tagNamed('vip客户')).version).toBe(other.version); // nothing changed

    // Its own name in other letters is no clash.
    const own = await h.call('owner', 'tags.rename', { id: vip.id, version: vip.version, name: 'Vip' });
    expect(own.tag.name).toBe('Vip');

    const merged = await h.call('owner', 'tags.rename', { id: other.id, version: other.version, name: 'ＶＩＰ', ifTaken: 'merge' });
    expect(merged.mergedInto).toBe(true);
    expect(merged.tag).toMatchObject({ id: vip.id, name: 'Vip', customers: 2 });
    expect(await tagsOf(a.id)).toEqual(['Vip']); // carried both: keeps one
    expect((await allTags()).map((t) => t.name)).toEqual(['Vip']);
    expect((await auditOf('tag.merge'))[0]!.changes).toEqual([
      { field: 'mergedTags', before: ['vip客户'], after: 'Vip' },
      { field: 'taggedCustomers', before: 1, after: 2 },
    ]);
  });

  it('is a no-op for the same name: no new version, no audit entry', async () => {
    await customer('甲', ['零售']);
    const tag = await tagNamed('零售');
    const same = await h.call('owner', 'tags.rename', { id: tag.id, version: tag.version, name: '零售' });
    expect(same.tag.version).toBe(tag.version);
    expect(await auditOf('tag.rename')).toEqual([]);
  });
});

describe('tags: merge', () => {
  it('merges several tags into one: customers carrying more than one keep one link, the others are gone, counts and audit say so', async () => {
    const a = await customer('甲', ['展会', '展会客户', 'trade show']);
    const b = await customer('乙', ['展会客户']);
    const c = await customer('丙', ['trade show', '零售']);
    const d = await customer('丁', ['零售']);
    const into = await tagNamed('展会');
    const sources = [await tagNamed('展会客户'), await tagNamed('trade show')];
    const { tag } = await h.call('manager', 'tags.merge', {
      into: { id: into.id, version: into.version },
      tags: [...sources.map((t) => ({ id: t.id, version: t.version })), { id: into.id, version: into.version }, { id: sources[0]!.id, version: sources[0]!.version }],
    });
    expect(tag).toMatchObject({ id: into.id, name: '展会', customers: 3, version: into.version + 1 });
    expect(await tagsOf(a.id)).toEqual(['展会']);
    expect(await tagsOf(b.id)).toEqual(['展会']);
    expect(await tagsOf(c.id)).toEqual(['展会', '零售']);
    expect((await allTags()).map((t) => [t.name, t.customers])).toEqual([
      ['展会', 3],
      ['零售', 2],
    ]);
    expect((await h.call('owner', 'customers.get', { id: d.id })).version).toBe(d.version);
    expect((await h.call('owner', 'customers.get', { id: b.id })).version).toBe(b.version + 1);
    const [entry] = await auditOf('tag.merge');
    expect(entry).toMatchObject({ entityId: into.id, label: '展会' });
    expect(entry!.changes).toEqual([
      { field: 'mergedTags', before: ['展会客户', 'trade show'], after: '展会' },
      { field: 'taggedCustomers', before: 1, after: 3 },
    ]);
  });

  it('changes nothing when one of the tags is stale or gone (one transaction)', async () => {
    await customer('甲', ['a1', 'a2', 'a3']);
    const [a1, a2, a3] = [await tagNamed('a1'), await tagNamed('a2'), await tagNamed('a3')];
    await h.failure('owner', 'tags.merge', { into: { id: a1.id, version: 1 }, tags: [{ id: a2.id, version: 1 }, { id: a3.id, version: 7 }] }, 'CONFLICT');
    await h.failure('owner', 'tags.merge', { into: { id: a1.id, version: 1 }, tags: [{ id: a2.id, version: 1 }, { id: 9999, version: 1 }] }, 'NOT_FOUND');
    expect((await allTags()).map((t) => [t.name, t.version, t.customers])).toEqual([
      ['a1', 1, 1],
      ['a2', 1, 1],
      ['a3', 1, 1],
    ]);
    await h.failure('owner', 'tags.merge', { into: { id: a1.id, version: 1 }, tags: [{ id: a1.id, version: 1 }] }, 'VALIDATION');
    await h.failure('owner', 'tags.merge', { into: { id: a1.id, version: 1 }, tags: [] }, 'VALIDATION');
    expect(await auditOf('tag.merge')).toEqual([]);
  });
});

describe('tags: colour and delete', () => {
  it('sets and clears a colour from the palette, audited, without touching customers', async () => {
    const a = await customer('甲', ['重点跟进']);
    const tag = await tagNamed('重点跟进');
    const red = await h.call('owner', 'tags.setColor', { id: tag.id, version: tag.version, color: 'red' });
    expect(red).toMatchObject({ color: 'red', version: tag.version + 1 });
    expect((await h.call('owner', 'customers.get', { id: a.id })).version).toBe(a.version);
    expect((await h.call('staff', 'tags.colors', { names: ['重点跟进'] })).colors).toEqual([{ name: '重点跟进', color: 'red' }]);
    const none = await h.call('owner', 'tags.setColor', { id: tag.id, version: red.version, color: null });
    expect(none.color).toBeNull();
    expect((await h.call('staff', 'tags.colors', { names: ['重点跟进'] })).colors).toEqual([]);
    expect((await auditOf('tag.recolor')).map((e) => e.changes)).toEqual([
      [{ field: 'tagColor', before: 'red', after: 'none' }],
      [{ field: 'tagColor', before: 'none', after: 'red' }],
    ]);
    await h.failure('owner', 'tags.setColor', { id: tag.id, version: none.version, color: 'chartreuse' }, 'VALIDATION');
  });

  it('deletes a tag from every customer, the recycle bin included, and says how many', async () => {
    const a = await customer('甲', ['线上', '批发']);
    const b = await customer('乙', ['线上']);
    await h.call('owner', 'customers.delete', { id: b.id, version: b.version });
    const tag = await tagNamed('线上');
    expect([tag.customers, tag.inRecycleBin]).toEqual([1, 1]);
    expect(await h.call('manager', 'tags.delete', { id: tag.id, version: tag.version })).toEqual({ id: tag.id, customers: 2 });
    expect(await tagsOf(a.id)).toEqual(['批发']);
    await h.call('owner', 'customers.restore', { id: b.id });
    expect(await tagsOf(b.id)).toEqual([]);
    expect((await allTags()).map((t) => t.name)).toEqual(['批发']);
    const [entry] = await auditOf('tag.delete');
    expect(entry).toMatchObject({ entityId: tag.id, label: '线上' });
    expect(entry!.changes).toEqual([
      { field: 'taggedCustomers', before: 1, after: 0 },
      { field: 'taggedInRecycleBin', before: 1, after: 0 },
    ]);
    // Gone meanwhile: every change to it is NOT_FOUND.
    await h.failure('owner', 'tags.delete', { id: tag.id, version: tag.version }, 'NOT_FOUND');
    await h.failure('owner', 'tags.rename', { id: tag.id, version: tag.version, name: 'x' }, 'NOT_FOUND');
    await h.failure('owner', 'tags.setColor', { id: tag.id, version: tag.version, color: 'blue' }, 'NOT_FOUND');
  });
});

describe('tags: conflicts and bad input', () => {
  it('refuses a change made from a stale list with CONFLICT, and changes nothing', async () => {
    await customer('甲', ['老客户']);
    const seen = await tagNamed('老客户');
    await h.call('manager', 'tags.setColor', { id: seen.id, version: seen.version, color: 'blue' });
    const stale = await h.failure('owner', 'tags.rename', { id: seen.id, version: seen.version, name: '熟客' }, 'CONFLICT');
    expect(stale.message).toMatch(/^tags\.rename: tag "老客户" was changed by someone else/);
    await h.failure('owner', 'tags.delete', { id: seen.id, version: seen.version }, 'CONFLICT');
    await h.failure('owner', 'tags.setColor', { id: seen.id, version: seen.version, color: 'red' }, 'CONFLICT');
    expect(await tagNamed('老客户')).toMatchObject({ color: 'blue', version: seen.version + 1, customers: 1 });
  });

  it('refuses empty, too long and control-character names with VALIDATION on the name', async () => {
    await customer('甲', ['老客户']);
    const tag = await tagNamed('老客户');
    const bad = ['', '   ', '长'.repeat(41), 'a\u0000b', 'tab\there', 'line\nbreak', 'sep\u2028x'];
    for (const name of bad) {
      const error = await h.failure('owner', 'tags.rename', { id: tag.id, version: tag.version, name }, 'VALIDATION');
      expect(fieldIssuesOf(error).map((issue) => issue.path.join('.')), JSON.stringify(name)).toEqual(['name']);
    }
    expect((await h.failure('owner', 'tags.rename', { id: tag.id, version: tag.version, name: 'a\u0007' }, 'VALIDATION')).details).toEqual([
      expect.objectContaining({ path: ['name'], message: 'controlCharacter' }),
    ]);
    // 40 characters is the limit, and fits.
    expect((await h.call('owner', 'tags.rename', { id: tag.id, version: tag.version, name: '长'.repeat(40) })).tag.name).toBe('长'.repeat(40));
  });
});
