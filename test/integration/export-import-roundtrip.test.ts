// Export → import is lossless: customers made in one shop (Chinese text, quotes, commas, line breaks,
// formula-like values, tags, phones with leading zeros), exported as CSV (UTF-8 with BOM, GB18030)
// and .xlsx, imported into a fresh shop without touching the proposed mapping, come back with the
// same fields. Formula-neutralised cells (the export's leading `'`) must come back as the original
// text. Property-based (fast-check, a fixed seed: the same cases every run) and one seeded
// 10,000-customer round trip.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMER_KINDS, GRADES, SIZES, STAGES, type CustomerDraftInput } from '../../shared/api/customers.ts';
import { EXPORT_HEADERS, EXPORT_TAG_SEPARATOR, EXPORT_VALUES, type CsvEncoding, type ExportFormat, type ExportLanguage } from '../../shared/api/exports.ts';
import type { Harness } from './harness.ts';
import { databaseKeyOf, makeHarness, OWNER_PASSWORD, openWithKey } from './harness.ts';
import type { SqliteDatabase } from '../../electron/core/db/sqlite/open.ts';
import { downloaded, streamed } from './attachments-kit.ts';
import { csvUtf8Bom } from '../fixtures/import-files.ts';

type Shop = { h: Harness; raw: SqliteDatabase };
type Target = { format: ExportFormat; encoding: CsvEncoding; shop: Shop };

async function freshShop(): Promise<Shop> {
  const h = makeHarness();
  await h.call('owner', 'setup.create', { shopName: '往返测试店', ownerUsername: 'boss', ownerDisplayName: '老板', password: OWNER_PASSWORD });
  return { h, raw: openWithKey(h.dataDir, await databaseKeyOf(h.dataDir, 'boss', OWNER_PASSWORD)) };
}

function closeShop(shop: Shop | undefined): void {
  shop?.raw.close();
  shop?.h.cleanup();
}

// ---------------------------------------------------------------------------------------------
// What is compared: every field a customer export writes and an import reads back, read from the
// database itself (so a field both sides lose the same way cannot hide).

type Snapshot = Record<string, unknown>;

function snapshot(shop: Shop, runTag: string): string[] {
  const customers = shop.raw
    .prepare(
      `select c.id, c.kind, c.name, c.industry, c.region, c.address, c.phone, c.email, c.website, c.source, c.size, c.stage, c.grade,
              c.birthday, c.birthday_calendar, c.notes, u.username as owner
         from customers c left join users u on u.id = c.owner_id
        where c.deleted_at is null
          and c.id in (select ct.customer_id from customer_tags ct join tags t on t.id = ct.tag_id where t.name = ?)`,
    )
    .all(runTag) as ({ id: number } & Snapshot)[]; // the columns selected above
  const ids = customers.map((c) => c.id);
  const tagsOf = new Map<number, string[]>();
  const contactsOf = new Map<number, Snapshot[]>();
  for (let at = 0; at < ids.length; at += 500) {
    const chunk = ids.slice(at, at + 500);
    const marks = chunk.map(() => '?').join(',');
    for (const row of shop.raw.prepare(`select ct.customer_id, t.name from customer_tags ct join tags t on t.id = ct.tag_id where ct.customer_id in (${marks})`).all(...chunk) as { customer_id: number; name: string }[]) {
      tagsOf.set(row.customer_id, [...(tagsOf.get(row.customer_id) ?? []), row.name]);
    }
    const contacts = shop.raw
      .prepare(`select customer_id, name, title, mobile, phone, email, wechat, birthday, birthday_calendar from contacts where customer_id in (${marks}) order by customer_id, position, id`)
      .all(...chunk) as ({ customer_id: number } & Snapshot)[];
    for (const { customer_id, ...contact } of contacts) contactsOf.set(customer_id, [...(contactsOf.get(customer_id) ?? []), contact]);
  }
  return customers
    .map(({ id, ...fields }) => JSON.stringify({ ...fields, tags: (tagsOf.get(id) ?? []).sort(), contacts: contactsOf.get(id) ?? [] }))
    .sort();
}

/** The fields of snapshot lines that differ, for a readable failure: the first few unmatched on each side. */
function difference(expected: string[], actual: string[]): { missing: string[]; unexpected: string[] } {
  const left = new Map<string, number>();
  for (const line of expected) left.set(line, (left.get(line) ?? 0) + 1);
  const unexpected: string[] = [];
  for (const line of actual) {
    const count = left.get(line) ?? 0;
    if (count > 0) left.set(line, count - 1);
    else unexpected.push(line);
  }
  const missing = [...left.entries()].flatMap(([line, count]) => Array.from({ length: count }, () => line));
  return { missing: missing.slice(0, 5), unexpected: unexpected.slice(0, 5) };
}

