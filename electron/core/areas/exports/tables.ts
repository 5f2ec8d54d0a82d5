// What each entity's export holds: the rows its list page shows for the same filter (read page by
// page through that area's own list function, so scope, filters and order are exactly the list's),
// each completed by one query per page with the columns the list does not show. Masking is the
// list's for what it shows and shared/masking.ts's for the rest, by the same Access.
import type { z } from 'zod';
import { EXPORT_COLUMNS, EXPORT_HEADERS, EXPORT_TAG_SEPARATOR, EXPORT_VALUES, exportedBirthday, type ExportEntity, type ExportInput, type ExportLanguage } from '../../../../shared/api/exports.ts';
import { currencyDigits } from '../../../../shared/api/contracts.ts';
import { maskEmail, maskPhone, maskWechat } from '../../../../shared/masking.ts';
import type { Db } from '../../db/database.ts';
import type { Access } from '../users/access.ts';
import { countCustomers, listCustomers } from '../customers/service.ts';
import { listContracts, summarizeContracts } from '../contracts/service.ts';
import { listRecords } from '../records/service.ts';
import { listSurveys } from '../surveys/service.ts';
import { listSales } from '../sales/service.ts';
import { formatQuantity } from '../../../../shared/api/sales.ts';
import { ledgerExportPages } from '../loyalty/export-rows.ts';
import { listInvitations } from '../events/service.ts';
import { day, decimal, instant, minorText, number, text, type Cell } from './cells.ts';

type Input = z.output<typeof ExportInput>;
/** Rows per page: the list functions take any size in the core (the door caps pages at 100); fewer, larger pages cost fewer queries. */
const PAGE = 1000;

/** An export's table: its header words, how many rows it expects (0: not known ahead), its rows in pages. */
export type ExportTable = { headers: string[]; total: number; pages: AsyncIterable<Cell[][]> };

type ValueList = keyof typeof EXPORT_VALUES;
function word<L extends ValueList>(list: L, code: string | null, language: ExportLanguage): Cell {
  if (code === null || code === '') return null;
  const words = EXPORT_VALUES[list] as Record<string, Record<ExportLanguage, string>>; // every list maps codes to words in both languages
  return text(words[code]?.[language] ?? code);
}

function headersOf(entity: ExportEntity, language: ExportLanguage): string[] {
  const headers = EXPORT_HEADERS[entity] as Record<string, Record<ExportLanguage, string>>; // keyed by EXPORT_COLUMNS[entity]
  return EXPORT_COLUMNS[entity].map((column) => headers[column]![language]); // every column has its words (typed in exports.ts)
}

const phoneFor = (access: Access) => (value: string) => text(access.mask ? maskPhone(value) : value);
const emailFor = (access: Access) => (value: string) => text(access.mask ? maskEmail(value) : value);
const wechatFor = (access: Access) => (value: string) => text(access.mask ? maskWechat(value) : value);

/** Every page of a keyset list, in order. */
async function* pagesOf<R>(list: (cursor: string | null) => Promise<{ rows: R[]; next: string | null }>): AsyncGenerator<R[]> {
  let cursor: string | null = null;
  do {
    const page = await list(cursor);
    if (page.rows.length > 0) yield page.rows;
    cursor = page.next;
  } while (cursor !== null);
}

function customerPages(db: Db, input: Input & { entity: 'customers' | 'contacts' }, access: Access) {
  const { sort, direction, ...filters } = input.filter;
  return pagesOf(async (cursor) => {
    const page = await listCustomers(db, { ...filters, sort, direction, cursor, limit: PAGE }, access);
    return { rows: page.rows, next: page.nextCursor };
  });
}

