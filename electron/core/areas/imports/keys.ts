// What two customers "are the same" means for an import's duplicate policy (match on phone, e-mail,
// or name + address). Phone numbers are compared by their digits: full-width digits folded, spaces,
// dashes and brackets dropped, China's +86 / 0086 before a mobile number dropped. (The duplicate
// finder, areas/duplicates, keeps its own normalisers; the import uses the reader's values/ ones.)
import type { MatchOn } from '../../../../shared/api/imports.ts';
import { phoneKey as valuesPhoneKey } from './values/index.ts';

/** A phone number's comparable form (values/ phoneKey), or '' when it has too few digits to identify anyone. */
export function phoneKey(text: string): string {
  const digits = valuesPhoneKey(text);
  return digits.length >= 5 ? digits : '';
}

export function emailKey(text: string): string {
  return text.normalize('NFKC').trim().toLowerCase();
}

/** Width, case and spaces folded. */
export function textKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

export function nameAddressKey(name: string, address: string): string {
  const n = textKey(name);
  return n === '' ? '' : `${n}|${textKey(address)}`;
}

/** What a customer (or a row about to become one) can be matched by. */
export type Matchable = { name: string; address: string; phone: string; email: string; contacts: readonly { phone: string; mobile: string; email: string }[] };

function primaryKeys(customer: Matchable, matchOn: MatchOn): string[] {
  const keys = new Set<string>();
  if (matchOn === 'phone') {
    for (const text of [customer.phone, ...customer.contacts.flatMap((c) => [c.mobile, c.phone])]) {
      const key = phoneKey(text);
      if (key !== '') keys.add(`p:${key}`);
    }
  } else if (matchOn === 'email') {
    for (const text of [customer.email, ...customer.contacts.map((c) => c.email)]) {
      const key = emailKey(text);
      if (key !== '') keys.add(`e:${key}`);
    }
  }
  return [...keys];
}

function nameKey(customer: Matchable): string[] {
  const key = nameAddressKey(customer.name, customer.address);
  return key === '' ? [] : [`n:${key}`];
}

/**
 * The keys a row is looked up by under `matchOn`. A row with none (no phone when matching on
 * phone) is looked up by name + address instead, so importing the same list twice never doubles a
 * customer who has no phone.
 */
export function lookupKeys(customer: Matchable, matchOn: MatchOn): string[] {
  const primary = matchOn === 'nameAddress' ? [] : primaryKeys(customer, matchOn);
  return primary.length > 0 ? primary : nameKey(customer);
}

/** The keys a customer (or an earlier row) is found by: its own under `matchOn`, and its name + address. */
export function indexKeys(customer: Matchable, matchOn: MatchOn): string[] {
  return [...(matchOn === 'nameAddress' ? [] : primaryKeys(customer, matchOn)), ...nameKey(customer)];
}
