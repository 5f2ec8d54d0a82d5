// Dates as shops write them: 2024-03-05, 2024/3/5, 2024-3-5, 2024.3.5, 2024年3月5日, 20240305, a
// date with a time after it, or an Excel serial day (a workbook's number, or digits a CSV saved
// from Excel kept) → YYYY-MM-DD. A day that does not exist (2024/2/30) is refused, never rolled over.
import { isGregorianDate } from '../../../../../shared/api/customers.ts';
import { bad, folded, ok, type CellResult, type RawCell } from './result.ts';

const DAY_MS = 86_400_000;
/** Excel's 1900 system: serial 1 is 1900-01-01; its serial 60 is 1900-02-29, a day that never was (Lotus's leap-year bug). */
const EPOCH_1900 = Date.UTC(1899, 11, 31);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
/** 9999-12-31 in the 1900 system. */
export const MAX_SERIAL = 2_958_465;

function ymd(y: number, m: number, d: number): string | null {
  const text = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isGregorianDate(text) ? text : null;
}

/** An Excel serial day (its time of day dropped) as YYYY-MM-DD; null outside 1..MAX_SERIAL or on the day that never was. */
export function serialToDate(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial)) return null;
  const day = Math.floor(serial);
  if (date1904) {
    if (day < 0 || day > MAX_SERIAL - 1462) return null;
    return new Date(EPOCH_1904 + day * DAY_MS).toISOString().slice(0, 10);
  }
  if (day < 1 || day > MAX_SERIAL || day === 60) return null;
  // From 1900-03-01 on, Excel's count is one ahead of the real one.
  return new Date(EPOCH_1900 + (day > 60 ? day - 1 : day) * DAY_MS).toISOString().slice(0, 10);
}

const SEPARATED = /^(\d{4})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?:[\sT]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;
const CHINESE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
/** Digits alone, as a CSV keeps a date Excel showed as a number: five digits is 1927-05-18 .. 2173-10-14. */
const SERIAL_TEXT = /^\d{5}(?:\.\d+)?$/;

/** '' for an empty cell (the field left as it is); a date as YYYY-MM-DD; else 'date'. `raw`: a workbook cell's number. */
export function parseDateCell(text: string, raw?: RawCell): CellResult<string> {
  const t = folded(text);
  if (t === '') return ok('');
  // A workbook's number: a date cell (the reader already wrote it as YYYY-MM-DD) or a serial shown as a number.
  if (typeof raw === 'number' && !/^\d{4}-\d{2}-\d{2}$/.test(t)) {
    const day = serialToDate(raw);
    return day === null ? bad('date') : ok(day);
  }
  const match = SEPARATED.exec(t);
  if (match) {
    const day = ymd(Number(match[1]), Number(match[3]), Number(match[4]));
    return day === null ? bad('date') : ok(day);
  }
  const chinese = CHINESE.exec(t) ?? COMPACT.exec(t);
  if (chinese) {
    const day = ymd(Number(chinese[1]), Number(chinese[2]), Number(chinese[3]));
    return day === null ? bad('date') : ok(day);
  }
  if (SERIAL_TEXT.test(t)) {
    const day = serialToDate(Number(t));
    return day === null ? bad('date') : ok(day);
  }
  return bad('date');
}
