// The duplicate finder's keys (areas/duplicates/normalise.ts): tables of how shops write the same
// phone, e-mail and name, the false friends that must stay apart, and properties (a key of a key is
// the key; writing a number differently never changes its key).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distance } from 'fastest-levenshtein';
import { similarPairs } from '../../electron/core/areas/duplicates/finder.ts';
import { emailKey, nameKey, normalisePhone, phoneKey, pinyinKey } from '../../electron/core/areas/duplicates/normalise.ts';

describe('phone key', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['138 0013 8000', '13800138000'],
    ['138-0013-8000', '13800138000'],
    ['(138)0013-8000', '13800138000'],
    ['+86 138 0013 8000', '13800138000'],
    ['+86-13800138000', '13800138000'],
    ['(+86) 138 0013 8000', '13800138000'],
    ['0086 13800138000', '13800138000'],
    ['008613800138000', '13800138000'],
    ['00861012345678', '01012345678'],
    ['8613800138000', '13800138000'],
    ['１３８００１３８０００', '13800138000'],
    ['＋８６ １３８－００１３－８０００', '13800138000'],
    ['010-12345678', '01012345678'],
    ['(010) 1234 5678', '01012345678'],
    ['+86 10 1234 5678', '01012345678'],
    ['+86 010 1234 5678', '01012345678'],
    ['0755-8888 6666', '075588886666'],
  ])('%s → %s', (raw, key) => {
    expect(phoneKey(raw)).toBe(key);
  });

  it('keeps an extension apart from the number', () => {
    expect(normalisePhone('010-12345678 转 801')).toEqual({ number: '01012345678', extension: '801' });
    expect(normalisePhone('010-12345678 ext. 801')).toEqual({ number: '01012345678', extension: '801' });
    expect(normalisePhone('010-12345678x801')).toEqual({ number: '01012345678', extension: '801' });
    expect(normalisePhone('010-12345678#801')).toEqual({ number: '01012345678', extension: '801' });
    expect(phoneKey('010-12345678 转 801')).toBe(phoneKey('010 1234 5678'));
  });

  it('has no key for what is not a number', () => {
    for (const raw of ['', '   ', '123', '12-34', 'abc', 'call me', '138****8000', '1.38E+10']) expect(phoneKey(raw), raw).toBe('');
  });

  it('does not take 86 off a number that is not a mobile written with it', () => {
    expect(phoneKey('86123456')).toBe('86123456');
    expect(phoneKey('13800138001')).not.toBe(phoneKey('13800138000'));
  });

  it('is idempotent and ignores how the digits are spaced (property)', () => {
    const mobile = fc.tuple(fc.constantFrom('13', '15', '18', '19'), fc.stringMatching(/^\d{9}$/)).map(([a, b]) => a + b);
    const separator = fc.constantFrom('', ' ', '-', '.');
    const prefix = fc.constantFrom('', '+86 ', '0086', '+86-', '(+86)', '86');
    fc.assert(
      fc.property(mobile, prefix, fc.array(separator, { minLength: 11, maxLength: 11 }), fc.boolean(), (number, before, seps, wide) => {
        let written = before + [...number].map((digit, i) => digit + seps[i]).join('');
        if (wide) written = written.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
        const key = phoneKey(written);
        expect(key).toBe(number);
        expect(phoneKey(key)).toBe(key);
      }),
    );
    fc.assert(
      fc.property(fc.string(), (raw) => {
        expect(phoneKey(phoneKey(raw))).toBe(phoneKey(raw));
      }),
    );
  });
});

describe('e-mail key', () => {
  it('ignores case, spaces around it and width', () => {
    expect(emailKey('  Zhang.San@Example.COM ')).toBe('zhang.san@example.com');
    expect(emailKey('ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ')).toBe('zhang@example.com');
    expect(emailKey('')).toBe('');
    expect(emailKey('no-at-sign')).toBe('');
    expect(emailKey('z***@example.com')).toBe('z***@example.com');
  });
  it('is idempotent (property)', () => {
    fc.assert(
      fc.property(fc.string(), (raw) => {
        expect(emailKey(emailKey(raw))).toBe(emailKey(raw));
      }),
    );
    fc.assert(
      fc.property(fc.emailAddress(), (address) => {
        expect(emailKey(address.toUpperCase())).toBe(emailKey(address));
      }),
    );
  });
});