async function* customerRows(db: Db, input: Input & { entity: 'customers' }, access: Access): AsyncGenerator<Cell[][]> {
  const lang = input.language;
  const phone = phoneFor(access);
  const email = emailFor(access);
  const wechat = wechatFor(access);
  for await (const rows of customerPages(db, input, access)) {
    const ids = rows.map((row) => row.id);
    const more = new Map(
      (
        await db
          .selectFrom('customers as c')
          .leftJoin('users as u', 'u.id', 'c.owner_id')
          .select(['c.id', 'c.address', 'c.email', 'c.website', 'c.source', 'c.size', 'c.birthday', 'c.birthday_calendar', 'c.notes', 'c.created_at', 'u.username'])
          .where('c.id', 'in', ids)
          .execute()
      ).map((row) => [row.id, row]),
    );
    const tags = new Map<number, string[]>();
    for (const row of await db.selectFrom('customer_tags as ct').innerJoin('tags as t', 't.id', 'ct.tag_id').select(['ct.customer_id', 't.name']).where('ct.customer_id', 'in', ids).orderBy('t.name').execute()) {
      tags.set(row.customer_id, [...(tags.get(row.customer_id) ?? []), row.name]);
    }
    // The primary contact: the first in the customer's own order (the form's first).
    const contacts = new Map<number, { name: string; title: string; mobile: string; phone: string; email: string; wechat: string; birthday: string; birthday_calendar: string }>();
    const contactRows = await db
      .selectFrom('contacts')
      .select(['customer_id', 'name', 'title', 'mobile', 'phone', 'email', 'wechat', 'birthday', 'birthday_calendar'])
      .where('customer_id', 'in', ids)
      .orderBy('customer_id')
      .orderBy('position')
      .orderBy('id')
      .execute();
    for (const contact of contactRows) if (!contacts.has(contact.customer_id)) contacts.set(contact.customer_id, contact);
    yield rows.map((row) => {
      const extra = more.get(row.id);
      const contact = contacts.get(row.id);
      // row.phone is the list's own (masked already for a masked role).
      return [
        text(row.code),
        text(row.name),
        word('kind', row.kind, lang),
        text(row.industry),
        text(row.region),
        text(extra?.address),
        text(row.phone),
        extra ? email(extra.email) : null,
        text(extra?.website),
        word('grade', row.grade, lang),
        word('stage', row.stage, lang),
        text(extra?.source),
        word('size', extra?.size ?? null, lang),
        text(row.ownerName),
        text(extra?.username),
        // A Gregorian day is a date cell; a lunar one is text that says so (农历 2020-04L-03).
        extra?.birthday_calendar === 'gregorian' ? day(extra.birthday) : text(extra ? exportedBirthday(extra.birthday, 'lunar', lang) : null),
        extra?.birthday ? word('calendar', extra.birthday_calendar, lang) : null,
        text(extra?.notes),
        text((tags.get(row.id) ?? []).join(EXPORT_TAG_SEPARATOR)),
        text(contact?.name),
        text(contact?.title),
        contact ? phone(contact.mobile) : null,
        contact ? phone(contact.phone) : null,
        contact ? email(contact.email) : null,
        contact ? wechat(contact.wechat) : null,
        contact?.birthday_calendar === 'gregorian' ? day(contact.birthday) : text(contact ? exportedBirthday(contact.birthday, 'lunar', lang) : null),
        instant(extra?.created_at),
        instant(row.updatedAt),
      ];
    });
  }
}