// ---------------------------------------------------------------------------------------------
// Export from one shop, import into another

async function exportFrom(source: Shop, runTag: string, target: Target, language: ExportLanguage): Promise<{ bytes: Buffer; name: string; rows: number }> {
  const result = await source.h.call('owner', 'exports.run', {
    entity: 'customers',
    filter: { tag: runTag, sort: 'name', direction: 'asc' },
    format: target.format,
    encoding: target.encoding,
    language,
  });
  return { bytes: await downloaded(source.h.core, 'owner', result.download), name: result.download.name, rows: result.rows };
}

async function importInto(target: Pick<Target, 'shop'>, file: { bytes: Buffer; name: string }): Promise<{ created: number; updated: number; skipped: number; errorCount: number; errors: unknown[] }> {
  const { h } = target.shop;
  const staged = await h.core.upload('owner', 'import', streamed(file.bytes, file.name));
  if (!staged.ok) throw new Error(`upload failed: ${staged.error.code} ${staged.error.message}`);
  const ref = { upload: staged.value.upload };
  const inspection = await h.call('owner', 'imports.inspect', { file: ref, kind: 'customers' });
  // The proposed mapping, untouched: an exported file must import back without remapping.
  return h.call('owner', 'imports.run', { file: ref, kind: 'customers', mapping: inspection.mapping, matchOn: 'phone', onDuplicate: 'create', onError: 'abort' });
}

// ---------------------------------------------------------------------------------------------
// Generated customers: only what a customer export carries (one contact, Gregorian birthdays, no
// decision-maker flag), each text as the form stores it (trimmed).

const HAN = [...'张王李赵陈刘华联商贸有限公司客户批发零售老字号杭州上海北京深圳路号楼层店铺茶叶火锅电子科技服务中心'];
const PLAIN = [...HAN, ...'abcXYZ019', ' ', ',', '，', '"', '“', '”', '；', '(', ')', '&', '#', '%'];
/** Starts a spreadsheet reads as a formula (export neutralises them), full-width ones included. */
const FORMULA_STARTS = ['=', '+', '-', '@', '＝', '＋', '－', '＠'];

const plainText = (minLength: number, maxLength: number, extra: string[] = []) => fc.string({ unit: fc.constantFrom(...PLAIN, ...extra), minLength, maxLength });
/** Text as the form keeps it: trimmed; sometimes formula-like (`=1+1`, `+86…`, `-x`, `@a`). */
const fieldText = (maxLength: number, options: { required?: boolean; lineBreaks?: boolean } = {}) =>
  fc
    .tuple(fc.option(fc.constantFrom(...FORMULA_STARTS), { freq: 4 }), plainText(options.required ? 1 : 0, maxLength, options.lineBreaks ? ['\n'] : []))
    .map(([start, rest]) => `${start ?? ''}${rest}`.trim())
    .filter((value) => !options.required || value.length > 0);

const digits = (length: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: length, maxLength: length });
const phoneText = fc.oneof(
  fc.constant(''),
  digits(9).map((d) => `13${d}`), // a mobile
  digits(8).map((d) => `010${d}`), // a Beijing landline, leading zero
  digits(8).map((d) => `0571-${d}`),
  digits(8).map((d) => `+86 138 ${d.slice(0, 4)} ${d.slice(4)}`), // formula-like start
  digits(4).map((d) => `(021) 6888-${d}`),
  digits(4).map((d) => `0755-2666${d}转8`),
);
const emailText = fc.oneof(
  fc.constant(''),
  fc.tuple(fc.constantFrom('zhang', 'li.na', 'wang_fang', 'shop-01', 'Zhang.Wei', 'sales+cn'), fc.constantFrom('163.com', 'qq.com', 'example.com.cn', 'Shop.CN')).map(([l, d]) => `${l}@${d}`),
);
const dayText = fc.integer({ min: Date.UTC(1950, 0, 1) / 86_400_000, max: Date.UTC(2026, 10, 1) / 86_400_000 }).map((days) => new Date(days * 86_400_000).toISOString().slice(0, 10));
const TAG_CHARS = [...'老客户批发零售重点新会员促销团购abcx09 '];
const tagText = fc
  .tuple(fc.option(fc.constantFrom('-', '@', '=', '+'), { freq: 5 }), fc.string({ unit: fc.constantFrom(...TAG_CHARS), minLength: 1, maxLength: 8 }))
  .map(([start, rest]) => `${start ?? ''}${rest}`.trim())
  .filter((tag) => tag.length > 0);

