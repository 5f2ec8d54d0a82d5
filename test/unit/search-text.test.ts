import { describe, expect, it } from 'vitest';
import { nameSortKey, pinyinOf, planQuery, searchDocument } from '../../electron/core/services/search-text.ts';

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

  it('indexes single characters, pairs, words, initials and phone digits', () => {
    const doc = searchDocument({ name: '张三科技', code: 'C000001', phone: '0571-8888 1234', email: '', contacts: [{ name: 'Mary Li', phone: '', mobile: '138 0013 5678', email: 'm@x.cn', wechat: '' }] }, false);
    expect(doc.short.split(' ')).toEqual(expect.arrayContaining(['张', '三科', '科技', 'zskj', 'mary', 'li', '13800135678', '057188881234', 'c000001']));
    expect(doc.trigram).toContain('057188881234');
    expect(doc.trigram).toContain('zhangsankeji');
    expect(doc.trigram).toContain('m@x.cn');
  });

  it('routes 3+ character terms to the trigram index and shorter ones to the short index', () => {
    expect(planQuery('张三科技')).toEqual({ index: 'trigram', match: '"张三科技"' });
    expect(planQuery('科技')).toEqual({ index: 'short', match: '"科技"' });
    expect(planQuery('zs')).toEqual({ index: 'short', match: '"zs"*' });
    expect(planQuery('138-0013')).toEqual({ index: 'trigram', match: '"1380013"' });
    expect(planQuery('a"b')).toEqual({ index: 'trigram', match: '"a""b"' });
    expect(planQuery('  ')).toBeNull();
    expect(planQuery('"')).toBeNull();
    expect(planQuery('科技 zskj')).toEqual({ index: 'trigram', match: '"zskj"' });
  });
});
