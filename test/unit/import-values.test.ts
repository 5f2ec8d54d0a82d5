// The import's cell parsers (electron/core/areas/imports/values): dates in the forms shops write
// them and Excel's serial days, phones kept as text (leading zeros) and refused when Excel wrote
// them in scientific notation, e-mail, grades, kinds, stages, sizes, tags, numbers; and header
// auto-matching in Chinese and English, export headers included.
import { describe, expect, it } from 'vitest';
import { ContactDraft, CustomerFields } from '../../shared/api/customers.ts';
import { EXPORT_COLUMNS, EXPORT_HEADERS, EXPORT_VALUES } from '../../shared/api/exports.ts';
import { IMPORT_FIELDS } from '../../shared/api/imports.ts';
import { neutralise } from '../../electron/core/areas/exports/cells.ts';
import { FORMULA_START_CHARACTERS } from '../../shared/formula-text.ts';
import fc from 'fast-check';
import {
  cellText,
  findHeaderRow,
  matchHeaders,
  parseBirthdayCell,
  parseDateCell,
  parseEmailCell,
  parseGradeCell,
  parseKindCell,
  parseNumberCell,
  parsePhoneCell,
  parseSizeCell,
  parseStageCell,
  parseTagsCell,
  parseWebsiteCell,
  parseYesNoCell,
  phoneKey,
  serialToDate,
} from '../../electron/core/areas/imports/values/index.ts';

describe('dates', () => {
  it('reads the forms shops write', () => {
    for (const text of ['2024-03-05', '2024/3/5', '2024-3-5', '2024.3.5', '2024年3月5日', '2024年03月05号', ' 2024/03/05 ', '２０２４/３/５', '20240305', '2024-03-05 14:30', '2024/3/5 14:30:00', '2024-03-05T08:00:00']) {
      expect(parseDateCell(text), text).toEqual({ ok: true, value: '2024-03-05' });
    }
    expect(parseDateCell('')).toEqual({ ok: true, value: '' });
  });

  it('refuses days that do not exist and text that is no date', () => {
    for (const text of ['2024/2/30', '2023-02-29', '2024-13-01', '2024-00-10', '2024/3/5/1', '3/5/2024', '明天', '2024-3', '1.38E+10', '2024/3-5']) {
      expect(parseDateCell(text), text).toEqual({ ok: false, code: 'date' });
    }
    expect(parseDateCell('2024-02-29')).toEqual({ ok: true, value: '2024-02-29' });
  });

  it('reads Excel serial days, with the 1900 leap-year bug, from a workbook number or digits a CSV kept', () => {
    expect(serialToDate(1)).toBe('1900-01-01');
    expect(serialToDate(59)).toBe('1900-02-28');
    expect(serialToDate(60)).toBeNull(); // 1900-02-29, which never was
    expect(serialToDate(61)).toBe('1900-03-01');
    expect(serialToDate(45356)).toBe('2024-03-05');
    expect(serialToDate(45356.75)).toBe('2024-03-05');
    expect(serialToDate(2_958_465)).toBe('9999-12-31');
    expect(serialToDate(2_958_466)).toBeNull();
    expect(serialToDate(0)).toBeNull();
    expect(serialToDate(0, true)).toBe('1904-01-01');
    expect(serialToDate(43894, true)).toBe('2024-03-05'); // 1,462 days fewer than in the 1900 system
    expect(parseDateCell('45356', 45356)).toEqual({ ok: true, value: '2024-03-05' });
    expect(parseDateCell('2024-03-05', 45356)).toEqual({ ok: true, value: '2024-03-05' });
    expect(parseDateCell('45356')).toEqual({ ok: true, value: '2024-03-05' });
    expect(parseDateCell('0', 0)).toEqual({ ok: false, code: 'date' });
    expect(parseDateCell('3000000', 3_000_000)).toEqual({ ok: false, code: 'date' });
  });
});