async function* contactRows(db: Db, input: Input & { entity: 'contacts' }, access: Access): AsyncGenerator<Cell[][]> {
  const lang = input.language;
  const phone = phoneFor(access);
  const email = emailFor(access);
  const wechat = wechatFor(access);
  for await (const rows of customerPages(db, input, access)) {
    const byId = new Map(rows.map((row) => [row.id, row]));
    const contacts = await db
      .selectFrom('contacts')
      .selectAll()
      .where('customer_id', 'in', [...byId.keys()])
      .execute();
    const order = new Map(rows.map((row, index) => [row.id, index]));
    // In the customers' list order, each customer's contacts in their own order.
    contacts.sort((a, b) => order.get(a.customer_id)! - order.get(b.customer_id)! || a.position - b.position || a.id - b.id); // every contact is of a listed customer
    if (contacts.length === 0) continue;
    yield contacts.map((contact) => {
      const customer = byId.get(contact.customer_id)!; // selected by these ids
      return [
        text(customer.code),
        text(customer.name),
        text(contact.name),
        text(contact.title),
        phone(contact.mobile),
        phone(contact.phone),
        email(contact.email),
        wechat(contact.wechat),
        word('yesNo', contact.decision_maker === 1 ? 'yes' : 'no', lang),
        contact.birthday_calendar === 'gregorian' ? day(contact.birthday) : text(exportedBirthday(contact.birthday, 'lunar', lang)),
        contact.birthday ? word('calendar', contact.birthday_calendar, lang) : null,
      ];
    });
  }
}

async function* contractRows(db: Db, input: Input & { entity: 'contracts' }, access: Access, now: number): AsyncGenerator<Cell[][]> {
  const lang = input.language;
  const { sort, direction, ...filters } = input.filter;
  const pages = pagesOf(async (cursor) => {
    const page = await listContracts(db, { ...filters, sort, direction, cursor, limit: PAGE }, access, now);
    return { rows: page.rows, next: page.nextCursor };
  });
  for await (const rows of pages) {
    const more = new Map(
      (
        await db
          .selectFrom('contracts as k')
          .innerJoin('customers as c', 'c.id', 'k.customer_id')
          .select(['k.id', 'k.notes', 'c.code'])
          .where(
            'k.id',
            'in',
            rows.map((row) => row.id),
          )
          .execute()
      ).map((row) => [row.id, row]),
    );
    yield rows.map((row) => [
      text(row.number),
      text(row.title),
      text(more.get(row.id)?.code),
      text(row.customerName),
      word('contractType', row.type, lang),
      word('contractStatus', row.status, lang),
      // Minor units as the currency's own amount: 123456 fen = 1234.56 yuan.
      row.amount === null ? null : number(row.amount / 10 ** currencyDigits(row.currency), currencyDigits(row.currency)),
      text(row.currency),
      day(row.signedOn),
      day(row.startOn),
      day(row.endOn),
      text(row.ownerName),
      text(more.get(row.id)?.notes),
    ]);
  }
}

async function* recordRows(db: Db, input: Input & { entity: 'records' }, access: Access): AsyncGenerator<Cell[][]> {
  const lang = input.language;
  const pages = pagesOf(async (after) => listRecords(db, { ...input.filter, after, limit: PAGE }, access));
  for await (const rows of pages) {
    const more = new Map(
      (
        await db
          .selectFrom('records as r')
          .leftJoin('contracts as k', 'k.id', 'r.contract_id')
          .select(['r.id', 'r.content', 'r.result', 'r.duration_minutes', 'k.number'])
          .where(
            'r.id',
            'in',
            rows.map((row) => row.id),
          )
          .execute()
      ).map((row) => [row.id, row]),
    );
    yield rows.map((row) => {
      const extra = more.get(row.id);
      return [
        text(row.customerCode),
        text(row.customerName),
        word('recordKind', row.kind, lang),
        instant(row.at),
        text(row.staffName),
        word('recordPhase', row.phase, lang),
        word('serviceKind', row.serviceKind, lang),
        word('recordStatus', row.status, lang),
        word('recordChannel', row.channel, lang),
        number(extra?.duration_minutes),
        text(extra?.number),
        text(extra?.content),
        text(extra?.result),
        day(row.followUpOn),
      ];
    });
  }
}

/** The built-in rating dimensions' names (a dimension the owner has not renamed keeps '' as its name). */
const DIMENSION_NAMES: Record<string, Record<ExportLanguage, string>> = {
  quality: { 'zh-CN': '产品质量', 'en-US': 'Product quality' },
  attitude: { 'zh-CN': '服务态度', 'en-US': 'Service attitude' },
  speed: { 'zh-CN': '响应速度', 'en-US': 'Response speed' },
  professionalism: { 'zh-CN': '专业程度', 'en-US': 'Professionalism' },
};

