// What the search index holds of a service or communication record: the first RECORD_SEARCH_CHARS
// characters of its texts together (content, result, agreements, feedback), in the form queries
// are compared in (search-text.ts squash). Long free text is capped: a trigram index over all of
// it would outgrow the text (DESIGN.md). Pure functions: the FTS5 side is db/sqlite/record-search-index.ts.
import { RECORD_SEARCH_CHARS } from '../../../../shared/api/records.ts';
import { SEPARATOR, squash, type SearchPlan } from './search-text.ts';

export type RecordTexts = { content: string; result: string; agreements: string; feedback: string };

/** The texts in their order, those that say something, cut to RECORD_SEARCH_CHARS characters (whole code points). */
export function recordDocument(record: RecordTexts): string {
  const joined = [record.content, record.result, record.agreements, record.feedback].filter((text) => text.trim() !== '').join(SEPARATOR);
  return squash([...joined].slice(0, RECORD_SEARCH_CHARS).join(''));
}

const SNIPPET_BEFORE = 20;
const SNIPPET_CHARS = 80;

/**
 * A line of the record's texts around where the query matched (the indexed prefix holds it), for
 * the search results; the beginning of the content when no term is found as typed.
 */
export function recordSnippet(plan: SearchPlan, record: RecordTexts): string {
  const texts = [record.content, record.result, record.agreements, record.feedback];
  for (const text of texts) {
    const flat = text.replace(/\s+/g, ' ');
    const lower = flat.toLowerCase();
    for (const term of plan.terms) {
      const at = lower.indexOf(term);
      if (at < 0) continue;
      const start = Math.max(0, at - SNIPPET_BEFORE);
      const piece = flat.slice(start, start + SNIPPET_CHARS);
      return `${start > 0 ? '…' : ''}${piece}${start + SNIPPET_CHARS < flat.length ? '…' : ''}`;
    }
  }
  const flat = record.content.replace(/\s+/g, ' ');
  return flat.length > SNIPPET_CHARS ? `${flat.slice(0, SNIPPET_CHARS)}…` : flat;
}
