// How two customers' phones, e-mail addresses and names are compared: each is brought to a key, and
// equal keys mean "the same". Pure functions (the import's duplicate policy uses the phone key too).
//
// The name rules, in the order the finder applies them:
//   1. name key: NFKC (full-width → half-width), traditional → simplified (opencc-js), lower case,
//      company suffixes (有限公司, 有限责任公司, 股份有限公司, 集团, 公司, Co., Ltd., Ltd., Inc., LLC,
//      Limited, Corp.) taken off the end (repeatedly, over trailing punctuation), then every space
//      and punctuation mark dropped, both again until nothing changes: 北京華信科技有限公司, 北京华信科技 and 北京华信科技（集团）有限公司
//      are all 北京华信科技.
//   2. pinyin key: the name key with every Chinese character read as toneless pinyin (pinyin-pro,
//      each character alone, so a character always reads the same).
//      Homophones meet: 张伟 / 章伟 (zhangwei), and so do 王伟 / 王玮 (wangwei). That is the rule
//      (a shop types a name it heard on the phone); names that only sound alike in part, such as
//      王伟 / 王维 (wangwei = wangwei: they do) or 王伟 / 汪洋, are told apart by their syllables
//      alone. Only keys with a Chinese character get one (for Latin names it would be the name key).
//   3. similar: an edit distance of at most 1 (fastest-levenshtein) between name keys of 4
//      characters or more: 北京华信科技 / 北京华新科技. Shorter keys never: 张伟 / 张玮 differ by one
//      character out of two, which is a different person.
import * as OpenCC from 'opencc-js/t2cn';
import { pinyin } from 'pinyin-pro';

export type NormalisedPhone = {
  /** The national number's digits: mobiles as 11 digits (13800138000), landlines with their 0 area code (01012345678). */
  number: string;
  /** An extension written after the number (转 123, ext. 123, x123, #123), kept apart: '' when none. */
  extension: string;
};

/** The shortest number worth comparing: fewer digits than this are no evidence of anything. */
export const PHONE_KEY_MIN_DIGITS = 7;

const EXTENSION = /(?:转|分机|ext\.?|extension|x|#)\s*(\d{1,6})\s*$/i;
/** +86, 0086, (+86), (86): a country code written as such. */
const COUNTRY = /^\(?(?:\+|00)\s*86\)?|^\(86\)/;

/**
 * A phone number as digits comparable with any other way of writing it: spaces, dashes, dots and
 * brackets go, full-width digits become ASCII (NFKC), +86 / 0086 / (+86) go, and so does a bare 86
 * before an 11-digit mobile (8613800138000: 13 digits). After a country code, a landline's area
 * code gets its trunk 0 back (+86 10 1234 5678 = 010-12345678). null when nothing is left that
 * looks like a number (fewer than PHONE_KEY_MIN_DIGITS digits, or letters in it).
 */
export function normalisePhone(raw: string): NormalisedPhone | null {
  // Most numbers are plain digits already: no Unicode normalising, no pattern work.
  if (PLAIN_DIGITS.test(raw)) return plainNumber(raw);
  let text = (ASCII.test(raw) ? raw : raw.normalize('NFKC')).trim();
  if (text === '') return null;
  let extension = '';
  const ext = EXTENSION.exec(text);
  if (ext && ext.index > 0) {
    extension = ext[1]!; // the group always matches when the expression does
    text = text.slice(0, ext.index);
  }
  text = text.replace(/[\s\-–—.()（）/]/g, (char) => (char === '(' || char === ')' ? char : ''));
  let international = false;
  const country = COUNTRY.exec(text);
  if (country) {
    international = true;
    text = text.slice(country[0].length);
  }
  text = text.replace(/[()]/g, '');
  if (!/^\d+$/.test(text)) return null;
  return plainNumber(text, international, extension);
}

const PLAIN_DIGITS = /^\d+$/;
const ASCII = /^[\x20-\x7e]*$/;

/** Digits only: a bare 86 before a mobile goes, a landline after a country code gets its 0. */
function plainNumber(digits: string, international = false, extension = ''): NormalisedPhone | null {
  let text = digits;
  if (!international && text.startsWith('0086')) {
    international = true;
    text = text.slice(4);
  }
  if (!international && text.length === 13 && /^861[3-9]/.test(text)) {
    international = true;
    text = text.slice(2);
  }
  if (international && !(text.length === 11 && text.startsWith('1')) && !text.startsWith('0')) text = `0${text}`;
  if (text.length < PHONE_KEY_MIN_DIGITS) return null;
  return { number: text, extension };
}

/** The phone's comparable number ('' when it has none): what the finder and an import's "match on phone" compare. */
export function phoneKey(raw: string): string {
  return normalisePhone(raw)?.number ?? '';
}

/** An e-mail address as compared: NFKC (full-width ＠), trimmed, lower case. '' when it is no address. */
export function emailKey(raw: string): string {
  if (raw === '') return '';
  const text = (ASCII.test(raw) ? raw : raw.normalize('NFKC')).trim().toLowerCase();
  const at = text.lastIndexOf('@');
  return at > 0 && at < text.length - 1 && !/\s/.test(text) ? text : '';
}

const toSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });

