// What search must find, by a straightforward scan over plain customer records: no index, no
// markers, no candidate cap. The benchmark checks search.query and the customer list's `q`
// filter against it on the unencrypted copy; the integration tests on a few thousand customers.
//
// The rules, as the app states them: what was typed is lower-cased; a phone number typed with
// separators counts as its digits. Terms of 3+ characters must each be a substring of something
// the caller can see of the customer: name, code, pinyin (full and initials) of the name and the
// contact names, contact names; with contact details unmasked, phone digits, e-mails and WeChat
// IDs; masked, only the visible runs of those values as masked. When every term is shorter: a
// Chinese term must be in the name or a contact name; another term must begin a word of those
// names (words with Chinese characters aside), the code, the initials, or the phone digits (the
// national number too; masked, the visible runs). Ranked: name or code equal to the query; a
// phone number (or its visible tail) ending with the digits of a phone-like query of 3+ digits; a
// name beginning with the query (2+ characters); then the rest; newest first within each.
import { maskEmail, maskPhone, maskWechat, nationalDigits, visibleParts } from '../../shared/masking.ts';
import { pinyinOf } from '../../electron/core/areas/search/search-text.ts';

export type PlainContact = { name: string; phone: string; mobile: string; email: string; wechat: string };
export type PlainCustomer = { id: number; kind: string; name: string; code: string; phone: string; email: string; ownerId: number | null; contacts: PlainContact[] };

/** What a scan needs of one customer, computed once (pinyin is the costly part). */
export type Scannable = {
  id: number;
  ownerId: number | null;
  name: string;
  code: string;
  /** Lower-cased strings every role sees. */
  open: string[];
  /** Chinese names (customer and contacts), for 1-2 character Chinese terms. */
  names: string[];
  /** Words that begin-with terms are compared with, every role. */
  openWords: string[];
  full: { strings: string[]; words: string[]; phones: string[] };
  masked: { strings: string[]; words: string[]; phones: string[] };
};

const HAN = /\p{Script=Han}/u;
const digits = (text: string) => text.replace(/\D/g, '');
const squash = (text: string) => text.replace(/[\p{Cc}\uE000-\uF8FF]/gu, ' ').trim().toLowerCase().replace(/\s+/g, ' ');

function words(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((word) => !HAN.test(word));
}

export function scannable(c: PlainCustomer): Scannable {
  const own = pinyinOf(c.name, c.kind === 'person');
  const open = [c.name, c.code, own.full, own.initials];
  const openWords = [...words(c.name), c.code.toLowerCase(), own.initials];
  const names = [c.name];
  const phones = [c.phone, ...c.contacts.flatMap((k) => [k.phone, k.mobile])].filter((p) => digits(p) !== '');
  const emails = [c.email, ...c.contacts.map((k) => k.email)].filter((e) => e !== '');
  const wechats = c.contacts.map((k) => k.wechat).filter((w) => w.trim() !== '');
  for (const k of c.contacts) {
    const spoken = pinyinOf(k.name, true);
    open.push(k.name, spoken.full, spoken.initials);
    openWords.push(...words(k.name), spoken.initials);
    names.push(k.name);
  }
  const maskedPhones = phones.map(maskPhone);
  const maskedParts = [...maskedPhones, ...emails.map(maskEmail), ...wechats.map(maskWechat)].flatMap(visibleParts);
  return {
    id: c.id,
    ownerId: c.ownerId,
    name: c.name,
    code: c.code,
    open: open.filter((s) => s !== '').map((s) => s.toLowerCase()),
    names,
    openWords: openWords.filter((w) => w !== ''),
    full: {
      strings: [...phones.map(digits), ...emails, ...wechats].map((s) => s.toLowerCase()),
      words: phones.flatMap((p) => [digits(p), nationalDigits(p)]),
      phones: phones.map(digits),
    },
    masked: {
      strings: maskedParts.map((s) => s.toLowerCase()),
      words: maskedPhones.flatMap(visibleParts),
      // Only a visible run at the end of a masked number is its tail.
      phones: maskedPhones.filter((m) => !m.endsWith('*')).map((m) => visibleParts(m).at(-1) ?? ''),
    },
  };
}

export type Caller = { masked: boolean; ownerId: number | null };

/** The tier a customer ranks in for this query (0 best), or null when it does not match. */
export function referenceTier(c: Scannable, raw: string, caller: Caller): number | null {
  if (caller.ownerId !== null && c.ownerId !== caller.ownerId) return null;
  const whole = squash(raw);
  const phoneLike = /^[\d\s\-+().]+$/.test(whole);
  const text = phoneLike ? digits(whole) : whole;
  const terms = text.split(' ').filter((t) => t !== '');
  if (terms.length === 0) return null;
  const details = caller.masked ? c.masked : c.full;
  const long = terms.filter((t) => [...t].length >= 3);
  let matches: boolean;
  if (long.length > 0) {
    const strings = [...c.open, ...details.strings];
    matches = long.every((t) => strings.some((s) => s.includes(t)));
  } else {
    const prefixes = [...c.openWords, ...details.words];
    const cleaned = terms.map((t) => ([...t].every((ch) => HAN.test(ch)) ? t : t.replace(/[^\p{L}\p{N}]/gu, ''))).filter((t) => t !== '');
    if (cleaned.length === 0) return null;
    matches = cleaned.every((t) => ([...t].every((ch) => HAN.test(ch)) ? c.names.some((n) => n.includes(t)) : prefixes.some((w) => w.startsWith(t))));
  }
  if (!matches) return null;
  const name = squash(c.name);
  if (name === whole || c.code.toLowerCase() === whole) return 0;
  if (phoneLike && text.length >= 3 && details.phones.some((p) => p.endsWith(text))) return 1;
  if ([...whole].length >= 2 && name.startsWith(whole)) return 2;
  return 3;
}

/** Every match, best first (tier, then newest), with its tier. */
export function referenceSearch(customers: readonly Scannable[], raw: string, caller: Caller): { id: number; tier: number }[] {
  const found: { id: number; tier: number }[] = [];
  for (const c of customers) {
    const tier = referenceTier(c, raw, caller);
    if (tier !== null) found.push({ id: c.id, tier });
  }
  return found.sort((a, b) => a.tier - b.tier || b.id - a.id);
}
