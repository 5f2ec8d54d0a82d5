// The audit log's "field: before → after" in the user's language. Entries store data (field names,
// enum values, ids, booleans, ISO instants, contact lists); this turns each into words, so no code
// such as `normal`, `staff` or `false` reaches the screen. Pure: test/integration/audit-display.test.ts
// renders every kind of entry the core writes, in both languages, and fails on a raw code.
import type { TFunction } from 'i18next';
import type { AuditEntry } from '../../../../shared/api/audit.ts';
import { GradingRule } from '../../../../shared/api/grading.ts';
import { parseLunarDate } from '../../../../shared/lunar-date.ts';
import { bytesIn, calendarDateIn, lunarDateIn } from '../../i18n/format.ts';
import { decimalText, formatMoney } from '../contracts/money.ts';
import { ruleSentence } from '../grading/grading-format.ts';

export type AuditFormat = {
  t: TFunction;
  /** 'zh-CN' or 'en-US': dates, numbers and list separators. */
  lng: string;
  /** A user's name by id (responsible staff member), or null when unknown. */
  userName: (id: number) => string | null;
};

type Change = AuditEntry['changes'][number];

/** Fields whose values are codes of a closed list, and where their names are. */
const ENUMS: Record<string, string> = {
  kind: 'customer.kinds',
  size: 'customer.sizes',
  stage: 'customer.stages',
  grade: 'customer.grades',
  birthdayCalendar: 'customer.calendars',
  role: 'roles',
  // Complaints (features/complaints): their closed lists in that area's own words.
  category: 'complaint.categories',
  severity: 'complaint.severities',
  complaintSource: 'complaint.sources',
  complaintStatus: 'complaint.statuses',
  // Today's marks (features/today): what kind of item was snoozed or done.
  itemKind: 'today.kinds',
  // A catalogue item's kind (features/sales), a grading decision (features/grading), a dismissed churn rule (features/churn).
  catalogueKind: 'catalogue.kinds',
  decision: 'grading.decisions',
  rule: 'churn.rules',
  // A competitor's price level and our position against it at a customer (features/competitors).
  priceLevel: 'competitor.priceLevels',
  competitorPosition: 'presence.positions',
  // A need's kind and status (features/needs).
  needKind: 'need.kinds',
  needStatus: 'need.statuses',
  // A coupon's status (features/loyalty): its own words (未使用), not another area's 'open'.
  couponStatus: 'customerLoyalty.couponStatus',
};

/** Fields holding a calendar day `YYYY-MM-DD` (a contract's dates, a printed visit sheet's days, a visit's day). */
const DATE_FIELDS = new Set(['signedOn', 'startOn', 'endOn', 'terminatedOn', 'sheetFrom', 'sheetTo', 'followUpOn', 'onDay', 'occurrence', 'snoozedUntil', 'soldOn', 'neededBy', 'contractEndOn']);

/** Contact fields in the order shown after the name. */
const CONTACT_DETAILS = ['title', 'phone', 'mobile', 'email', 'wechat', 'birthday'] as const;
/** Contacts logged before entries stored objects: the fields joined with " / ", in this order. */
const LEGACY_CONTACT = ['name', 'title', 'phone', 'mobile', 'email', 'wechat', 'decisionMaker', 'birthday'] as const;

function translated(f: AuditFormat, key: string): string | null {
  const text: unknown = f.t(key, { defaultValue: '', returnObjects: true });
  return typeof text === 'string' && text !== '' ? text : null;
}

function list(f: AuditFormat, items: string[]): string {
  return items.join(f.lng === 'zh-CN' ? '、' : ', ');
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

/** The field's name in the user's language; the stored name only for a field no screen knows. */
export function auditFieldLabel(f: AuditFormat, field: string): string {
  if (field === 'ownerId') return translated(f, 'customer.owner') ?? field;
  return translated(f, `audit.fields.${field}`) ?? translated(f, `customer.${field}`) ?? field;
}

/**
 * A birthday as the customer page shows it (农历闰四月初三 / Lunar leap 4/3, or 1980年8月15日).
 * Entries store `{ date, calendar }`; older ones the date alone, with the calendar in a
 * birthdayCalendar change of the same entry if it changed. Without either, the form tells a
 * lunar-only date (`2020-04L-03`, `--08-15`); a plain YYYY-MM-DD is taken as Gregorian, the default.
 */
function birthdayText(f: AuditFormat, value: unknown, calendarBeside: unknown): string | null {
  const stored = value !== null && typeof value === 'object' && 'date' in value && 'calendar' in value;
  const date = stored ? value.date : value;
  const calendar = stored ? value.calendar : calendarBeside;
  if (typeof date !== 'string' || date === '') return null;
  const lunar = parseLunarDate(date);
  const isLunar = calendar === 'lunar' || (calendar === undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date));
  return lunar && isLunar ? lunarDateIn(f, lunar) : calendarDateIn(f.lng, date);
}