const customerDraft = fc.record({
  kind: fc.constantFrom(...CUSTOMER_KINDS),
  name: fieldText(60, { required: true }),
  industry: fieldText(20),
  region: fieldText(12),
  address: fieldText(80, { lineBreaks: true }),
  phone: phoneText,
  email: emailText,
  website: fc.constantFrom('', 'www.example.cn', 'https://shop.example.com/a?b=1'),
  source: fieldText(12),
  size: fc.constantFrom(null, ...SIZES),
  stage: fc.constantFrom(...STAGES),
  grade: fc.constantFrom(...GRADES),
  birthday: fc.option(dayText, { freq: 2 }).map((day) => day ?? ''),
  notes: fieldText(200, { lineBreaks: true }),
  tags: fc.uniqueArray(tagText, { maxLength: 4 }),
  contact: fc.option(
    fc.record({
      name: fieldText(12, { required: true }),
      title: fieldText(10),
      mobile: phoneText,
      phone: phoneText,
      email: emailText,
      wechat: fc.oneof(fc.constant(''), fc.constantFrom('wxid_abc123', '-zhangwei88', 'shop_01')),
    }),
    { freq: 4 },
  ),
});
type GeneratedCustomer = typeof customerDraft extends fc.Arbitrary<infer T> ? T : never;

function draftOf(customer: GeneratedCustomer, runTag: string): CustomerDraftInput {
  const { contact, tags, ...fields } = customer;
  return { ...fields, tags: [...tags, runTag], contacts: contact ? [contact] : [] };
}

/** The snapshot line (see snapshot()) a generated customer must give, made by the shop's owner. */
function expectedLine(customer: GeneratedCustomer, runTag: string): string {
  const { kind, name, industry, region, address, phone, email, website, source, size, stage, grade, birthday, notes, tags, contact } = customer;
  return JSON.stringify({
    kind, name, industry, region, address, phone, email, website, source, size, stage, grade, birthday, birthday_calendar: 'gregorian', notes, owner: 'boss',
    tags: [...tags, runTag].sort(),
    contacts: contact ? [{ name: contact.name, title: contact.title, mobile: contact.mobile, phone: contact.phone, email: contact.email, wechat: contact.wechat, birthday: '', birthday_calendar: 'gregorian' }] : [],
  });
}

/** The customers as a plain CSV table a shop could have typed (headers and value words as an export in Chinese writes them; nothing neutralised). */
function plainTable(customers: GeneratedCustomer[], runTag: string): string[][] {
  const columns = ['name', 'kind', 'industry', 'region', 'address', 'phone', 'email', 'website', 'grade', 'stage', 'source', 'size', 'ownerUsername', 'birthday', 'notes', 'tags', 'contactName', 'contactTitle', 'contactMobile', 'contactPhone', 'contactEmail', 'contactWechat'] as const;
  const words = (list: keyof typeof EXPORT_VALUES, code: string | null) => (code === null ? '' : (EXPORT_VALUES[list] as Record<string, { 'zh-CN': string }>)[code]!['zh-CN']); // every code of these lists has its words
  const rows = customers.map((c) => {
    const cells: Record<(typeof columns)[number], string> = {
      ...c,
      kind: words('kind', c.kind),
      grade: words('grade', c.grade),
      stage: words('stage', c.stage),
      size: words('size', c.size),
      ownerUsername: 'boss',
      tags: [...c.tags, runTag].join(EXPORT_TAG_SEPARATOR),
      contactName: c.contact?.name ?? '',
      contactTitle: c.contact?.title ?? '',
      contactMobile: c.contact?.mobile ?? '',
      contactPhone: c.contact?.phone ?? '',
      contactEmail: c.contact?.email ?? '',
      contactWechat: c.contact?.wechat ?? '',
    };
    return columns.map((column) => cells[column]);
  });
  return [columns.map((column) => EXPORT_HEADERS.customers[column]['zh-CN']), ...rows];
}

// ---------------------------------------------------------------------------------------------

