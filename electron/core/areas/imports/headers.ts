// Header row detection and the mapping a layout starts with: the reader's header words (./values/,
// Chinese and English, the export's own headers among them).
import type { ImportKind } from '../../../../shared/api/imports.ts';
import { findHeaderRow as headerRowOf, matchHeaders } from './values/index.ts';
import type { TableRow } from './read/index.ts';

/** Each field of `kind` → the column of the header that names it, or null. */
export function autoMatch(headers: readonly string[], kind: ImportKind): Record<string, number | null> {
  return matchHeaders(headers, kind).columns;
}

/** The header's row (values/ findHeaderRow), or null when no row has anything in it. */
export function findHeaderRow(rows: readonly TableRow[], kind: ImportKind): number | null {
  if (!rows.some((r) => r.cells.some((cell) => cell.trim() !== ''))) return null;
  return headerRowOf(rows, kind);
}
