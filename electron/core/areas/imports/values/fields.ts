// Coded and checked fields: e-mail, website, grade, kind, stage, size, tags, numbers, yes/no. Coded
// values accept the code itself, the words the app shows and an export writes in both languages
// (EXPORT_VALUES), and the words shops commonly use (short forms, A/B/C/D grades), case and width
// ignored. An empty cell is ok(null) (the field keeps its default) or '' / [] for text.
import { z } from 'zod';
import { CUSTOMER_KINDS, GRADES, SIZES, STAGES } from '../../../../../shared/api/customers.ts';
import { EXPORT_VALUES } from '../../../../../shared/api/exports.ts';
import type { ImportRowCode } from '../../../../../shared/api/imports.ts';
import { bad, folded, ok, type CellResult, type RawCell } from './result.ts';

/** A word compared with others: folded, lower case, without spaces. */
export function wordKey(text: string): string {
  return folded(text).toLowerCase().replace(/[\s\u00a0\u3000]+/g, '');
}

function lookup<C extends string>(codes: readonly C[], exported: Record<C, Record<string, string>>, extra: Record<string, C>): Map<string, C> {
  const map = new Map<string, C>();
  for (const code of codes) {
    map.set(wordKey(code), code);
    for (const word of Object.values(exported[code])) map.set(wordKey(word), code);
  }
  for (const [word, code] of Object.entries(extra)) map.set(wordKey(word), code);
  return map;
}

const GRADE_WORDS = lookup(GRADES, EXPORT_VALUES.grade, {
  VIP: 'vip', 'VIP客户': 'vip', 贵宾: 'vip', 贵宾客户: 'vip', A: 'vip', A类: 'vip', A级: 'vip', A类客户: 'vip',
  重点: 'key', 重要: 'key', 重要客户: 'key', 'key account': 'key', important: 'key', B: 'key', B类: 'key', B级: 'key', B类客户: 'key',
  普通: 'normal', 一般: 'normal', 一般客户: 'normal', regular: 'normal', ordinary: 'normal', standard: 'normal', C: 'normal', C类: 'normal', C级: 'normal', C类客户: 'normal',
  潜力: 'potential', 潜在: 'potential', 潜在客户: 'potential', prospect: 'potential', D: 'potential', D类: 'potential', D级: 'potential', D类客户: 'potential',
});
const KIND_WORDS = lookup(CUSTOMER_KINDS, EXPORT_VALUES.kind, {
  公司: 'company', 企业客户: 'company', 单位: 'company', 机构: 'company', 商户: 'company', business: 'company', corporate: 'company', organisation: 'company', organization: 'company',
  个人客户: 'person', 个体: 'person', individual: 'person', personal: 'person', private: 'person',
});
const STAGE_WORDS = lookup(STAGES, EXPORT_VALUES.stage, {
  线索客户: 'lead', 潜客: 'lead', 新: 'new', 'new customer': 'new', 活跃客户: 'active', 成交客户: 'active', 休眠客户: 'dormant', 沉睡: 'dormant', 沉睡客户: 'dormant', inactive: 'dormant', 流失客户: 'lost', 已流失: 'lost', churned: 'lost',
});
const SIZE_WORDS = lookup(SIZES, EXPORT_VALUES.size, { 微: 'micro', 小: 'small', 中: 'medium', 大: 'large', 微型企业: 'micro', 小型企业: 'small', 中型企业: 'medium', 大型企业: 'large' });
const YES_NO = lookup(['yes', 'no'] as const, EXPORT_VALUES.yesNo, { y: 'yes', n: 'no', true: 'yes', false: 'no', '1': 'yes', '0': 'no', 对: 'yes', 不是: 'no', '✓': 'yes', '√': 'yes', '×': 'no' });

function coded<C extends string>(words: Map<string, C>, code: ImportRowCode, text: string): CellResult<C | null> {
  const key = wordKey(text);
  if (key === '') return ok(null);
  const found = words.get(key);
  return found === undefined ? bad(code) : ok(found);
}

export const parseGradeCell = (text: string): CellResult<(typeof GRADES)[number] | null> => coded(GRADE_WORDS, 'grade', text);
export const parseKindCell = (text: string): CellResult<(typeof CUSTOMER_KINDS)[number] | null> => coded(KIND_WORDS, 'kind', text);
export const parseStageCell = (text: string): CellResult<(typeof STAGES)[number] | null> => coded(STAGE_WORDS, 'stage', text);
export const parseSizeCell = (text: string): CellResult<(typeof SIZES)[number] | null> => coded(SIZE_WORDS, 'size', text);

/** Yes/no (a contact's "decision maker"): 是/否, yes/no, true/false, 1/0; a workbook's TRUE/FALSE. */
export function parseYesNoCell(text: string, raw?: RawCell): CellResult<boolean | null> {
  if (typeof raw === 'boolean') return ok(raw);
  const result = coded(YES_NO, 'invalid', text);
  return result.ok ? ok(result.value === null ? null : result.value === 'yes') : result;
}

const EmailSchema = z.email().max(200);

/** An e-mail address as the core accepts it (zod's e-mail rule, ≤ 200 characters), full-width ＠ folded. */
export function parseEmailCell(text: string): CellResult<string> {
  const t = folded(text);
  if (t === '') return ok('');
  return EmailSchema.safeParse(t).success ? ok(t) : bad('email');
}

const WEBSITE = /^(https?:\/\/)?[\w-]+(\.[\w-]+)+(\S*)$/i;

/** A website as the core accepts it (shared/api/customers.ts), ≤ 300 characters. */
export function parseWebsiteCell(text: string): CellResult<string> {
  const t = folded(text);
  if (t === '') return ok('');
  return t.length <= 300 && WEBSITE.test(t) ? ok(t) : bad('website');
}

/** Tags split on , ， ; ； 、 | ｜ and new lines (not on spaces: a tag may have them); blanks and repeats dropped. */
export const TAG_SEPARATORS = /[,，;；、|｜\r\n]+/;
const MAX_TAG = 40;
const MAX_TAGS = 50;

export function parseTagsCell(text: string): CellResult<string[]> {
  const seen = new Set<string>();
  for (const part of text.split(TAG_SEPARATORS)) {
    const tag = part.replace(/^[\s\u00a0\u3000]+|[\s\u00a0\u3000]+$/g, '');
    if (tag !== '') seen.add(tag);
  }
  const tags = [...seen];
  if (tags.length > MAX_TAGS || tags.some((t) => t.length > MAX_TAG)) return bad('tags');
  return ok(tags);
}

/** A number: a workbook's own, or text with thousands separators, a currency sign, full-width digits (¥1,234.50 → 1234.5). null when empty. */
export function parseNumberCell(text: string, raw?: RawCell): CellResult<number | null> {
  if (typeof raw === 'number') return Number.isFinite(raw) ? ok(raw) : bad('number');
  const t = folded(text).replace(/^[¥￥$€£]|元$/g, '').replace(/,(?=\d{3}(?:\D|$))/g, '').trim();
  if (t === '') return ok(null);
  if (!/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i.test(t)) return bad('number');
  const n = Number(t);
  return Number.isFinite(n) ? ok(n) : bad('number');
}
