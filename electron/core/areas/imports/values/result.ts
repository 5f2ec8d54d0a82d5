import type { ImportRowCode } from '../../../../../shared/api/imports.ts';
import type { RawCell } from '../read/types.ts';

/** A cell's value for its field, or the row error code that says why it cannot be one. */
export type CellResult<T> = { ok: true; value: T } | { ok: false; code: ImportRowCode };
export type { RawCell };

export const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });
export const bad = <T = never>(code: ImportRowCode): CellResult<T> => ({ ok: false, code });

/**
 * A cell's text as a person means it: full-width letters, digits and signs folded to their ASCII
 * forms (NFKC: １３８ → 138, ＠ → @, （ → (), spaces trimmed (the no-break and ideographic ones too).
 */
export function folded(text: string): string {
  return text.normalize('NFKC').replace(/^[\s\u00a0\u3000]+|[\s\u00a0\u3000]+$/g, '');
}