function contactText(f: AuditFormat, contact: unknown): string {
  let fields: Record<string, unknown>;
  if (typeof contact === 'string') {
    const parts = contact.split(' / ');
    fields = Object.fromEntries(LEGACY_CONTACT.map((key, i) => [key, key === 'decisionMaker' ? parts[i] === 'true' : (parts[i] ?? '')]));
  } else if (contact !== null && typeof contact === 'object') {
    fields = contact as Record<string, unknown>; // an object of the contact's filled-in fields
  } else return plain(f, contact);
  const details = CONTACT_DETAILS.map((key) => (key === 'birthday' ? birthdayText(f, fields[key], 'gregorian') : fields[key])).filter((v): v is string => typeof v === 'string' && v !== '');
  if (fields.decisionMaker === true) details.push(f.t('contact.decisionMaker'));
  const name = typeof fields.name === 'string' && fields.name !== '' ? fields.name : f.t('common.none');
  if (details.length === 0) return name;
  return f.lng === 'zh-CN' ? `${name}（${details.join('，')}）` : `${name} (${details.join(', ')})`;
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * A contract's amount: entries store `{ minor, currency }`; older ones the minor units alone, with
 * the currency in a currency change of the same entry if it changed. Without any currency the
 * amount is still a decimal number (two places, the common case), never raw minor units.
 */
function amountText(f: AuditFormat, value: unknown, currencyBeside: unknown): string | null {
  const minor = isRecord(value) ? value.minor : value;
  const currency = isRecord(value) ? value.currency : currencyBeside;
  if (typeof minor !== 'number' || !Number.isSafeInteger(minor)) return null;
  if (typeof currency === 'string' && currency !== '') return formatMoney(minor, currency, f.lng);
  return new Intl.NumberFormat(f.lng, { minimumFractionDigits: 2 }).format(decimalText(minor, 'CNY') as `${number}`); // exact: a decimal string, never a float
}

/** A contract's customer as it was when the entry was written (`{ id, name, code }`); older entries hold the id alone. */
function customerText(f: AuditFormat, value: unknown): string | null {
  if (typeof value === 'number') return `#${value}`;
  if (!isRecord(value) || typeof value.name !== 'string') return null;
  const code = typeof value.code === 'string' && value.code !== '' ? value.code : null;
  if (code === null) return value.name;
  return f.lng === 'zh-CN' ? `${value.name}（${code}）` : `${value.name} (${code})`;
}

/** A stored file as entries describe it (the shop logo: `{ sha256, size, type }`): its type and size, not its hash. */
function fileText(f: AuditFormat, value: unknown): string | null {
  if (!isRecord(value) || typeof value.size !== 'number' || typeof value.type !== 'string') return null;
  const size = bytesIn(f.lng, value.size);
  return f.lng === 'zh-CN' ? `${value.type}（${size}）` : `${value.type} (${size})`;
}

/** A survey's answer as entries keep it (`{ key, name, score }`): the dimension's name (a built-in one's in the user's language) and the score, "服务态度 2". */
function scoreText(f: AuditFormat, value: unknown): string {
  if (!isRecord(value) || typeof value.key !== 'string' || typeof value.score !== 'number') return plain(f, value);
  const name = typeof value.name === 'string' && value.name !== '' ? value.name : (translated(f, `surveys.dimensions.${value.key}`) ?? value.key);
  return `${name} ${value.score}`;
}

/** Grading's cut-offs as stored (`{ a: 70, b: 20 }`): "A 70%, B 20%, C 10%" (C is the rest). */
function cutoffsText(f: AuditFormat, value: unknown): string | null {
  if (!isRecord(value) || typeof value.a !== 'number' || typeof value.b !== 'number') return null;
  return f.t('audit.values.cutoffs', { a: value.a, b: value.b, c: 100 - value.a - value.b });
}

/** Grading's rules as stored: each as the rules tab says it ("Customers in class A → VIP"), in order. */
function rulesText(f: AuditFormat, value: unknown): string | null {
  const rules = GradingRule.array().safeParse(value);
  if (!rules.success) return null;
  return rules.data.map((rule, i) => f.t('audit.values.ruleNumbered', { n: i + 1, rule: ruleSentence(f.t, rule, f.lng) })).join(f.lng === 'zh-CN' ? '' : ' ');
}

/** Loyalty's earning rules as stored (`{ perAmountMinor, currency, points, perItem: [{ name, points }] }`): "每 ¥10.00 得 3 积分、西湖龙井每件 5 积分" / "3 points per ¥10.00, 西湖龙井 5 points per unit". */
function earnText(f: AuditFormat, value: unknown): string | null {
  if (!isRecord(value) || typeof value.perAmountMinor !== 'number' || typeof value.points !== 'number' || typeof value.currency !== 'string') return null;
  const rules = [f.t('audit.values.earnRule', { amount: formatMoney(value.perAmountMinor, value.currency, f.lng), count: value.points })];
  for (const item of Array.isArray(value.perItem) ? value.perItem : []) {
    if (isRecord(item) && typeof item.name === 'string' && typeof item.points === 'number') rules.push(f.t('audit.values.earnPerItem', { name: item.name, count: item.points }));
  }
  return list(f, rules);
}

function plain(f: AuditFormat, value: unknown): string {
  if (isEmpty(value)) return f.t('common.none');
  if (typeof value === 'boolean') return f.t(value ? 'common.yes' : 'common.no');
  if (typeof value === 'number') return new Intl.NumberFormat(f.lng).format(value);
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return list(f, value.map((item) => plain(f, item)));
  if (typeof value === 'object') {
    return list(f, Object.entries(value as Record<string, unknown>).map(([k, v]) => `${auditFieldLabel(f, k)}: ${plain(f, v)}`)); // any JSON object
  }
  return String(value);
}

/**
 * One stored value of `field`, in words. `beside`: for a value stored without its context (older
 * entries), that context as recorded beside it in the same entry, if any: a birthday's calendar,
 * an amount's currency.
 */
export function auditValue(f: AuditFormat, field: string, value: unknown, beside?: unknown): string {
  if (field === 'birthday') return birthdayText(f, value, beside) ?? f.t('common.none');
  if (isEmpty(value)) return field === 'ownerId' ? f.t('customer.ownerNone') : field === 'size' ? f.t('customer.sizeNone') : f.t('common.none');
  if (field === 'amount') return amountText(f, value, beside) ?? plain(f, value);
  if (field === 'customerId') return customerText(f, value) ?? plain(f, value);
  if (field === 'scores' && Array.isArray(value)) return list(f, value.map((s) => scoreText(f, s)));
  if (field === 'fileSize' && typeof value === 'number') return bytesIn(f.lng, value);
  if (field === 'logo') return fileText(f, value) ?? plain(f, value);
  if (field === 'cutoffs') return cutoffsText(f, value) ?? plain(f, value);
  if (field === 'rules') return rulesText(f, value) ?? plain(f, value);
  if (field === 'earn') return earnText(f, value) ?? plain(f, value);
  if (DATE_FIELDS.has(field) && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return calendarDateIn(f.lng, value);
  const enumKeys = ENUMS[field];
  // A customer's kind (company, person) here; another area's `kind` (a record's) below, from its own texts.
  const enumWord = enumKeys && typeof value === 'string' ? translated(f, `${enumKeys}.${value}`) : null;
  if (enumWord) return enumWord;
  if ((field === 'ownerId' || field === 'staffId') && typeof value === 'number') return f.userName(value) ?? `#${value}`;
  // Any area's closed list, in words from that area's own texts (a tag's colour: audit.values.tagColor.red).
  const word = typeof value === 'string' && /^[a-z][A-Za-z]*$/.test(value) ? translated(f, `audit.values.${field}.${value}`) : null;
  if (word) return word;
  if (field === 'contacts' && Array.isArray(value)) return value.length === 0 ? f.t('common.none') : list(f, value.map((c) => contactText(f, c)));
  if (field === 'idleLockMinutes' && typeof value === 'number') return value === 0 ? f.t('audit.values.never') : f.t('audit.values.minutes', { count: value });
  if (field === 'backup.reminderDays' && typeof value === 'number') return f.t('audit.values.days', { count: value });
  if ((field === 'madeAt' || field === 'at' || field === 'dueAt') && typeof value === 'string' && !Number.isNaN(Date.parse(value))) {
    return new Intl.DateTimeFormat(f.lng, { dateStyle: 'medium', timeStyle: 'short' }).format(Date.parse(value));
  }
  return plain(f, value);
}

export type ChangeText = {
  label: string;
  /** null: the entry records only the new value (a user added, a count), so no "before →". */
  before: string | null;
  after: string;
};

/** Fields where null is a value ("nobody responsible", "size not set", "no amount"), not "no before". */
const NULL_IS_A_VALUE = new Set(['ownerId', 'size', 'amount', 'signedOn', 'startOn', 'endOn', 'renewalMonths']);

/** The field recorded beside another in the same entry that older entries need to read it. */
const BESIDE: Record<string, string> = { birthday: 'birthdayCalendar', amount: 'currency' };

/** `entryChanges`: all of the entry's changes (an older birthday change finds its calendar there). */
export function auditChange(f: AuditFormat, change: Change, entryChanges: readonly Change[] = []): ChangeText {
  const noBefore = change.before === undefined || (change.before === null && !NULL_IS_A_VALUE.has(change.field));
  const besideField = BESIDE[change.field];
  const beside = besideField === undefined ? undefined : entryChanges.find((c) => c.field === besideField);
  return {
    label: auditFieldLabel(f, change.field),
    before: noBefore ? null : auditValue(f, change.field, change.before, beside?.before),
    after: auditValue(f, change.field, change.after, beside?.after),
  };
}

/** "Grade: Normal → Key", or "Role: Staff" when there is no before. */
export function auditChangeLine(f: AuditFormat, change: Change, entryChanges: readonly Change[] = []): string {
  const { label, before, after } = auditChange(f, change, entryChanges);
  return before === null ? `${label}: ${after}` : `${label}: ${before} → ${after}`;
}