/** Longest first: 有限责任公司 before 公司. Applied to the lower-cased name, repeatedly. */
const COMPANY_SUFFIXES = [
  /(?:股份有限公司|有限责任公司|有限公司|集团公司|集团|公司)$/u,
  /(?:co\.?\s*,?\s*ltd\.?|company\s+limited|limited|ltd\.?|inc\.?|incorporated|llc\.?|l\.l\.c\.?|corp\.?|corporation|co\.?)$/u,
];
/** Spaces, punctuation and symbols of every script: dropped from a name key. */
const NOT_NAME = /[^\p{L}\p{N}]/gu;
const TRAILING_NOT_NAME = /[^\p{L}\p{N}]+$/u;

function stripSuffixes(name: string): string {
  let text = name.replace(TRAILING_NOT_NAME, '');
  for (;;) {
    const before = text;
    for (const suffix of COMPANY_SUFFIXES) text = text.replace(suffix, '').replace(TRAILING_NOT_NAME, '');
    // "ABC Co." → "abc", but a name that is only a suffix ("公司", "Inc.") stays itself.
    if (text === '') return before;
    if (text === before) return text;
  }
}

/** Has a Chinese character. */
const HAN = /\p{Script=Han}/u;

/** The name as compared: width, traditional/simplified, case, company suffix, spaces and punctuation ignored. */
export function nameKey(raw: string): string {
  // Again until nothing changes, because a key must be its own key (the finder compares keys of
  // merged names): dropping a space can make a new suffix ("北公 司" → "北公司" → "北"), and OpenCC
  // converts a character differently after a symbol it drops ("⿰龜" → "⿰龜", then "龜" → "龟").
  let key = nameKeyOnce(raw);
  for (let round = 0; round < 8; round += 1) {
    const next = nameKeyOnce(key);
    if (next === key) break;
    key = next;
  }
  return key;
}

function nameKeyOnce(raw: string): string {
  const lower = toSimplified(raw.normalize('NFKC')).toLowerCase().trim();
  const stripped = stripSuffixes(lower).replace(NOT_NAME, '');
  return stripped === '' ? lower.replace(/\s+/g, '') : stripped;
}

/**
 * The name key read aloud: every Chinese character as its toneless pinyin (other characters kept),
 * so homophones meet. '' for a key without Chinese characters (its name key says it all).
 */
export function pinyinKey(key: string): string {
  if (!HAN.test(key)) return '';
  let out = '';
  for (const char of key) out += syllableOf(char);
  return out;
}

/**
 * Each character's toneless syllable, read alone and remembered: the same character always reads
 * the same way (a polyphone such as 长 takes its usual reading), which is what matching by sound
 * needs, and 100,000 names cost a map lookup per character instead of a pinyin-pro call per name.
 */
const syllables = new Map<string, string>();
function syllableOf(char: string): string {
  let syllable = syllables.get(char);
  if (syllable === undefined) {
    syllable = HAN.test(char) ? pinyin(char, { toneType: 'none', type: 'array' })[0] ?? char : char;
    syllables.set(char, syllable);
  }
  return syllable;
}

/** Keys at least this long (in characters) are compared by edit distance. */
export const SIMILAR_MIN_CHARS = 4;
