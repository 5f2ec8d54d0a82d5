// Needs, events and success stories in the one search box (search.query): a need by its title or
// detail, an event by its title or place, a story by its title or background; each hit says what
// it is and what opens it. Needs and stories follow the customer's scope (the staff-scope setting,
// as their lists); events are shop-wide (everyone who reads customers finds them). Deleted ones
// and those of deleted customers are not found; one-character queries find none of them; on a
// full page each kind keeps a share of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnySearchHit } from '../../shared/api/search.ts';
import { makeHarness, shopWithRoles, userNamed, type Harness } from './harness.ts';

let h: Harness;
let mine: number; // the staff member's customer
let other: number; // someone else's
const ROLES = ['owner', 'manager', 'staff', 'viewer'] as const;

type Found = { kind: AnySearchHit['kind']; id: number };

async function found(session: string, q: string, kinds: readonly AnySearchHit['kind'][] = ['need', 'event', 'story']): Promise<AnySearchHit[]> {
  const { hits } = await h.call(session, 'search.query', { q, limit: 50 });
  return hits.filter((hit) => kinds.includes(hit.kind));
}

const ids = (hits: readonly AnySearchHit[]): Found[] => hits.map((hit) => ({ kind: hit.kind, id: hit.id }));

let needMine: number;
let needOther: number;
let eventLaunch: number;
let eventDinner: number;
let storyMine: number;
let storyOther: number;

beforeAll(async () => {
  h = makeHarness();
  await shopWithRoles(h);
  await h.call('owner', 'settings.update', { idleLockMinutes: 0 });
  const staffId = (await userNamed(h, 'staff')).id;
  mine = (await h.call('owner', 'customers.create', { name: '茶香贸易', grade: 'vip', ownerId: staffId })).id;
  other = (await h.call('owner', 'customers.create', { name: '远方商行', grade: 'key' })).id;
  needMine = (await h.call('owner', 'needs.create', { customerId: mine, kind: 'product', title: '恒温仓储方案', detail: '夏季需要 Cold-Chain 冷链配送' })).id;
  needOther = (await h.call('owner', 'needs.create', { customerId: other, kind: 'pain', title: '冷链损耗高', detail: '' })).id;
  eventLaunch = (await h.call('owner', 'events.create', { title: '冷链新品发布会', kind: 'launch', onDay: '2026-12-10', place: '西湖国宾馆' })).id;
  eventDinner = (await h.call('owner', 'events.create', { title: '答谢晚宴', kind: 'dinner', onDay: '2026-11-20', place: '冷链园区食堂' })).id;
  storyMine = (await h.call('owner', 'stories.create', { customerId: mine, title: '仓储数字化', background: '冷链记录全靠手写', whatWeDid: '上线系统', results: '损耗下降', resultFigures: [], namedConsent: 'yes', storyOn: '2026-10-01' })).id;
  storyOther = (await h.call('owner', 'stories.create', { customerId: other, title: '冷链合作三年', background: '', whatWeDid: '', results: '', resultFigures: [], namedConsent: 'ask', storyOn: '2026-09-01' })).id;
});

afterAll(() => h.cleanup());

describe('needs, events and stories in the one search box', () => {
  for (const staffScope of [false, true]) {
    for (const role of ROLES) {
      it(`finds what ${role} may see (staff scope ${staffScope ? 'on' : 'off'})`, async () => {
        await h.call('owner', 'settings.update', { staffScope });
        const scoped = staffScope && role === 'staff';
        const expected: Found[] = [
          // Needs newest noted first, events latest day first, stories latest day first.
          ...(scoped ? [] : [{ kind: 'need' as const, id: needOther }]),
          { kind: 'need', id: needMine },
          { kind: 'event', id: eventLaunch },
          { kind: 'event', id: eventDinner },
          { kind: 'story', id: storyMine },
          ...(scoped ? [] : [{ kind: 'story' as const, id: storyOther }]),
        ];
        expect(ids(await found(role, '冷链'))).toEqual(expected);
      });
    }
  }

  it('says where each hit matched and what opens it', async () => {
    await h.call('owner', 'settings.update', { staffScope: false });
    const [need] = await found('owner', 'cold-chain', ['need']);
    expect(need).toEqual({ kind: 'need', id: needMine, title: '恒温仓储方案', customerId: mine, customerName: '茶香贸易', status: 'open', matchedIn: 'detail', snippet: '夏季需要 Cold-Chain 冷链配送' });
    const [byTitle] = await found('owner', '恒温仓储', ['need']);
    expect(byTitle).toMatchObject({ id: needMine, matchedIn: 'title', snippet: '' });
    expect(await found('owner', '国宾馆', ['event'])).toEqual([{ kind: 'event', id: eventLaunch, title: '冷链新品发布会', onDay: '2026-12-10', place: '西湖国宾馆', cancelled: false }]);
    expect(await found('owner', '手写', ['story'])).toEqual([{ kind: 'story', id: storyMine, title: '仓储数字化', customerId: mine, customerName: '茶香贸易', storyOn: '2026-10-01' }]);
    // What a story says beyond its title and background is not searched.
    expect(await found('owner', '上线系统', ['story'])).toEqual([]);
  });

  it('finds the same needs as the needs list it opens, filtered to the customer and title', async () => {
    const [need] = await found('owner', '冷链配送', ['need']);
    expect(need).toBeDefined();
    const list = await h.call('owner', 'needs.list', { customerId: mine, q: need!.kind === 'need' ? need!.title : '' });
    expect(list.rows.map((r) => r.id)).toEqual([needMine]);
  });

  it('finds nothing for one character, nor deleted ones, nor those of a deleted customer', async () => {
    expect(await found('owner', '冷')).toEqual([]);
    const temp = await h.call('owner', 'customers.create', { name: '临时客户' });
    await h.call('owner', 'needs.create', { customerId: temp.id, kind: 'pain', title: '冷链临时需求' });
    const party = await h.call('owner', 'events.create', { title: '冷链临时活动', kind: 'other', onDay: '2026-12-30' });
    const before = ids(await found('owner', '冷链临时'));
    expect(before.map((hit) => hit.kind)).toEqual(['need', 'event']);
    await h.call('owner', 'events.delete', { id: party.id });
    const got = await h.call('owner', 'customers.get', { id: temp.id });
    await h.call('owner', 'customers.delete', { id: temp.id, version: got.version });
    expect(await found('owner', '冷链临时')).toEqual([]);
  });

  it('keeps a share of a full page for each kind', async () => {
    for (let i = 0; i < 6; i++) await h.call('owner', 'customers.create', { name: `冷链客户${i}` });
    const { hits } = await h.call('owner', 'search.query', { q: '冷链', limit: 8 });
    expect(hits).toHaveLength(8);
    const kinds = hits.map((hit) => hit.kind);
    for (const kind of ['customer', 'need', 'event', 'story'] as const) expect(kinds).toContain(kind);
  });
});
