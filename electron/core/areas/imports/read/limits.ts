// The limits of what an import reads (API-12.md "Limits"): checked before or while reading, so a
// hostile file is refused before it costs memory.
import { IMPORT_MAX_CELL, IMPORT_MAX_ROWS } from '../../../../../shared/api/imports.ts';

const MiB = 1024 * 1024;

/** Data rows a file may have; the header's row (one) comes on top, blank rows are not counted. */
export const MAX_ROWS = IMPORT_MAX_ROWS;
/** Excel's own cap on a cell: a longer cell is kept whole by the reader, and is the row error 'tooLong'. */
export const MAX_CELL = IMPORT_MAX_CELL;
/** A workbook (.xlsx, .xls) larger than this is refused before it is parsed (TOO_LARGE). */
export const MAX_WORKBOOK_BYTES = 50 * MiB;
/** What an .xlsx's zip may declare uncompressed, all entries together. */
export const MAX_UNZIPPED_BYTES = 300 * MiB;
/** The most an .xlsx's zip may inflate relative to its size (zip bomb), once it is past MIN_RATIO_CHECKED. */
export const MAX_ZIP_RATIO = 100;
/** Below this many uncompressed bytes the ratio is not held against a zip: a small file is harmless whatever it compresses to. */
export const MIN_RATIO_CHECKED = 16 * MiB;
/** A CSV record (one row, quoted new lines included) longer than this many characters is refused: a quote never closed. */
export const MAX_RECORD_CHARS = 8 * MiB;
/** How many rows readRows yields at a time. */
export const BATCH_ROWS = 1_000;
/** How many bytes from the start are looked at to tell the format and the delimiter. */
export const SNIFF_BYTES = 64 * 1024;
