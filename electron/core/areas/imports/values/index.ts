// Cell parsers and header matching for imports (API-12.md "Values API"): pure functions, each
// giving `{ ok: true, value }` or `{ ok: false, code }` with a row error code of IMPORT_ROW_CODES.
// An empty cell is ok ('' for text, null for a coded value, [] for tags): whether the field is
// required is the import's call ('required'). A cell longer than MAX_CELL is the import's 'tooLong'.
export { bad, folded, ok, type CellResult, type RawCell } from './result.ts';
export { MAX_SERIAL, parseDateCell, serialToDate } from './dates.ts';
export { cellText, parseBirthdayCell, type Birthday } from './text.ts';
export { parsePhoneCell, phoneKey } from './phones.ts';
export {
  parseEmailCell,
  parseGradeCell,
  parseKindCell,
  parseNumberCell,
  parseSizeCell,
  parseStageCell,
  parseTagsCell,
  parseWebsiteCell,
  parseYesNoCell,
  TAG_SEPARATORS,
  wordKey,
} from './fields.ts';
export { fieldOfHeader, findHeaderRow, headerKey, matchHeaders } from './headers.ts';
