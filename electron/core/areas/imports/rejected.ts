// The rejected rows of a run as a CSV to fix and import again: the file's header and each rejected
// row's cells as they were, with an error column at the end in the caller's language. UTF-8 with a
// BOM, so Excel opens it with the Chinese intact. Read from the run's staging, a chunk at a time.
import { stringify } from 'csv-stringify/sync';
import type { ImportRowCode, ImportRowError } from '../../../../shared/api/imports.ts';
import type { Db } from '../../db/database.ts';

type Language = 'zh-CN' | 'en-US';

const CODES: Record<Language, Record<ImportRowCode, string>> = {
  'zh-CN': {
    required: '必填',
    tooLong: '内容过长',
    date: '不是有效日期',
    phone: '不是有效电话',
    email: '不是有效邮箱',
    website: '不是有效网址',
    number: '不是有效数字',
    grade: '等级无法识别',
    kind: '类型无法识别',
    stage: '阶段无法识别',
    size: '规模无法识别',
    scientific: '号码被 Excel 写成科学计数法，位数已丢失',
    tags: '标签有误',
    owner: '没有这个负责人账号',
    customer: '找不到该客户',
    ambiguous: '匹配到多个客户',
    lunarDate: '不是有效农历日期',
    invalid: '内容无效',
    currency: '币种无法识别',
    amount: '折扣超过金额或合计过大',
  },
  'en-US': {
    required: 'required',
    tooLong: 'too long',
    date: 'not a valid date',
    phone: 'not a valid phone number',
    email: 'not a valid e-mail address',
    website: 'not a valid website',
    number: 'not a valid number',
    grade: 'unknown grade',
    kind: 'unknown kind',
    stage: 'unknown stage',
    size: 'unknown size',
    scientific: 'Excel wrote the number in scientific notation: digits were lost',
    tags: 'invalid tags',
    owner: 'no such responsible user',
    customer: 'no such customer',
    ambiguous: 'matches several customers',
    lunarDate: 'not a valid lunar date',
    invalid: 'invalid',
    currency: 'unknown currency',
    amount: 'discount more than the amount, or total too large',
  },
};

const ERROR_HEADER: Record<Language, string> = { 'zh-CN': '错误', 'en-US': 'Errors' };

function describe(errors: readonly ImportRowError[], headers: readonly string[], columns: Record<string, number | null>, language: Language): string {
  return errors
    .map((error) => {
      const column = columns[error.field];
      const where = column === null || column === undefined ? error.field : (headers[column] ?? error.field);
      const what = CODES[language][error.code];
      return where === '' ? what : `${where}: ${what}`;
    })
    .join(language === 'zh-CN' ? '；' : '; ');
}

/** The CSV's chunks (a BOM first), or nothing when the run rejected no row. */
export async function* rejectedCsv(db: Db, runKey: string, headers: readonly string[], columns: Record<string, number | null>, language: Language): AsyncGenerator<Uint8Array> {
  const width = headers.length;
  let after = 0;
  let first = true;
  for (;;) {
    const rows = await db.selectFrom('import_staging').select(['row', 'data', 'cells']).where('run', '=', runKey).where('action', '=', 'error').where('row', '>', after).orderBy('row').limit(1000).execute();
    if (rows.length === 0) return;
    const records = rows.map((r) => {
      const cells = JSON.parse(r.cells) as string[];
      const padded = Array.from({ length: Math.max(width, cells.length) }, (_, i) => cells[i] ?? '');
      return [...padded, describe(JSON.parse(r.data) as ImportRowError[], headers, columns, language)];
    });
    if (first) {
      yield new TextEncoder().encode('\uFEFF' + stringify([[...headers, ERROR_HEADER[language]]], { record_delimiter: 'windows' }));
      first = false;
    }
    yield new TextEncoder().encode(stringify(records, { record_delimiter: 'windows' }));
    after = rows.at(-1)!.row; // not empty
  }
}