describe('name key', () => {
  it.each([
    ['北京华信科技有限公司', '北京华信科技'],
    ['北京華信科技有限公司', '北京华信科技'],
    ['北京华信科技有限责任公司', '北京华信科技'],
    ['北京华信科技股份有限公司', '北京华信科技'],
    ['北京华信科技（集团）有限公司', '北京华信科技'],
    ['北京华信科技集团', '北京华信科技'],
    ['北京 华信 科技', '北京华信科技'],
    ['ＡＢＣ贸易公司', 'abc贸易'],
    ['Acme Trading Co., Ltd.', 'acmetrading'],
    ['ACME TRADING LTD', 'acmetrading'],
    ['Acme Trading, Inc.', 'acmetrading'],
    ['Acme Trading LLC', 'acmetrading'],
    ['張偉', '张伟'],
    ['公司', '公司'],
    // Found by the idempotence property: a suffix that appears only once the space is dropped.
    ['北公 司', '北'],
    ['Acme Co .,Ltd', 'acme'],
    ['⿰龜 ', '龟'],
  ])('%s → %s', (raw, key) => {
    expect(nameKey(raw)).toBe(key);
  });

  it('is idempotent (property), also on Chinese text', () => {
    const han = fc.array(fc.constantFrom(...'北京華信科技有限公司张伟章偉股份集团 .,（）'), { maxLength: 20 }).map((chars) => chars.join(''));
    for (const arbitrary of [fc.string(), han, fc.string({ unit: 'grapheme' })]) {
      fc.assert(
        fc.property(arbitrary, (raw) => {
          expect(nameKey(nameKey(raw))).toBe(nameKey(raw));
        }),
      );
    }
  });
});

describe('pinyin key', () => {
  it('meets homophones and keeps other names apart', () => {
    expect(pinyinKey(nameKey('张伟'))).toBe('zhangwei');
    expect(pinyinKey(nameKey('章伟'))).toBe('zhangwei');
    // The rule: the same toneless syllables are "the same name" (王伟 / 王玮 are; 王伟 / 汪洋 are not).
    expect(pinyinKey(nameKey('王伟'))).toBe(pinyinKey(nameKey('王玮')));
    expect(pinyinKey(nameKey('王伟'))).not.toBe(pinyinKey(nameKey('汪洋')));
    expect(pinyinKey(nameKey('王伟'))).not.toBe(pinyinKey(nameKey('王刚')));
    expect(pinyinKey('acme')).toBe('');
  });
});

describe('names one edit apart', () => {
  const sorted = (pairs: [string, string][]) => pairs.map(([a, b]) => (a < b ? `${a}|${b}` : `${b}|${a}`)).sort();
  it('finds substitutions, insertions and deletions anywhere, and nothing further apart', () => {
    const keys = ['北京华信科技', '北京华新科技', '北京华信科技园', '京华信科技', '上海华信科技', 'northwindfoods', 'northwndfoods', 'acme'];
    expect(sorted(similarPairs(keys))).toEqual(
      sorted([
        ['北京华信科技', '北京华新科技'],
        ['北京华信科技', '北京华信科技园'],
        ['北京华信科技', '京华信科技'],
        ['northwindfoods', 'northwndfoods'],
      ]),
    );
  });
  it('is every pair at distance 1, as comparing all pairs says (property)', () => {
    const key = fc.array(fc.constantFrom(...'北京华信科技abc'), { minLength: 1, maxLength: 7 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(fc.uniqueArray(key, { maxLength: 30 }), (keys) => {
        const brute: [string, string][] = [];
        for (let i = 0; i < keys.length; i++) for (let j = i + 1; j < keys.length; j++) if (distance(keys[i]!, keys[j]!) === 1) brute.push([keys[i]!, keys[j]!]);
        expect(sorted(similarPairs(keys))).toEqual(sorted(brute));
      }),
    );
  });
});