describe('phones', () => {
  it('keeps text as written, leading zeros and all, with full-width digits folded', () => {
    expect(parsePhoneCell('0755-88888888')).toEqual({ ok: true, value: '0755-88888888' });
    expect(parsePhoneCell('013800138000')).toEqual({ ok: true, value: '013800138000' });
    expect(parsePhoneCell('１３８００１３８０００')).toEqual({ ok: true, value: '13800138000' });
    expect(parsePhoneCell('（０１０）６２２２ ３３３３')).toEqual({ ok: true, value: '(010)6222 3333' });
    expect(parsePhoneCell('+86 138 0013 8000')).toEqual({ ok: true, value: '+86 138 0013 8000' });
    expect(parsePhoneCell('010—62223333')).toEqual({ ok: true, value: '010-62223333' });
    expect(parsePhoneCell('010-62223333 转 808')).toEqual({ ok: true, value: '010-62223333 转 808' });
    expect(parsePhoneCell('')).toEqual({ ok: true, value: '' });
  });

  it('refuses scientific notation (digits lost), never guessing', () => {
    for (const text of ['1.38E+10', '1.38e+10', '1.38001E+11', '１.３８Ｅ＋１０', '1E10', '1,38E+10']) expect(parsePhoneCell(text), text).toEqual({ ok: false, code: 'scientific' });
  });

  it("takes a workbook number's exact digits, whatever it shows", () => {
    expect(parsePhoneCell('1.38E+10', 13800138000)).toEqual({ ok: true, value: '13800138000' });
    expect(parsePhoneCell('13800138000', 13800138000)).toEqual({ ok: true, value: '13800138000' });
    // Shown with its leading zero (a padding format, a web page's cell): the shown digits.
    expect(parsePhoneCell('013800138000', 13800138000)).toEqual({ ok: true, value: '013800138000' });
    expect(parsePhoneCell('1.5', 1.5)).toEqual({ ok: false, code: 'phone' });
    expect(parsePhoneCell('12', 12)).toEqual({ ok: false, code: 'phone' });
  });

  it('refuses what the core refuses', () => {
    for (const text of ['abc', '12', '138-0013-800a', '1'.repeat(41), '138****8000']) {
      expect(parsePhoneCell(text), text).toEqual({ ok: false, code: 'phone' });
      if (text !== '138****8000') expect(CustomerFields.shape.phone.safeParse(text).success, text).toBe(false);
    }
    for (const text of ['0755-88888888', '+86 138 0013 8000', '(010)6222 3333', '010-62223333 转 808']) expect(CustomerFields.shape.phone.safeParse(text).success, text).toBe(true);
  });

  it('reduces a phone to the digits that identify it, +86 and 0086 dropped', () => {
    expect(phoneKey('+86 138-0013-8000')).toBe('13800138000');
    expect(phoneKey('0086 13800138000')).toBe('13800138000');
    expect(phoneKey('１３８ ００１３ ８０００')).toBe('13800138000');
    expect(phoneKey('0755-88888888')).toBe('075588888888');
    expect(phoneKey('12')).toBe('');
  });
});

describe('e-mail and website', () => {
  it('accepts what the core accepts', () => {
    expect(parseEmailCell(' a.b@shop.cn ')).toEqual({ ok: true, value: 'a.b@shop.cn' });
    expect(parseEmailCell('ａ＠ｓｈｏｐ．ｃｎ')).toEqual({ ok: true, value: 'a@shop.cn' });
    expect(parseEmailCell('')).toEqual({ ok: true, value: '' });
    for (const text of ['a@', 'shop.cn', 'a@@b.cn', 'a b@c.cn', 'a***@shop.cn']) expect(parseEmailCell(text), text).toEqual({ ok: false, code: 'email' });
    expect(ContactDraft.shape.email.safeParse('a.b@shop.cn').success).toBe(true);
    expect(parseWebsiteCell('www.shop.cn')).toEqual({ ok: true, value: 'www.shop.cn' });
    expect(parseWebsiteCell('not a site')).toEqual({ ok: false, code: 'website' });
  });
});

