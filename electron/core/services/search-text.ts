// What the search indexes hold for a customer, and how a query is turned into an FTS5 expression.
// Pure functions: no database here (the SQLite side is db/sqlite-search.ts).
import { pinyin } from 'pinyin-pro';

export type SearchableContact = { name: string; phone: string; mobile: string; email: string; wechat: string };
export type SearchableCustomer = {
  name: string;
  code: string;
  phone: string;
  email: string;
  contacts: readonly SearchableContact[];
};

export type SearchDocument = { trigram: string; short: string };

const HAN_RUN = /\p{Script=Han}+/gu;
const HAN_CHAR = /^\p{Script=Han}$/u;

export function hasHan(text: string): boolean {
  return /\p{Script=Han}/u.test(text);
}

export type Spelling = { full: string; initials: string; sortKey: string };

/**
 * Pinyin of each run of Chinese characters in one pass (pinyin-pro is the costly part of
 * indexing): the full pinyin and the initials without tones or spaces, and the sort key — the
 * text with its Chinese runs read out as pinyin, which is the order a Chinese user expects.
 */
export function spell(text: string, person: boolean): Spelling {
  let full = '';
  let initials = '';
  const sortKey = text.replace(HAN_RUN, (run) => {
    const syllables = pinyin(run, { toneType: 'none', type: 'array', surname: person ? 'head' : 'off' });
    full += syllables.join('');
    initials += syllables.map((syllable) => syllable.charAt(0)).join('');
    return ` ${syllables.join(' ')} `;
  });
  return { full, initials, sortKey: sortKey.toLowerCase().replace(/\s+/g, ' ').trim() };
}

export function pinyinOf(text: string, person: boolean): { full: string; initials: string } {
  const { full, initials } = spell(text, person);
  return { full, initials };
}

/** Sort key of a name: its pinyin for Chinese names, else lower case. */
export function nameSortKey(name: string, person = false): string {
  return spell(name, person).sortKey;
}

export function digitsOf(phone: string): string {
  return phone.replace(/\D/g, '');
}

function shortTokens(text: string, spelling: Spelling): string[] {
  const tokens: string[] = [];
  for (const run of text.match(HAN_RUN) ?? []) {
    const chars = [...run];
    chars.forEach((char, i) => {
      tokens.push(char);
      if (i + 1 < chars.length) tokens.push(char + chars[i + 1]);
    });
  }
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  for (const word of words) if (!hasHan(word)) tokens.push(word);
  if (spelling.initials) tokens.push(spelling.initials);
  return tokens;
}

/** `own` is the customer name's spelling when the caller has it already (it is costly). */
export function searchDocument(customer: SearchableCustomer, personName: boolean, own: Spelling = spell(customer.name, personName)): SearchDocument {
  const trigram: string[] = [customer.name, customer.code, digitsOf(customer.phone), customer.email];
  const short: string[] = [...shortTokens(customer.name, own), customer.code.toLowerCase()];
  if (own.full) trigram.push(own.full, own.initials);
  const phoneDigits = digitsOf(customer.phone);
  if (phoneDigits) short.push(phoneDigits);
  for (const contact of customer.contacts) {
    const spoken = spell(contact.name, true);
    trigram.push(contact.name, digitsOf(contact.phone), digitsOf(contact.mobile), contact.email, contact.wechat);
    if (spoken.full) trigram.push(spoken.full, spoken.initials);
    short.push(...shortTokens(contact.name, spoken));
    for (const phone of [contact.phone, contact.mobile]) if (digitsOf(phone)) short.push(digitsOf(phone));
  }
  return {
    trigram: trigram.filter((part) => part !== '').join(' | ').toLowerCase(),
    short: [...new Set(short)].join(' '),
  };
}

export type PlannedQuery = { index: 'trigram' | 'short'; match: string } | null;

function quoted(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

/**
 * Turns what the user typed into one FTS5 MATCH expression. Terms of 3+ characters go to the
 * trigram index; when every term is shorter, to the short index (Chinese characters and pairs
 * exactly, other words by prefix). A phone typed with dashes or spaces is searched as its digits.
 */
export function planQuery(raw: string): PlannedQuery {
  let text = raw.trim().toLowerCase();
  if (/^[\d\s\-+().]+$/.test(text)) text = digitsOf(text);
  const terms = text.split(/\s+/).filter((term) => term !== '');
  if (terms.length === 0) return null;
  const long = terms.filter((term) => [...term].length >= 3);
  if (long.length > 0) return { index: 'trigram', match: long.map(quoted).join(' AND ') };
  const parts: string[] = [];
  for (const term of terms) {
    const chars = [...term];
    if (chars.every((char) => HAN_CHAR.test(char))) parts.push(quoted(term));
    else {
      const word = term.replace(/[^\p{L}\p{N}]/gu, '');
      if (word === '') continue;
      parts.push(`${quoted(word)}*`);
    }
  }
  return parts.length === 0 ? null : { index: 'short', match: parts.join(' AND ') };
}
