// File names from users are untrusted: a browser, a path the Electron app was given, a name typed
// into a rename box. What the core keeps and shows, and what a "Save a copy" offers as the name to
// save under, must be one plain name that every system the shop uses can create: no folders in it,
// nothing invisible, nothing Windows refuses or treats as a device, not longer than a file system
// allows, and one spelling of each character (the same name typed on a Mac and on Windows is one
// name).

/** What a name may take at most, in UTF-8 bytes: ext4, APFS and NTFS all allow 255 (NTFS counts UTF-16 units, never more than the UTF-8 bytes). */
export const FILE_NAME_MAX_BYTES = 255;

/** The name of a file whose own name leaves nothing usable. */
export const FALLBACK_FILE_NAME = 'file';

/** An extension kept whole when a long name is shortened (".pdf", ".docx", ".tar"), never a long tail after a dot. */
const EXTENSION = /\.[^.\s]{1,16}$/u;

/**
 * Names Windows keeps for devices, with or without an extension (`NUL.txt` opens the null device):
 * the name up to its first dot, ignoring letter case and trailing spaces. The superscript digits
 * count too on current Windows.
 */
const RESERVED = /^(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³]|CONIN\$|CONOUT\$)$/iu;

/** Characters Windows refuses in a name (besides the path separators, handled first). */
const WINDOWS_INVALID = /[<>:"|?*]/gu;

/** Control, format (bidirectional overrides, zero-width characters) and line or paragraph separators. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

const encoder = new TextEncoder();
const bytesOf = (text: string) => encoder.encode(text).byteLength;

/** `text` cut to at most `max` UTF-8 bytes, never inside a character or a grapheme (a letter and its accents, an emoji). */
function cutToBytes(text: string, max: number): string {
  if (bytesOf(text) <= max) return text;
  let kept = '';
  let used = 0;
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) {
    const size = bytesOf(segment);
    if (used + size > max) break;
    kept += segment;
    used += size;
  }
  return kept;
}

/** No spaces at the start; no dots or spaces at the end (Windows drops them, so `a.txt.` and `a.txt` would clash). */
const trimEnds = (text: string) => text.replace(/^\s+/u, '').replace(/[.\s]+$/u, '');

/**
 * The usable name in `name`, or '' when nothing is left: the last part of a path (either
 * separator), in Unicode NFC, without invisible characters, with Windows' forbidden characters
 * as `_` and runs of dots as one, no leading spaces or trailing dots and spaces, a Windows device
 * name prefixed with `_`, and at most FILE_NAME_MAX_BYTES UTF-8 bytes, keeping the extension.
 */
export function usableFileName(name: string): string {
  const normal = name.normalize('NFC');
  const last = normal.slice(Math.max(normal.lastIndexOf('/'), normal.lastIndexOf('\\')) + 1);
  let cleaned = trimEnds(
    last
      .replace(INVISIBLE, '')
      .replace(WINDOWS_INVALID, '_')
      // `..` (a parent folder) never survives, whatever is around it.
      .replace(/\.{2,}/gu, '.'),
  );
  const stem = cleaned.split('.')[0]!; // split always gives at least one part
  if (RESERVED.test(stem.trimEnd())) cleaned = `_${cleaned}`;
  if (bytesOf(cleaned) > FILE_NAME_MAX_BYTES) {
    const extension = EXTENSION.exec(cleaned)?.[0] ?? '';
    const base = cleaned.slice(0, cleaned.length - extension.length);
    cleaned = trimEnds(cutToBytes(base, FILE_NAME_MAX_BYTES - bytesOf(extension))) + extension;
    // A base of nothing but dots and spaces leaves only the extension: keep it as a name, not a hidden file.
    if (cleaned === extension) cleaned = FALLBACK_FILE_NAME + extension;
  }
  return cleaned;
}

/** A safe name for display and for saving: `usableFileName`, or FALLBACK_FILE_NAME when nothing is left. */
export function cleanFileName(name: string): string {
  return usableFileName(name) || FALLBACK_FILE_NAME;
}

/** Whether two names are the same file name however their characters were composed (NFC), after cleaning. */
export function sameFileName(a: string, b: string): boolean {
  return cleanFileName(a) === cleanFileName(b);
}
