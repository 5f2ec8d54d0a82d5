// What the search indexes hold for a customer, how a query is planned (terms, which index), and
// which field of a customer a query matched. Pure functions: no database here (the FTS5 side, and
// the expressions a plan becomes, are in db/sqlite/search-index.ts).
//
// Both indexes have three columns, so that one index serves every role:
//   open   — name, code, pinyin, contact names: what every role sees;
//   secret — phone digits, e-mail addresses, WeChat IDs in full: for roles that see them;
//   shown  — the visible runs of those values as masked (`138****8000` → 138, 8000): what a role
//            that sees them masked may match on, and nothing more.
import { pinyin } from 'pinyin-pro';
import type { MatchField } from '../../../../shared/api/search.ts';
import { maskEmail, maskPhone, maskWechat, nationalDigits, visibleParts } from '../../../../shared/masking.ts';

export type SearchableContact = { name: string; phone: string; mobile: string; email: string; wechat: string };
export type SearchableCustomer = {
  name: string;
  code: string;
  phone: string;
  email: string;
  contacts: readonly SearchableContact[];
};

export type Columns = { open: string; secret: string; shown: string };
export type SearchDocument = { trigram: Columns; short: Columns };

/**
 * Markers in the trigram index (private-use characters, removed from every query): a customer's
 * name and code sit between START and END, so `START+query+END` finds exact names and
 * `START+query` names that begin with the query; every phone number (and the visible tail of a
 * masked one) is followed by TAIL, so `digits+TAIL` finds numbers that end with the digits.
 */
export const MARK = { start: '\uE000', end: '\uE001', tail: '\uE002' } as const;
export const SEPARATOR = ' | ';

const HAN_RUN = /\p{Script=Han}+/gu;
const HAN_CHAR = /^\p{Script=Han}$/u;
/** Characters no query may contain: controls (NUL breaks FTS5's parser) and our private markers. */
const UNSEARCHABLE = /[\p{Cc}\uE000-\uF8FF]/gu;
const UNSEARCHABLE_ANY = /[\p{Cc}\uE000-\uF8FF]/u;

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

