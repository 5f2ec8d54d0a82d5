// A cell's text → a field's value, for the import's rows. The reader's values module
// (./values/, helper-owned) has the full parsers; until it lands these small ones stand in, with
// the same result shape, so the switch is one import.
import { CUSTOMER_KINDS, GRADES, SIZES, STAGES } from '../../../../shared/api/customers.ts';
import type { ImportRowCode } from '../../../../shared/api/imports.ts';

export type Cell<T> = { ok: true; value: T } | { ok: false; code: ImportRowCode };
const ok = <T>(value: T): Cell<T> => ({ ok: true, value });
const no = (code: ImportRowCode): Cell<never> => ({ ok: false, code });

function isDay(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1800 && y <= 2200 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** YYYY-MM-DD from 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, or an Excel serial day (raw number). */
export function dateCell(text: string, raw?: unknown): Cell<string> {
  if (typeof raw === 'number' && Number.isFinite(raw)) {
    if (raw < 1 || raw > 2958465) return no('date');
    // Excel's day 1 is 1900-01-01 and it counts a 29 February 1900 that never was.
    const ms = Date.UTC(1899, 11, 30) + Math.floor(raw) * 86_400_000;
    return ok(new Date(ms).toISOString().slice(0, 10));
  }
  const t = text.normalize('NFKC').trim();
  if (t === '') return ok('');
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(t);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return isDay(y, mo, d) ? ok(`${y}-${pad(mo)}-${pad(d)}`) : no('date');
  }
  if (/^\d{1,7}(\.\d+)?$/.test(t) && Number(t) >= 1 && Number(t) <= 2958465) return dateCell('', Number(t));
  return no('date');
}

/** A phone as people write it; Excel's 1.38E+10 (digits lost) refused. Full-width digits folded. */
export function phoneCell(text: string, raw?: unknown): Cell<string> {
  const t = text.normalize('NFKC').trim();
  if (t === '') return ok('');
  if (/^\d(\.\d+)?e\+?\d+$/i.test(t)) return no('scientific');
  if (typeof raw === 'number' && Number.isInteger(raw) && !/e/i.test(t)) return ok(String(raw));
  return ok(t);
}

export function emailCell(text: string): Cell<string> {
  return ok(text.normalize('NFKC').trim());
}

const GRADE_WORDS: Record<string, (typeof GRADES)[number]> = { vip: 'vip', 'v.i.p': 'vip', 重点: 'key', 重要: 'key', key: 'key', 普通: 'normal', normal: 'normal', 一般: 'normal', 潜力: 'potential', 潜在: 'potential', potential: 'potential' };
const KIND_WORDS: Record<string, (typeof CUSTOMER_KINDS)[number]> = { 公司: 'company', 企业: 'company', 单位: 'company', company: 'company', 个人: 'person', person: 'person', individual: 'person' };
const STAGE_WORDS: Record<string, (typeof STAGES)[number]> = { 线索: 'lead', 潜在客户: 'lead', lead: 'lead', 新客户: 'new', 新: 'new', new: 'new', 活跃: 'active', 成交: 'active', 合作中: 'active', active: 'active', 沉睡: 'dormant', 休眠: 'dormant', dormant: 'dormant', 流失: 'lost', 已流失: 'lost', lost: 'lost' };
const SIZE_WORDS: Record<string, (typeof SIZES)[number]> = { 微型: 'micro', micro: 'micro', 小型: 'small', small: 'small', 中型: 'medium', medium: 'medium', 大型: 'large', large: 'large' };

function word<T>(table: Record<string, T>, code: ImportRowCode) {
  return (text: string): Cell<T | null> => {
    const t = text.normalize('NFKC').trim().toLowerCase();
    if (t === '') return ok(null);
    const value = table[t];
    return value === undefined ? no(code) : ok(value);
  };
}
export const gradeCell = word(GRADE_WORDS, 'grade');
export const kindCell = word(KIND_WORDS, 'kind');
export const stageCell = word(STAGE_WORDS, 'stage');
export const sizeCell = word(SIZE_WORDS, 'size');

/** Tags split on commas, semicolons, 、 and | (either width); never on spaces (a tag may have one). */
export function tagsCell(text: string): Cell<string[]> {
  return ok([...new Set(text.split(/[,，;；、|｜]/).map((tag) => tag.trim()).filter((tag) => tag !== ''))]);
}