describe('export → import round trip', () => {
  let source: Shop;
  let targets: Target[] = [];
  let runs = 0;

  beforeAll(async () => {
    source = await freshShop();
    targets = [
      { format: 'csv', encoding: 'utf8bom', shop: await freshShop() },
      { format: 'csv', encoding: 'gb18030', shop: await freshShop() },
      { format: 'xlsx', encoding: 'utf8bom', shop: await freshShop() },
    ];
  });
  afterAll(() => {
    closeShop(source);
    for (const target of targets) closeShop(target.shop);
  });

  /** Makes the customers in the source shop under a tag of their own, and round-trips them to every target. */
  async function roundTrip(customers: GeneratedCustomer[], language: ExportLanguage): Promise<void> {
    await roundTripDrafts((runTag) => customers.map((customer) => draftOf(customer, runTag)), language);
  }

  /** The same for drafts made by hand (given the run's tag, which each must carry). */
  async function roundTripDrafts(draftsFor: (runTag: string) => CustomerDraftInput[], language: ExportLanguage): Promise<void> {
    runs++;
    const runTag = `轮次${runs}`;
    const drafts = draftsFor(runTag);
    for (const draft of drafts) await source.h.call('owner', 'customers.create', draft);
    const expected = snapshot(source, runTag);
    expect(expected).toHaveLength(drafts.length);
    await intoEveryTarget(expected, runTag, language);
  }

  /**
   * Exports the run's customers from the source in every format, imports each into its target, and
   * checks all of them in one expectation (so a failure shows every format's outcome side by side).
   */
  async function intoEveryTarget(expected: string[], runTag: string, language: ExportLanguage): Promise<void> {
    const outcomes = [];
    for (const target of targets) {
      const file = await exportFrom(source, runTag, target, language);
      const result = await importInto(target, file);
      outcomes.push({
        label: `${target.format} ${target.encoding} ${language}`,
        exported: file.rows,
        created: result.created,
        errorCount: result.errorCount,
        errors: result.errors.slice(0, 3),
        ...difference(expected, snapshot(target.shop, runTag)),
      });
    }
    expect(outcomes).toEqual(outcomes.map(({ label }) => ({ label, exported: expected.length, created: expected.length, errorCount: 0, errors: [], missing: [], unexpected: [] })));
  }

  it('customers with Chinese text, quotes, commas, line breaks, formula-like cells, tags and leading-zero phones come back as they were (CSV UTF-8 BOM, CSV GB18030, .xlsx)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(customerDraft, { minLength: 1, maxLength: 6 }), fc.constantFrom<ExportLanguage>('zh-CN', 'en-US'), async (customers, language) => roundTrip(customers, language)),
      { seed: 20_261_202, numRuns: 20, endOnFailure: true },
    );
  }, 300_000);

  it('the values a spreadsheet would run as formulas come back as their text, in every field that holds text', async () => {
    // The last two begin with the neutralising quote itself: an import that strips the quote must
    // get '=… back as '=…, so the export has to mark those too (''=…).
    const values = ['=1+1', '+86 138 0013 8000', '-5', '@SUM(A1)', '=cmd|\' /C calc\'!A0', '＝HYPERLINK("x")', '-', '+', '@', "'=已转义", "'撇号开头"];
    const customers = values.map(
      (value, i): GeneratedCustomer => ({
        kind: 'company',
        name: value,
        industry: value,
        region: value,
        address: value,
        phone: i === 1 ? value : '',
        email: '',
        website: '',
        source: value,
        size: null,
        stage: 'lead',
        grade: 'normal',
        birthday: '',
        notes: `${value}\n${value}`,
        tags: [`${value.charAt(0)}标签${i}`], // a tag is split on | among others: only the start is formula-like here
        contact: { name: value, title: value, mobile: i === 1 ? value : '', phone: '', email: '', wechat: '' },
      }),
    );
    for (const language of ['zh-CN', 'en-US'] as const) await roundTrip(customers, language);
  }, 120_000);

  it("a lunar birthday comes back lunar, and the contact's birthday with the contact", async () => {
    // A shop records many birthdays in the lunar calendar (PRODUCT.md, customer care): 1990-08-15
    // lunar is another day than 1990-08-15 Gregorian, so the calendar must survive the trip.
    await roundTripDrafts(
      (runTag) => [
        { name: '农历生日客户', birthday: '1990-08-15', birthdayCalendar: 'lunar', tags: [runTag] },
        { name: '闰月生日客户', birthday: '2020-04L-03', birthdayCalendar: 'lunar', tags: [runTag] },
        { name: '联系人有生日', tags: [runTag], contacts: [{ name: '张伟', mobile: '13800138000', birthday: '1985-12-01' }] },
      ],
      'zh-CN',
    );
  }, 120_000);

  it('10,000 customers (seeded) come back with the same fields, in every format', async () => {
    // customers.create one by one costs ~20 ms each on a loaded machine: the 10,000 reach the
    // source shop by the bulk path instead, an import of a plain CSV of them (its own fidelity
    // checked against the generated customers first), then round-trip like the others.
    const customers = fc.sample(customerDraft, { seed: 12, numRuns: 10_000 });
    runs++;
    const runTag = `轮次${runs}`;
    const loaded = await importInto({ shop: source }, { bytes: csvUtf8Bom(plainTable(customers, runTag)), name: '客户.csv' });
    expect({ created: loaded.created, errorCount: loaded.errorCount, errors: loaded.errors.slice(0, 3) }).toEqual({ created: 10_000, errorCount: 0, errors: [] });
    const expected = snapshot(source, runTag);
    expect(expected).toHaveLength(10_000);
    expect({ label: 'plain CSV into the source shop', ...difference(customers.map((customer) => expectedLine(customer, runTag)).sort(), expected) }).toEqual({
      label: 'plain CSV into the source shop',
      missing: [],
      unexpected: [],
    });
    await intoEveryTarget(expected, runTag, 'zh-CN');
  }, 900_000);
});