async function surveyTable(db: Db, input: Input & { entity: 'surveys' }, access: Access): Promise<ExportTable> {
  const lang = input.language;
  const dimensions = await db.selectFrom('survey_dimensions').select(['id', 'key', 'name']).orderBy('position').orderBy('id').execute();
  const headers = [...headersOf('surveys', lang), ...dimensions.map((d) => d.name || DIMENSION_NAMES[d.key]?.[lang] || d.key)];
  async function* pages(): AsyncGenerator<Cell[][]> {
    for await (const rows of pagesOf(async (after) => listSurveys(db, { ...input.filter, after, limit: PAGE }, access))) {
      const comments = new Map(
        (
          await db
            .selectFrom('surveys')
            .select(['id', 'comment'])
            .where(
              'id',
              'in',
              rows.map((row) => row.id),
            )
            .execute()
        ).map((row) => [row.id, row.comment]),
      );
      yield rows.map((row) => {
        const scores = new Map(row.scores.map((s) => [s.dimensionId, s.score]));
        return [
          text(row.customerCode),
          text(row.customerName),
          instant(row.at),
          text(row.staffName),
          word('surveyChannel', row.channel, lang),
          number(row.nps),
          text(comments.get(row.id)),
          ...dimensions.map((d) => number(scores.get(d.id))),
        ];
      });
    }
  }
  return { headers, total: 0, pages: pages() };
}

/**
 * One row per sale line, the sales in the list's order (newest first) and each sale's lines in
 * their own order. Money is written from minor units as exact decimals (the currency's digits),
 * quantities from thousandths ('1.5'): never through a float.
 */
async function* saleRows(db: Db, input: Input & { entity: 'sales' }, access: Access): AsyncGenerator<Cell[][]> {
  for await (const rows of pagesOf(async (cursor) => listSales(db, { ...input.filter, cursor, limit: PAGE }, access))) {
    const ids = rows.map((row) => row.id);
    const notes = new Map((await db.selectFrom('sales').select(['id', 'notes']).where('id', 'in', ids).execute()).map((row) => [row.id, row.notes]));
    const lines = new Map<number, { name: string; quantity_milli: number; unit_price_minor: number; discount_minor: number; amount_minor: number }[]>();
    for (const line of await db
      .selectFrom('sale_lines')
      .select(['sale_id', 'name', 'quantity_milli', 'unit_price_minor', 'discount_minor', 'amount_minor'])
      .where('sale_id', 'in', ids)
      .orderBy('sale_id')
      .orderBy('position')
      .execute()) {
      lines.set(line.sale_id, [...(lines.get(line.sale_id) ?? []), line]);
    }
    yield rows.flatMap((row) => {
      const digits = currencyDigits(row.currency);
      const money = (minor: number) => decimal(minorText(minor, digits), digits);
      return (lines.get(row.id) ?? []).map((line) => [
        day(row.soldOn),
        text(String(row.id)),
        text(row.customerCode),
        text(row.customerName),
        text(line.name),
        decimal(formatQuantity(line.quantity_milli), 3),
        money(line.unit_price_minor),
        money(line.discount_minor),
        money(line.amount_minor),
        text(row.currency),
        text(row.contractNumber),
        text(row.staffName),
        text(notes.get(row.id)),
      ]);
    });
  }
}

/**
 * One row per invitation of one event, as the invitations list gives them to this caller (scope;
 * by customer name), with the invited contact's phone (mobile, else phone; else the customer's),
 * masked as the caller sees phones.
 */
