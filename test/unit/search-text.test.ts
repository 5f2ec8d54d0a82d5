import { describe, expect, it } from 'vitest';
import {
  MARK,
  matchedField,
  nameSortKey,
  pinyinOf,
  planQuery,
  searchDocument,
  searchFields,
  spellingsOf,
  withCode,
} from '../../electron/core/areas/search/search-text.ts';
import { SEARCH_TIERS } from '../../electron/core/areas/search/search-engine.ts';
import { matchExpression, tierExpression } from '../../electron/core/db/sqlite/search-index.ts';

const tierExpressions = (plan: NonNullable<ReturnType<typeof planQuery>>, masked: boolean) =>
  SEARCH_TIERS.map((tier) => tierExpression(plan, masked, tier)).filter((expr) => expr !== null);

const CUSTOMER = {
  name: '张三科技',
  code: 'C000001',
  phone: '0571-8888 1234',
  email: 'boss@zhangsan.cn',
  contacts: [{ name: 'Mary Li', phone: '', mobile: '+86 138 0013 5678', email: 'm@x.cn', wechat: 'mary_wx_2024' }],
};

describe('search text', () => {
  it('gives pinyin and initials of Chinese names, surnames read as surnames', () => {
    expect(pinyinOf('张三科技', false)).toEqual({ full: 'zhangsankeji', initials: 'zskj' });
    expect(pinyinOf('曾小明', true).initials).toBe('zxm');
    expect(pinyinOf('Acme', false)).toEqual({ full: '', initials: '' });
  });

  it('sorts Chinese names by pinyin and others case-insensitively', () => {
    expect(nameSortKey('阿里')).toBe('a li');
    expect(nameSortKey('Zebra')).toBe('zebra');
    const names = ['张三', 'Apple', '阿里', 'banana'];
    expect(names.sort((a, b) => nameSortKey(a).localeCompare(nameSortKey(b)))).toEqual(['阿里', 'Apple', 'banana', '张三']);
  });

  it('indexes names, pinyin and codes for everyone; contact details in full and as masked, apart', () => {
    const doc = searchDocument(CUSTOMER, false);
    expect(doc.short.open.split(' ')).toEqual(expect.arrayContaining(['张', '三科', '科技', 'zskj', 'mary', 'li', 'c000001']));
    expect(doc.trigram.open).toContain(`${MARK.start}张三科技${MARK.end}`);
    expect(doc.trigram.open).toContain('zhangsankeji');
    for (const secret of ['8888', '0013', '@', 'wx_']) expect(doc.trigram.open).not.toContain(secret);
    // In full: every digit, the tail marked; the national number for a +86 number too.
    expect(doc.trigram.secret).toContain(`057188881234${MARK.tail}`);
    expect(doc.trigram.secret).toContain(`8613800135678${MARK.tail}`);
    expect(doc.short.secret.split(' ')).toEqual(expect.arrayContaining(['057188881234', '8613800135678', '13800135678']));
    expect(doc.trigram.secret).toContain('m@x.cn');
    expect(doc.trigram.secret).toContain('mary_wx_2024');
    // As masked: only the visible runs (138****5678, m***@x.cn, mar****2024), never the hidden middle.
    const shown = doc.trigram.shown;
    expect(shown).toContain(`5678${MARK.tail}`);
    expect(shown).toContain('138');
    expect(shown).toContain('@x.cn');
    expect(shown).toContain(`2024`);
    for (const hidden of ['0013', '8888', 'boss', 'wx_', '86138']) expect(shown).not.toContain(hidden);
    expect(doc.short.shown.split(' ')).toEqual(expect.arrayContaining(['138', '5678', '057', '1234']));
  });

  it('adds the code to a document built without it (bulk inserts)', () => {
    const doc = withCode(searchDocument({ ...CUSTOMER, code: '' }, false), 'C000042');
    expect(doc.trigram.open).toContain(`${MARK.start}c000042${MARK.end}`);
    expect(doc.short.open.split(' ')).toContain('c000042');
  });

  it('routes 3+ character terms to the trigram index and shorter ones to the short index', () => {
    expect(planQuery('张三科技')).toMatchObject({ index: 'trigram', terms: ['张三科技'], phoneDigits: null });
    expect(planQuery('科技')).toMatchObject({ index: 'short', terms: ['科技'] });
    expect(planQuery('zs')).toMatchObject({ index: 'short', terms: ['zs'] });
    expect(planQuery('138-0013')).toMatchObject({ index: 'trigram', terms: ['1380013'], phoneDigits: '1380013' });
    expect(planQuery('a"b')).toMatchObject({ index: 'trigram', terms: ['a"b'] });
    expect(planQuery('  ')).toBeNull();
    expect(planQuery('"')).toBeNull();
    expect(planQuery('科技 zskj')).toMatchObject({ index: 'trigram', terms: ['zskj'] });
  });

  it('never lets control characters or the index markers into an expression', () => {
    expect(planQuery('\u0000')).toBeNull();
    expect(planQuery(`ab\u0000c${MARK.start}d`)).toMatchObject({ terms: ['ab', 'c', 'd'], whole: 'ab c d' });
    const plan = planQuery(`a"b${MARK.tail}`)!;
    expect(matchExpression(plan, false)).toBe('"a""b"');
  });

  it('writes expressions per role: masked roles search the shown column', () => {
    const plan = planQuery('0663')!;
    expect(matchExpression(plan, false)).toBe('"0663"');
    expect(matchExpression(plan, true)).toBe('{open shown} : ("0663")');
    expect(matchExpression(planQuery('张 zs')!, true)).toBe('{open shown} : ("张" AND "zs"*)');
    expect(matchExpression(planQuery('张 zs')!, false)).toBe('{open secret} : ("张" AND "zs"*)');
    expect(tierExpressions(plan, false)).toEqual([`{open} : "${MARK.start}0663${MARK.end}"`, `{secret} : "0663${MARK.tail}"`, `{open} : "${MARK.start}0663"`]);
    expect(tierExpressions(plan, true)[1]).toBe(`{shown} : "0663${MARK.tail}"`);
    // One character: too short for a trigram phrase with only the start marker.
    expect(tierExpressions(planQuery('张')!, false)).toEqual([`{open} : "${MARK.start}张${MARK.end}"`]);
  });

  it('says where a customer matched, as the caller sees it', () => {
    const where = (q: string, masked: boolean) => {
      const found = matchedField(planQuery(q)!, searchFields(CUSTOMER, masked, spellingsOf(CUSTOMER, false)), masked);
      return found && [found.field, found.text, found.contactName];
    };
    expect(where('张三', false)).toEqual(['name', '张三科技', null]);
    expect(where('zskj', false)).toEqual(['name', '张三科技', null]);
    expect(where('0013', false)).toEqual(['contactPhone', '+86 138 0013 5678', 'Mary Li']);
    expect(where('0013', true)).toBeNull();
    expect(where('5678', true)).toEqual(['contactPhone', '138****5678', 'Mary Li']);
    expect(where('wx_20', false)).toEqual(['wechat', 'mary_wx_2024', 'Mary Li']);
    expect(where('wx_20', true)).toBeNull();
    expect(where('boss', true)).toBeNull();
    expect(where('@zhangsan', true)).toEqual(['email', 'b***@zhangsan.cn', null]);
    // Two terms: the one the list does not show is named.
    expect(where('张三 mary_wx', false)).toEqual(['wechat', 'mary_wx_2024', 'Mary Li']);
  });
});
