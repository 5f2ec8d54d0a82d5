// Untrusted file names become one plain name every system can create (electron/core/files/file-names.ts).
import { describe, expect, it } from 'vitest';
import { cleanFileName, FALLBACK_FILE_NAME, FILE_NAME_MAX_BYTES, sameFileName, usableFileName } from '../../electron/core/files/file-names.ts';

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

describe('file names from users', () => {
  it('keeps only the last part of a path, whichever separator it uses', () => {
    expect(cleanFileName('C:\\Users\\me\\shop logo.png')).toBe('shop logo.png');
    expect(cleanFileName('/home/me/合同 2026.pdf')).toBe('合同 2026.pdf');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('..\\..\\Windows\\System32\\drivers\\etc\\hosts')).toBe('hosts');
    expect(cleanFileName('folder/')).toBe(FALLBACK_FILE_NAME);
  });

  it('leaves no parent-folder `..` anywhere in the name', () => {
    expect(cleanFileName('..')).toBe(FALLBACK_FILE_NAME);
    expect(cleanFileName('.')).toBe(FALLBACK_FILE_NAME);
    expect(cleanFileName('...')).toBe(FALLBACK_FILE_NAME);
    expect(cleanFileName('report..pdf')).toBe('report.pdf');
    expect(cleanFileName('..hidden')).toBe('.hidden');
    for (const name of ['a..b', '....x....y', '..', 'x/../..', 'x\\..']) expect(cleanFileName(name)).not.toContain('..');
  });

  it('removes control and format characters (a right-to-left override hiding ".exe", zero-width spaces, line breaks)', () => {
    expect(cleanFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(cleanFileName('a\u0000b\u0007c\td\ne\r.txt')).toBe('abcde.txt');
    expect(cleanFileName('\u200Bhidden\u200D\uFEFF.txt')).toBe('hidden.txt');
    expect(cleanFileName('line\u2028para\u2029.txt')).toBe('linepara.txt');
    expect(cleanFileName('\u0085\u009F')).toBe(FALLBACK_FILE_NAME);
  });

  it('prefixes Windows device names, with or without an extension, in any letter case', () => {
    for (const name of ['CON', 'con', 'PRN', 'AUX', 'NUL', 'COM1', 'com9', 'LPT1', 'LPT9', 'COM¹', 'CONIN$', 'CONOUT$']) expect(cleanFileName(name), name).toBe(`_${name}`);
    expect(cleanFileName('NUL.txt')).toBe('_NUL.txt');
    expect(cleanFileName('con.tar.gz')).toBe('_con.tar.gz');
    expect(cleanFileName('Aux .log')).toBe('_Aux .log');
    expect(cleanFileName('C:\\temp\\lpt3.pdf')).toBe('_lpt3.pdf');
    // Not device names: longer words, other numbers.
    for (const name of ['CONTRACT.pdf', 'console.log', 'COM10.txt', 'nullable.txt', 'LPT.txt', 'auxiliary']) expect(cleanFileName(name), name).toBe(name);
  });

  it('drops trailing dots and spaces and leading spaces (Windows drops them, so two names would clash)', () => {
    expect(cleanFileName('report.pdf.')).toBe('report.pdf');
    expect(cleanFileName('report.pdf . . ')).toBe('report.pdf');
    expect(cleanFileName('   报价单.xlsx   ')).toBe('报价单.xlsx');
    expect(cleanFileName(' . ')).toBe(FALLBACK_FILE_NAME);
    expect(cleanFileName('NUL.')).toBe('_NUL');
  });

  it('replaces the characters Windows refuses in a name', () => {
    expect(cleanFileName('a<b>c:d"e|f?g*h.txt')).toBe('a_b_c_d_e_f_g_h.txt');
    expect(cleanFileName('Q1: 报告?.docx')).toBe('Q1_ 报告_.docx');
  });

  it('gives one spelling of each character (NFC), so names in any normalisation form are the same name', () => {
    const composed = 'Caf\u00E9 合同.pdf';
    const decomposed = 'Cafe\u0301 合同.pdf';
    expect(decomposed).not.toBe(composed);
    expect(cleanFileName(decomposed)).toBe(composed);
    expect(cleanFileName(composed.normalize('NFD'))).toBe(cleanFileName(composed.normalize('NFC')));
    expect(sameFileName(decomposed, composed)).toBe(true);
    // Hangul typed on a Mac arrives decomposed (NFD) and comes out as the syllables.
    expect(cleanFileName('한국어.txt'.normalize('NFD'))).toBe('한국어.txt');
    expect(sameFileName('a.txt', 'b.txt')).toBe(false);
  });

  it('caps a 1,000-character Chinese name at 255 UTF-8 bytes, keeping its extension and whole characters', () => {
    const name = `${'客户合同扫描件'.repeat(143)}.pdf`.slice(-1004); // 1,000 Chinese characters and ".pdf"
    expect([...name.slice(0, -4)]).toHaveLength(1000);
    const cleaned = cleanFileName(name);
    expect(bytes(cleaned)).toBeLessThanOrEqual(FILE_NAME_MAX_BYTES);
    expect(cleaned.endsWith('.pdf')).toBe(true);
    expect([...cleaned.slice(0, -4)]).toHaveLength(Math.floor((FILE_NAME_MAX_BYTES - 4) / 3)); // 83 characters of 3 bytes each
    expect(name.startsWith(cleaned.slice(0, -4))).toBe(true);
    expect(cleaned).not.toContain('\uFFFD');
  });

  it('caps long names of other kinds without cutting a character or grapheme apart', () => {
    const ascii = cleanFileName(`${'a'.repeat(300)}.docx`);
    expect(ascii).toBe(`${'a'.repeat(250)}.docx`);
    // Emoji of 4 bytes each are kept whole or not at all (the family's joiners are format characters: they go).
    const family = '👨‍👩‍👧';
    const emoji = cleanFileName(`${family.repeat(40)}.png`);
    expect(bytes(emoji)).toBeLessThanOrEqual(FILE_NAME_MAX_BYTES);
    expect(emoji.endsWith('.png')).toBe(true);
    expect([...emoji.slice(0, -4)].every((ch) => ['👨', '👩', '👧'].includes(ch))).toBe(true);
    // A letter with its combining accents is not split from them.
    const accents = cleanFileName(`${'x\u0301\u0302\u0303'.repeat(100)}`);
    expect(bytes(accents)).toBeLessThanOrEqual(FILE_NAME_MAX_BYTES);
    expect(accents.length % 4).toBe(0);
    // A long tail after a dot is no extension: it is shortened like the rest.
    const tail = cleanFileName(`report.${'x'.repeat(400)}`);
    expect(bytes(tail)).toBe(FILE_NAME_MAX_BYTES);
    expect(tail.startsWith('report.')).toBe(true);
    // Shortening leaves no trailing dot or space.
    const spaced = cleanFileName(`${'b'.repeat(249)}  . x.txt`);
    expect(bytes(spaced)).toBeLessThanOrEqual(FILE_NAME_MAX_BYTES);
    expect(/[. ]\.txt$/.test(spaced)).toBe(false);
  });

  it('names a file whose name leaves nothing "file", and tells the two apart for a rename', () => {
    for (const name of ['', '   ', '/', '\\', '..', '\u202E', '...   ']) {
      expect(cleanFileName(name), JSON.stringify(name)).toBe(FALLBACK_FILE_NAME);
      expect(usableFileName(name), JSON.stringify(name)).toBe('');
    }
    expect(cleanFileName(`${' '.repeat(300)}.pdf`)).toBe('.pdf');
    expect(cleanFileName(`x${'.'.repeat(300)}`)).toBe('x');
  });

  it('is idempotent: a cleaned name cleans to itself', () => {
    const names = ['C:\\a\\NUL.txt', `${'合'.repeat(400)}.pdf`, 'Cafe\u0301..pdf. ', 'a<b>.txt', '\u202Eabc', ' x ', '👨‍👩‍👧.png'];
    for (const name of names) expect(cleanFileName(cleanFileName(name)), name).toBe(cleanFileName(name));
  });
});