/** Lower case, single spaces, no characters a query may not contain: how names are compared whole. */
export function squash(text: string): string {
  // Most names hold neither (this runs for every name indexed): skip the Unicode-class replace then.
  const clean = UNSEARCHABLE_ANY.test(text) ? text.replace(UNSEARCHABLE, ' ') : text;
  return clean.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** Chinese characters and pairs of adjacent ones, and other words, of a name (the short index). */
export function nameTokens(text: string): string[] {
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
  return tokens;
}

type Column = keyof Columns;

/**
 * One searchable field of a customer: what each index holds for it, in which column, and how it
 * is shown to the caller. `trigram` strings are searched by substring, `short` tokens by prefix
 * (whole for Chinese characters).
 */
export type SearchField = {
  field: MatchField;
  contactName: string | null;
  column: Column;
  trigram: string[];
  short: string[];
  /** The value as the caller sees it, for "matched in". */
  text: string;
};

function phoneField(field: MatchField, contactName: string | null, phone: string, masked: boolean): SearchField | null {
  const digits = digitsOf(phone);
  if (digits === '') return null;
  if (!masked) {
    const national = nationalDigits(phone);
    return { field, contactName, column: 'secret', trigram: [digits + MARK.tail], short: national === digits ? [digits] : [digits, national], text: phone };
  }
  const shownText = maskPhone(phone);
  const parts = visibleParts(shownText);
  // Only a visible run at the very end is the number's tail.
  const tailShown = parts.length > 0 && !shownText.endsWith('*');
  const trigram = parts.map((part, i) => (tailShown && i === parts.length - 1 ? part + MARK.tail : part));
  return { field, contactName, column: 'shown', trigram, short: parts, text: shownText };
}

function secretText(field: MatchField, contactName: string | null, value: string, mask: (value: string) => string, masked: boolean): SearchField | null {
  if (value.trim() === '') return null;
  if (!masked) return { field, contactName, column: 'secret', trigram: [value.toLowerCase()], short: [], text: value };
  const shownText = mask(value);
  return { field, contactName, column: 'shown', trigram: visibleParts(shownText).map((part) => part.toLowerCase()), short: [], text: shownText };
}

/** A secret field as a role that sees it masked has it. */
function maskedView(field: SearchField): SearchField {
  switch (field.field) {
    case 'phone':
    case 'contactPhone':
      return phoneField(field.field, field.contactName, field.text, true)!; // it had digits unmasked
    case 'wechat':
      return secretText(field.field, field.contactName, field.text, maskWechat, true)!; // not blank unmasked
    default:
      return secretText(field.field, field.contactName, field.text, maskEmail, true)!; // e-mails: not blank unmasked
  }
}

/** Pinyin of a customer's name and of each contact's name (the costly part), or none. */
export type Spellings = { own: Spelling; contacts: Spelling[] };
const UNSPELLED: Spelling = { full: '', initials: '', sortKey: '' };

export function spellingsOf(customer: SearchableCustomer, personName: boolean, own: Spelling = spell(customer.name, personName)): Spellings {
  return { own, contacts: customer.contacts.map((contact) => spell(contact.name, true)) };
}

/**
 * Every searchable field of a customer as a caller sees it: with `masked`, phones, e-mails and
 * WeChat IDs are reduced to their visible runs. The index holds both views (secret and shown
 * columns); the matcher below uses the caller's one. Without `spellings`, no pinyin.
 */
export function searchFields(customer: SearchableCustomer, masked: boolean, spellings: Spellings | null): SearchField[] {
  const fields: (SearchField | null)[] = [];
  const own = spellings?.own ?? UNSPELLED;
  const nameParts = [MARK.start + squash(customer.name) + MARK.end];
  if (own.full) nameParts.push(own.full, own.initials);
  fields.push({ field: 'name', contactName: null, column: 'open', trigram: nameParts, short: [...nameTokens(customer.name), ...(own.initials ? [own.initials] : [])], text: customer.name });
  if (customer.code !== '') {
    fields.push({ field: 'code', contactName: null, column: 'open', trigram: [MARK.start + squash(customer.code) + MARK.end], short: [customer.code.toLowerCase()], text: customer.code });
  }
  fields.push(phoneField('phone', null, customer.phone, masked));
  fields.push(secretText('email', null, customer.email, maskEmail, masked));
  customer.contacts.forEach((contact, i) => {
    const spoken = spellings?.contacts[i] ?? UNSPELLED;
    const parts = [contact.name.toLowerCase()];
    if (spoken.full) parts.push(spoken.full, spoken.initials);
    fields.push({ field: 'contactName', contactName: contact.name, column: 'open', trigram: parts, short: [...nameTokens(contact.name), ...(spoken.initials ? [spoken.initials] : [])], text: contact.name });
    fields.push(phoneField('contactPhone', contact.name, contact.mobile, masked));
    fields.push(phoneField('contactPhone', contact.name, contact.phone, masked));
    fields.push(secretText('contactEmail', contact.name, contact.email, maskEmail, masked));
    fields.push(secretText('wechat', contact.name, contact.wechat, maskWechat, masked));
  });
  return fields.filter((field) => field !== null);
}

/** `own` is the customer name's spelling when the caller has it already (it is costly). */
export function searchDocument(customer: SearchableCustomer, personName: boolean, own: Spelling = spell(customer.name, personName)): SearchDocument {
  // One pass (this runs for every customer a seed or an import writes): each field into its
  // column, and each contact detail a second time, masked, into the shown column.
  const trigram: Record<Column, string[]> = { open: [], secret: [], shown: [] };
  const short: Record<Column, Set<string>> = { open: new Set(), secret: new Set(), shown: new Set() };
  const add = (field: SearchField) => {
    for (const part of field.trigram) trigram[field.column].push(part.toLowerCase());
    for (const token of field.short) short[field.column].add(token);
  };
  for (const field of searchFields(customer, false, spellingsOf(customer, personName, own))) {
    add(field);
    if (field.column === 'secret') add(maskedView(field));
  }
  return {
    trigram: { open: trigram.open.join(SEPARATOR), secret: trigram.secret.join(SEPARATOR), shown: trigram.shown.join(SEPARATOR) },
    short: { open: [...short.open].join(' '), secret: [...short.secret].join(' '), shown: [...short.shown].join(' ') },
  };
}

/** A document built without the code (bulk inserts learn it last), with the code added. */
export function withCode(doc: SearchDocument, code: string): SearchDocument {
  const marked = MARK.start + squash(code) + MARK.end;
  return {
    trigram: { ...doc.trigram, open: `${doc.trigram.open}${SEPARATOR}${marked}` },
    short: { ...doc.short, open: `${doc.short.open} ${code.toLowerCase()}` },
  };
}

export type SearchPlan = {
  /** Which index every customer matching the query is found in. */
  index: 'trigram' | 'short';
  /** The terms as matched: substrings (trigram) or word prefixes / Chinese characters (short). */
  terms: string[];
  /** The whole query as compared with names and codes. */
  whole: string;
  /** The digits of a query that is a phone number or a fragment of one (3 or more digits). */
  phoneDigits: string | null;
};

/**
 * What the user typed, as terms for one index. Terms of 3+ characters go to the trigram index;
 * when every term is shorter, to the short index (Chinese characters and pairs exactly, other
 * words by prefix). A phone typed with dashes or spaces is searched as its digits. Characters no
 * query may hold (controls, our markers) count as spaces.
 */
export function planQuery(raw: string): SearchPlan | null {
  const whole = squash(raw);
  let text = whole;
  const phoneLike = /^[\d\s\-+().]+$/.test(text);
  if (phoneLike) text = digitsOf(text);
  const terms = text.split(/\s+/).filter((term) => term !== '');
  if (terms.length === 0) return null;
  const phoneDigits = phoneLike && text.length >= 3 ? text : null;
  const long = terms.filter((term) => [...term].length >= 3);
  if (long.length > 0) return { index: 'trigram', terms: long, whole, phoneDigits };
  const short: string[] = [];
  for (const term of terms) {
    if ([...term].every((char) => HAN_CHAR.test(char))) short.push(term);
    else {
      const word = term.replace(/[^\p{L}\p{N}]/gu, '');
      if (word !== '') short.push(word);
    }
  }
  return short.length === 0 ? null : { index: 'short', terms: short, whole, phoneDigits };
}

/** A term of Chinese characters only: matched whole in the short index, never as a prefix. */
export function isHanTerm(term: string): boolean {
  return [...term].every((char) => HAN_CHAR.test(char));
}

function termMatches(plan: SearchPlan, term: string, field: SearchField): boolean {
  if (plan.index === 'trigram') return field.trigram.some((part) => part.toLowerCase().includes(term));
  if (isHanTerm(term)) return field.short.includes(term);
  return field.short.some((token) => token.startsWith(term));
}

/** Fields that the result list shows anyway; a match elsewhere is worth saying. */
const SHOWN_IN_LIST = new Set<MatchField>(['name', 'code', 'phone']);

/** Whether pinyin can hold any term: only Latin letters spell pinyin (it is costly to compute). */
export function needsPinyin(plan: SearchPlan): boolean {
  return plan.terms.some((term) => /[a-z]/.test(term));
}

/**
 * Where a customer matched, as the caller sees it: for each term the first field (in `fields`
 * order) holding it; of those, a field the result list does not show wins. Null when nothing
 * matches (the index and this matcher disagree: a bug the tests look for).
 */
export function matchedField(plan: SearchPlan, fields: readonly SearchField[], masked: boolean): SearchField | null {
  const visible = fields.filter((field) => field.column === 'open' || field.column === (masked ? 'shown' : 'secret'));
  let best: SearchField | null = null;
  for (const term of plan.terms) {
    const found = visible.find((field) => termMatches(plan, term, field));
    if (!found) return null;
    if (best === null || (SHOWN_IN_LIST.has(best.field) && !SHOWN_IN_LIST.has(found.field))) best = found;
  }
  return best;
}
