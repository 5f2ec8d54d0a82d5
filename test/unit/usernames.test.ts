import { describe, expect, it } from 'vitest';
import { sameUsername, usernameKey } from '../../shared/usernames.ts';

describe('user names: one normal form', () => {
  it('folds case, composed and decomposed accents, compatibility look-alikes', () => {
    const pairs: [string, string][] = [
      ['Élodie', 'élodie'],
      ['E\u0301lodie', 'élodie'], // decomposed É (macOS input)
      ['kate', '\u212Aate'], // Kelvin sign
      ['ｂｏｓｓ', 'boss'], // full-width
      ['Straße', 'STRASSE'],
      ['ﬁona', 'fiona'], // ligature
      ['  boss ', 'BOSS'],
    ];
    for (const [a, b] of pairs) expect(sameUsername(a, b), `${a} / ${b}`).toBe(true);
  });

  it('keeps different names apart, Chinese names as they are', () => {
    expect(sameUsername('张三', '张四')).toBe(false);
    expect(usernameKey('张三')).toBe('张三');
    expect(sameUsername('kate', 'kat')).toBe(false);
  });

  it('is stable: the key of a key is itself', () => {
    for (const name of ['Élodie', '\u212Aate', 'ｂｏｓｓ', 'Straße', 'ΣΟΦΟΣ', 'İstanbul', 'ǅemal', '张三', 'Ⅻ', '㍿']) {
      const key = usernameKey(name);
      expect(usernameKey(key), name).toBe(key);
    }
  });
});