describe('coded values', () => {
  it('read grades in Chinese and English, the words the app shows and short forms, case and width ignored', () => {
    const cases: [string, string][] = [
      ['VIP客户', 'vip'], ['vip', 'vip'], ['ＶＩＰ', 'vip'], ['A类', 'vip'],
      ['重点客户', 'key'], ['重点', 'key'], ['Key', 'key'], ['key account', 'key'],
      ['普通客户', 'normal'], ['普通', 'normal'], ['NORMAL', 'normal'],
      ['潜力客户', 'potential'], ['潜力', 'potential'], ['Potential', 'potential'], ['潜在客户', 'potential'],
    ];
    for (const [text, grade] of cases) expect(parseGradeCell(text), text).toEqual({ ok: true, value: grade });
    expect(parseGradeCell('')).toEqual({ ok: true, value: null });
    expect(parseGradeCell('超级客户')).toEqual({ ok: false, code: 'grade' });
  });

  it('read every word an export writes, in both languages', () => {
    const parsers = { kind: parseKindCell, grade: parseGradeCell, stage: parseStageCell, size: parseSizeCell } as const;
    for (const [list, parse] of Object.entries(parsers)) {
      const lists = EXPORT_VALUES[list as keyof typeof parsers] as Record<string, Record<string, string>>; // one value list's words per code
      for (const [code, words] of Object.entries(lists)) {
        expect(parse(code), code).toEqual({ ok: true, value: code });
        for (const word of Object.values(words)) expect(parse(word), word).toEqual({ ok: true, value: code });
      }
    }
  });

  it('read kinds, stages, sizes and yes/no', () => {
    expect(parseKindCell('公司')).toEqual({ ok: true, value: 'company' });
    expect(parseKindCell('个人')).toEqual({ ok: true, value: 'person' });
    expect(parseKindCell('Person')).toEqual({ ok: true, value: 'person' });
    expect(parseKindCell('政府')).toEqual({ ok: false, code: 'kind' });
    expect(parseStageCell('活跃客户')).toEqual({ ok: true, value: 'active' });
    expect(parseStageCell('阶段X')).toEqual({ ok: false, code: 'stage' });
    expect(parseSizeCell('中型')).toEqual({ ok: true, value: 'medium' });
    expect(parseSizeCell('巨大')).toEqual({ ok: false, code: 'size' });
    expect(parseYesNoCell('是')).toEqual({ ok: true, value: true });
    expect(parseYesNoCell('No')).toEqual({ ok: true, value: false });
    expect(parseYesNoCell('TRUE', true)).toEqual({ ok: true, value: true });
    expect(parseYesNoCell('')).toEqual({ ok: true, value: null });
  });
});

describe('tags and numbers', () => {
  it('split tags on Chinese and Latin separators, not on spaces, blanks and repeats dropped', () => {
    expect(parseTagsCell('批发，老客户;展会；VIP 客户、线上|线下｜批发\n新')).toEqual({ ok: true, value: ['批发', '老客户', '展会', 'VIP 客户', '线上', '线下', '新'] });
    expect(parseTagsCell(' , ，')).toEqual({ ok: true, value: [] });
    expect(parseTagsCell('长'.repeat(41))).toEqual({ ok: false, code: 'tags' });
    expect(parseTagsCell(Array.from({ length: 51 }, (_, i) => `t${i}`).join(','))).toEqual({ ok: false, code: 'tags' });
  });

  it('read numbers with separators and currency signs, and a workbook number as it is', () => {
    expect(parseNumberCell('¥1,234.50')).toEqual({ ok: true, value: 1234.5 });
    expect(parseNumberCell('１２３４')).toEqual({ ok: true, value: 1234 });
    expect(parseNumberCell('100元')).toEqual({ ok: true, value: 100 });
    expect(parseNumberCell('-3.5')).toEqual({ ok: true, value: -3.5 });
    expect(parseNumberCell('1,234.50', 1234.5)).toEqual({ ok: true, value: 1234.5 });
    expect(parseNumberCell('')).toEqual({ ok: true, value: null });
    expect(parseNumberCell('一百')).toEqual({ ok: false, code: 'number' });
    expect(parseNumberCell('1,2,3')).toEqual({ ok: false, code: 'number' });
  });
});

const unmatched = (kind: 'customers' | 'contacts') => Object.fromEntries(IMPORT_FIELDS[kind].map((f) => [f, null]));

