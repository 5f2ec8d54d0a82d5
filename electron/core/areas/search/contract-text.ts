// What the contract search indexes hold for a contract, and which field a query matched. Pure
// functions, like search-text.ts (whose query plan, markers and Chinese tokens they reuse): the
// SQLite side is db/sqlite/contract-search-index.ts.
//
// Both indexes have two columns, number and title; a contract has no contact details, so every
// role matches the same text:
//   trigram — the number, and the title between the START and END markers ("is" and "begins with"
//             as phrases), then the title's pinyin and initials (a number's "is" and "begins with"
//             are asked of the contracts table's own index on it);
//   short   — the number's parts (HT, 2026, 0012: the tokenizer splits at the dashes), the title's
//             Chinese characters and pairs and other words, and its initials, matched as prefixes.
import type { ContractMatchField } from '../../../../shared/api/search.ts';
import { isHanTerm, MARK, nameTokens, SEPARATOR, spell, squash, type SearchPlan } from './search-text.ts';

export type SearchableContract = { number: string; title: string };
export type ContractColumns = { number: string; title: string };
export type ContractDocument = { trigram: ContractColumns; short: ContractColumns };

/** A contract's field as the matcher sees it: substrings for the trigram plan, tokens for the short one. */
type ContractField = { field: ContractMatchField; trigram: string[]; short: string[] };

function fieldsOf(contract: SearchableContract, pinyin: boolean): ContractField[] {
  const title = [MARK.start + squash(contract.title) + MARK.end];
  const short = nameTokens(contract.title);
  if (pinyin) {
    const spoken = spell(contract.title, false);
    if (spoken.full) {
      title.push(spoken.full, spoken.initials);
      short.push(spoken.initials);
    }
  }
  return [
    { field: 'number', trigram: [squash(contract.number)], short: contract.number.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [] },
    { field: 'title', trigram: title, short },
  ];
}

/** What both indexes hold for a contract (the title's pinyin included: the costly part, ~20 µs). */
export function contractDocument(contract: SearchableContract): ContractDocument {
  const [number, title] = fieldsOf(contract, true) as [ContractField, ContractField]; // fieldsOf gives number, then title
  return {
    trigram: { number: number.trigram.join(SEPARATOR), title: title.trigram.join(SEPARATOR).toLowerCase() },
    short: { number: number.short.join(' '), title: [...new Set(title.short)].join(' ') },
  };
}

function termMatches(plan: SearchPlan, term: string, field: ContractField): boolean {
  if (plan.index === 'trigram') return field.trigram.some((part) => part.toLowerCase().includes(term));
  if (isHanTerm(term)) return field.short.includes(term);
  return field.short.some((token) => token.startsWith(term));
}

/** Whether the number alone holds every term of the query, as the indexes would find it. */
export function numberMatches(plan: SearchPlan, number: string): boolean {
  const [field] = fieldsOf({ number, title: '' }, false) as [ContractField, ContractField]; // number first
  return plan.terms.every((term) => termMatches(plan, term, field));
}

/**
 * Where a contract matched: the number when it holds every term, else the title (the index found
 * it, so the title holds what the number does not).
 */
export function contractMatchedIn(plan: SearchPlan, contract: SearchableContract): ContractMatchField {
  return numberMatches(plan, contract.number) ? 'number' : 'title';
}
