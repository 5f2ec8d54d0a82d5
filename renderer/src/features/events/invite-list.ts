// The "invite from a list" dialog's pure parts: a pasted text or a .csv/.txt file becomes the
// lines the core matches (first column of each row; empty rows dropped), with the reasons a list
// is refused before anything is sent.
import { INVITE_LIST_LINE_MAX, INVITE_LIST_MAX_LINES } from '../../../../shared/api/events.ts';

export type ListProblem = 'empty' | 'tooMany' | 'tooLong' | 'encoding';
export type ListLines = { lines: string[]; problem: ListProblem | null };

/** One customer code or name per line; from a CSV row only the first cell (quotes removed). */
export function linesOf(text: string): ListLines {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((row) => firstCell(row).trim())
    .filter((line) => line !== '');
  if (lines.length === 0) return { lines, problem: 'empty' };
  if (lines.length > INVITE_LIST_MAX_LINES) return { lines, problem: 'tooMany' };
  if (lines.some((line) => line.length > INVITE_LIST_LINE_MAX)) return { lines, problem: 'tooLong' };
  return { lines, problem: null };
}

function firstCell(row: string): string {
  if (row.startsWith('"')) {
    const end = row.indexOf('"', 1);
    return end === -1 ? row.slice(1) : row.slice(1, end);
  }
  const cut = row.search(/[,\t;]/);
  return cut === -1 ? row : row.slice(0, cut);
}

/**
 * A list file's text: UTF-8 (with or without BOM), else GB18030 (what Excel in Chinese saves as
 * "CSV"); null when it is neither (a binary file, a workbook): the dialog says so.
 */
export function decodeListFile(bytes: Uint8Array): string | null {
  if (bytes.includes(0)) return null; // text lists never hold NUL bytes: a workbook or other binary file
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    } catch {
      return null;
    }
  }
}