describe('header matching', () => {
  it('matches the headers shops write, in Chinese', () => {
    const headers = ['序号', '客户名称', '联系人', '手机号码', '电话', '邮箱', '地址', '行业', '地区', '客户等级', '标签', '生日', '备注', '微信', '负责人'];
    expect(matchHeaders(headers, 'customers', 2)).toEqual({
      headerRow: 2,
      columns: { ...unmatched('customers'), name: 1, contactName: 2, contactMobile: 3, phone: 4, email: 5, address: 6, industry: 7, region: 8, grade: 9, tags: 10, birthday: 11, notes: 12, contactWechat: 13, ownerUsername: 14 },
    });
  });

  it('matches English headers, width, case, marks and remarks ignored', () => {
    const headers = ['Name*', 'MOBILE', 'Phone', 'E-mail', 'Ｃｏｎｔａｃｔ', 'Address', 'Industry', 'Region', 'Grade', 'Tags', 'Birthday', 'Notes', '手机（必填）'];
    expect(matchHeaders(headers, 'customers').columns).toEqual({
      ...unmatched('customers'),
      name: 0, contactMobile: 1, phone: 2, email: 3, contactName: 4, address: 5, industry: 6, region: 7, grade: 8, tags: 9, birthday: 10, notes: 11,
    });
    expect(matchHeaders(['公司名称', '客户手机号码', '公司名称'], 'customers').columns).toMatchObject({ name: 0, contactMobile: 1 });
  });

  it("recognises every header an export writes, in both languages, as that column's field", () => {
    for (const language of ['zh-CN', 'en-US'] as const) {
      const columns = EXPORT_COLUMNS.customers;
      const headers = columns.map((c) => EXPORT_HEADERS.customers[c][language]);
      const mapping = matchHeaders(headers, 'customers').columns;
      for (const field of IMPORT_FIELDS.customers) {
        const column = columns.indexOf(field as (typeof columns)[number]);
        if (column >= 0) expect(mapping[field], `${language} ${field}`).toBe(column);
      }
      expect(mapping.ownerUsername).toBe(columns.indexOf('ownerUsername'));
      const contactColumns = EXPORT_COLUMNS.contacts;
      const contacts = matchHeaders(contactColumns.map((c) => EXPORT_HEADERS.contacts[c][language]), 'contacts').columns;
      expect(contacts, language).toMatchObject({
        customerCode: 0, customerName: 1, contactName: 2, contactTitle: 3, contactMobile: 4, contactPhone: 5, contactEmail: 6, contactWechat: 7, contactBirthday: 9,
      });
    }
  });

  it('finds the header row: the first with two cells naming a field, past a title and blank rows', () => {
    const rows = [
      { row: 1, cells: ['2024年客户名单'] },
      { row: 2, cells: [] },
      { row: 3, cells: ['客户名称', '手机', '地址'] },
      { row: 4, cells: ['甲', '1', 'x'] },
    ];
    expect(findHeaderRow(rows, 'customers')).toBe(3);
    expect(findHeaderRow([{ row: 1, cells: [] }, { row: 2, cells: ['foo', 'bar'] }], 'customers')).toBe(2);
    expect(findHeaderRow([], 'customers')).toBe(1);
  });
});

describe('cellText (the export formula mark taken off)', () => {
  it.each([
    ["'=1+2", '=1+2'],
    ["'+86 138 0000 0000", '+86 138 0000 0000'],
    ["'＝1", '＝1'],
    ["'\tcmd", '\tcmd'],
    ["''=x", "'=x"],
    ["'already", "'already"],
    ["'", "'"],
    ["''", "''"],
    ['张三', '张三'],
  ])('%j → %j', (cell, expected) => {
    expect(cellText(cell)).toBe(expected);
  });

  it('undoes the export for any text, over the same list of characters', () => {
    const piece = fc.constantFrom("'", 'a', ' ', '张', ...FORMULA_START_CHARACTERS);
    fc.assert(fc.property(fc.array(piece, { maxLength: 6 }).map((parts) => parts.join('')), (value) => cellText(neutralise(value)) === value));
  });
});

describe('parseBirthdayCell', () => {
  it.each([
    ['农历 2020-04L-03', { date: '2020-04L-03', calendar: 'lunar' }],
    ['Lunar 1990-08-15', { date: '1990-08-15', calendar: 'lunar' }],
    ['lunar1990-08-15', { date: '1990-08-15', calendar: 'lunar' }],
    ['1990-08-15', { date: '1990-08-15', calendar: 'gregorian' }],
    ['1990年8月15日', { date: '1990-08-15', calendar: 'gregorian' }],
    ['', ''],
  ])('%j', (cell, expected) => {
    expect(parseBirthdayCell(cell)).toEqual({ ok: true, value: expected });
  });

  it('refuses what is no date', () => {
    expect(parseBirthdayCell('明天')).toEqual({ ok: false, code: 'date' });
  });
});