async function* attendeeRows(db: Db, input: Input & { entity: 'eventAttendees' }, access: Access, now: number): AsyncGenerator<Cell[][]> {
  const lang = input.language;
  const phone = phoneFor(access);
  const actor = { ...access, now };
  for await (const rows of pagesOf(async (cursor) => {
    const page = await listInvitations(db, { eventId: input.filter.eventId, cursor, limit: PAGE }, actor);
    return { rows: page.rows, next: page.nextCursor };
  })) {
    const contactIds = rows.flatMap((row) => (row.contactId === null ? [] : [row.contactId]));
    const contacts = new Map(
      contactIds.length === 0 ? [] : (await db.selectFrom('contacts').select(['id', 'mobile', 'phone']).where('id', 'in', contactIds).execute()).map((row) => [row.id, row.mobile || row.phone]),
    );
    const customers = new Map((await db.selectFrom('customers').select(['id', 'phone']).where('id', 'in', rows.map((row) => row.customerId)).execute()).map((row) => [row.id, row.phone]));
    yield rows.map((row) => [
      text(row.customerCode),
      text(row.customerName),
      word('grade', row.grade, lang),
      text(row.contactName ?? ''),
      phone((row.contactId === null ? '' : contacts.get(row.contactId)) || customers.get(row.customerId) || ''),
      word('eventReply', row.reply, lang),
      row.repliedAt === null ? null : instant(row.repliedAt),
      row.attended === null ? null : word('yesNo', row.attended ? 'yes' : 'no', lang),
    ]);
  }
}

const LEDGER_KIND_WORDS: Record<string, Record<ExportLanguage, string>> = {
  earn: { 'zh-CN': '消费积分', 'en-US': 'Earned' },
  referral: { 'zh-CN': '推荐积分', 'en-US': 'Referral' },
  redeem: { 'zh-CN': '兑换', 'en-US': 'Redeemed' },
  expire: { 'zh-CN': '过期', 'en-US': 'Expired' },
  correction: { 'zh-CN': '调整', 'en-US': 'Correction' },
  reversal: { 'zh-CN': '冲回', 'en-US': 'Reversal' },
};

/** One row per points ledger entry (areas/loyalty/export-rows.ts), by customer then entry. */
async function* pointsLedgerRows(db: Db, input: Input & { entity: 'pointsLedger' }, access: Access): AsyncGenerator<Cell[][]> {
  const lang = input.language;
  for await (const rows of ledgerExportPages(db, input.filter, access, PAGE)) {
    yield rows.map((row) => [
      text(row.customerCode),
      text(row.customerName),
      day(row.onDay),
      text(LEDGER_KIND_WORDS[row.kind]?.[lang] ?? row.kind),
      number(row.points),
      row.expiresOn === null ? null : day(row.expiresOn),
      text(row.reason),
      text(row.createdByName ?? ''),
    ]);
  }
}

/** The table an export input asks for, as the caller sees it. */
export async function exportTable(db: Db, input: Input, access: Access, now: number): Promise<ExportTable> {
  const headers = headersOf(input.entity, input.language);
  switch (input.entity) {
    case 'customers': {
      const { sort: _sort, direction: _direction, ...filters } = input.filter;
      return { headers, total: await countCustomers(db, filters, access), pages: customerRows(db, input, access) };
    }
    case 'contacts':
      return { headers, total: 0, pages: contactRows(db, input, access) };
    case 'contracts': {
      const { sort: _sort, direction: _direction, ...filters } = input.filter;
      return { headers, total: (await summarizeContracts(db, filters, access, now)).count, pages: contractRows(db, input, access, now) };
    }
    case 'records':
      return { headers, total: 0, pages: recordRows(db, input, access) };
    case 'surveys':
      return surveyTable(db, input, access);
    case 'sales':
      // The total counts sales, the rows are their lines: progress says "not known ahead" (0).
      return { headers, total: 0, pages: saleRows(db, input, access) };
    case 'pointsLedger':
      return { headers, total: 0, pages: pointsLedgerRows(db, input, access) };
    case 'eventAttendees':
      return { headers, total: 0, pages: attendeeRows(db, input, access, now) };
  }
}
