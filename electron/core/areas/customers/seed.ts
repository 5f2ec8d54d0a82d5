// `clientele seed`: realistic, deterministic demo customers with contacts and tags, inserted in
// batches (insert-many.ts), one transaction per batch; each batch's customers get their contracts
// (contracts/seed.ts) and some of them and their contracts small files (attachments/seed.ts) in
// the same transaction. As a job (system.seed) each batch is about
// BATCH_MS of work, and the calls waiting for the core are answered between two batches.
import { GRADES, SIZES, STAGES } from '../../../../shared/api/customers.ts';
import { AppFailure } from '../../../../shared/errors.ts';
import { transaction, type Db } from '../../db/database.ts';
import { engine, type DatabaseLocation } from '../../db/engine.ts';
import { insertCustomers, type NewCustomer } from './insert-many.ts';
import * as words from './seed-data.ts';
import { hasHan, searchDocument, spell } from '../search/search-text.ts';
import { ContractNumbers, seedContracts, type SeedCustomer } from '../contracts/seed.ts';
import { planAttachments, seedAttachments, SeedFiles } from '../attachments/seed.ts';
import { regionSortKey } from './sort-keys.ts';
import { lunarDateProblem } from './lunar-calendar.ts';
import { LunarYear } from 'tyme4ts';

export type SeedOptions = {
  customers: number;
  seed: number;
  now: number;
  ownerIds: number[];
  actorId: number;
  /** Where the database is (system.seed): its checkpoints then run beside the core (engine.bulkLoad). */
  location?: DatabaseLocation;
};

/** What a seed run as a job reports to and asks of its job (jobs.ts). */
export type SeedJob = { progress(done: number, total: number): void; step(): Promise<void>; readonly othersCalling: boolean };

/**
 * Work per transaction as a job while other calls come in: one that arrives during a batch waits
 * about this long. The batch size follows the measured pace: into 100,000 customers a customer
 * costs 1–10 ms here (page cache misses on the indexes and the trigram index), into an empty shop
 * a tenth of that.
 */
const BATCH_MS = 20;
/** While nobody else calls: fewer, larger commits (each rewrites the index pages it touched). */
const IDLE_BATCH_MS = 250;
const BATCH_MIN = 2;
const BATCH_MAX = 2_000;
const FIRST_BATCH = 20;
const THREE_YEARS_MS = 3 * 365 * 86_400_000;

/**
 * Adds `options.customers` demo customers. With a `job`: progress after every batch, the job's
 * step between batches, and a cancel stops it after the last whole batch (`cancelled`; what was
 * committed stays, every customer with its contacts, tags and search entry).
 */
export async function seedDemoData(db: Db, options: SeedOptions, job?: SeedJob): Promise<{ customers: number; contacts: number; contracts: number; attachments: number; cancelled: boolean }> {
  const random = words.randomGenerator(options.seed);
  // Contracts and files draw from sequences of their own, each in customer order whatever the
  // batches: the customers stay those of earlier seeds, and the same seed makes the same data.
  const contractRandom = words.randomGenerator(options.seed ^ 0x5eed_c0de);
  const fileRandom = words.randomGenerator(options.seed ^ 0xf11e_5eed);
  // Birthdays (customer care) too, so adding them left every other seeded value as it was.
  const birthdayRandom = words.randomGenerator(options.seed ^ 0xb1d7_da75);
  const numbers = await ContractNumbers.of(db);
  const files = new SeedFiles();
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!; // index is always in range
  const digits = (count: number) => Array.from({ length: count }, () => Math.floor(random() * 10)).join('');
  const chinesePerson = () => pick(words.SURNAMES) + pick(words.GIVEN_CHARS) + (random() < 0.6 ? pick(words.GIVEN_CHARS) : '');
  const englishPerson = () => `${pick(words.FIRST_NAMES_EN)} ${pick(words.LAST_NAMES_EN)}`;
  const mobile = () => `1${pick(['3', '5', '7', '8', '9'])}${digits(1)}-${digits(4)}-${digits(4)}`;
  const weightedGrade = () => {
    const r = random();
    return r < 0.05 ? GRADES[0] : r < 0.2 ? GRADES[1] : r < 0.7 ? GRADES[2] : GRADES[3];
  };

  const regionSorts = words.CITIES.map(regionSortKey); // pinyin is costly: once per city, not per row
  let made = 0;
  const oneCustomer = (): NewCustomer => {
    const chinese = random() < 0.7;
    const person = random() < 0.2;
    const cityIndex = Math.floor(random() * words.CITIES.length);
    const trade = pick(words.INDUSTRIES);
    const name = person
      ? chinese
        ? chinesePerson()
        : englishPerson()
      : chinese
        ? words.CITIES[cityIndex]! + pick(words.BRAND_CHARS) + pick(words.BRAND_CHARS) + trade.zh + pick(words.COMPANY_SUFFIXES)
        : `${pick(words.BRANDS_EN)} ${trade.en} ${pick(words.SUFFIXES_EN)}`;
    const contactCount = 1 + Math.floor(random() * 5);
    const contacts = Array.from({ length: contactCount }, (_, position) => {
      const contactName = chinese ? chinesePerson() : englishPerson();
      return {
        name: contactName,
        title: pick(words.TITLES),
        phone: random() < 0.3 ? `0${digits(2)}-${digits(8)}` : '',
        mobile: mobile(),
        email: random() < 0.5 ? `c${made}.${position}@${pick(words.EMAIL_DOMAINS)}` : '',
        wechat: random() < 0.4 ? `wx_${digits(8)}` : '',
        decisionMaker: position === 0 && random() < 0.7,
        ...lunarOrNot(random() < 0.3 ? `19${6 + Math.floor(random() * 4)}${digits(1)}-0${1 + Math.floor(random() * 9)}-1${digits(1)}` : '', birthdayRandom),
      };
    });
    // About 30% of persons have a birthday, a fifth of them lunar.
    const birthday = person && birthdayRandom() < 0.3 ? lunarOrNot(gregorianBirthday(birthdayRandom), birthdayRandom) : { birthday: '', birthdayCalendar: 'gregorian' as const };
    const createdAt = options.now - Math.floor(random() * THREE_YEARS_MS);
    const spelling = spell(name, person);
    const customer = {
      kind: person ? ('person' as const) : ('company' as const),
      name,
      nameSort: spelling.sortKey,
      industry: person ? '' : trade.industry,
      // One spelling per place, whatever the customer's name is written in: a filter on 北京 finds them all.
      region: words.CITIES[cityIndex]!,
      regionSort: regionSorts[cityIndex]!,
      address: chinese ? `${words.CITIES[cityIndex]}市${pick(words.BRAND_CHARS)}${pick(words.BRAND_CHARS)}路${1 + Math.floor(random() * 300)}号` : `${1 + Math.floor(random() * 300)} ${pick(words.BRANDS_EN)} Road, ${words.CITIES_EN[cityIndex]}`,
      phone: random() < 0.6 ? `0${digits(2)}-${digits(8)}` : '',
      email: random() < 0.6 ? `info${made}@${pick(words.EMAIL_DOMAINS)}` : '',
      website: random() < 0.3 ? `www.example-${made}.com` : '',
      source: pick(words.SOURCES),
      size: person ? null : pick(SIZES),
      stage: pick(STAGES),
      grade: weightedGrade(),
      ownerId: options.ownerIds.length > 0 ? pick(options.ownerIds) : null,
      ...birthday,
      notes: random() < 0.2 ? '季度回访，关注新品需求。' : '',
      tags: [...new Set(Array.from({ length: Math.floor(random() * 3) }, () => pick(words.TAGS)))],
      createdAt,
      updatedAt: createdAt + Math.floor(random() * (options.now - createdAt)),
      contacts,
    };
    return { ...customer, search: searchDocument({ ...customer, code: '', contacts }, person, spelling) };
  };

  let contactsMade = 0;
  let contractsMade = 0;
  let attachmentsMade = 0;
  let cancelled = false;
  // Inside a transaction (set-up's sample data) there is nobody to make room for: one batch.
  let size = job && !db.isTransaction ? FIRST_BATCH : BATCH_MAX;
  // Demo data: a power cut during seeding may lose the last batches, never the database.
  await engine.bulkLoad(db, async () => {
    while (made < options.customers) {
      const started = performance.now(); // pacing only
      const batch: NewCustomer[] = [];
      for (let i = 0; i < size && made < options.customers; i++, made++) batch.push(oneCustomer());
      contactsMade += batch.reduce((sum, customer) => sum + customer.contacts.length, 0);
      await transaction(db, async (tx) => {
        // New customers get ids above every existing one (AUTOINCREMENT), in the batch's order.
        const before = (await tx.selectFrom('customers').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst())?.id ?? 0;
        await insertCustomers(tx, batch, options.actorId);
        const added = await tx.selectFrom('customers').select(['id', 'name', 'owner_id', 'created_at']).where('id', '>', before).orderBy('id').execute();
        const customers: SeedCustomer[] = added.map((row) => ({ id: row.id, name: row.name, ownerId: row.owner_id, createdAt: row.created_at, chinese: hasHan(row.name) }));
        const contracts = await seedContracts(tx, customers, numbers, { random: contractRandom, now: options.now, actorId: options.actorId });
        contractsMade += contracts.length;
        attachmentsMade += await seedAttachments(tx, planAttachments(customers, contracts, files, fileRandom), files, { now: options.now, actorId: options.actorId });
      });
      if (!job || db.isTransaction) continue;
      const ms = Math.max(performance.now() - started, 1);
      job.progress(made, options.customers);
      try {
        await job.step();
      } catch (error) {
        if (!(error instanceof AppFailure && error.code === 'CANCELLED')) throw error;
        cancelled = true;
        break;
      }
      // The next batch sized for its budget at this batch's pace: shrinking at once (someone is
      // waiting), growing at most twofold (one quick batch may be luck).
      const budget = job.othersCalling ? BATCH_MS : IDLE_BATCH_MS;
      size = Math.max(BATCH_MIN, Math.min(BATCH_MAX, Math.round(batch.length * Math.min(2, budget / ms))));
    }
  }, options.location);
  return { customers: made, contacts: contactsMade, contracts: contractsMade, attachments: attachmentsMade, cancelled };
}

/** A Gregorian birthday between 1960 and 1999 (days 1–28: every month has them). */
function gregorianBirthday(random: () => number): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${1960 + Math.floor(random() * 40)}-${two(1 + Math.floor(random() * 12))}-${two(1 + Math.floor(random() * 28))}`;
}

/**
 * A fifth of the birthdays given become lunar ones: among them a few in a leap month (of a year
 * that has it), a few on a 30th (of a month that has it; else without a year, which any 30th
 * may be), some without a year; the rest the same month and day read as lunar.
 */
function lunarOrNot(gregorian: string, random: () => number): { birthday: string; birthdayCalendar: 'gregorian' | 'lunar' } {
  if (gregorian === '' || random() >= 0.2) return { birthday: gregorian, birthdayCalendar: 'gregorian' };
  const two = (n: number) => String(n).padStart(2, '0');
  let year = Number(gregorian.slice(0, 4));
  const month = Number(gregorian.slice(5, 7));
  const day = Number(gregorian.slice(8, 10));
  const r = random();
  if (r < 0.1) {
    // The nearest earlier year with a leap month: its leap month, this day.
    while (LunarYear.fromYear(year).getLeapMonth() === 0) year--;
    return { birthday: `${year}-${two(LunarYear.fromYear(year).getLeapMonth())}L-${two(Math.min(day, 29))}`, birthdayCalendar: 'lunar' };
  }
  if (r < 0.2) {
    const ok = lunarDateProblem({ year, month, leap: false, day: 30 }) === null;
    return { birthday: ok ? `${year}-${two(month)}-30` : `--${two(month)}-30`, birthdayCalendar: 'lunar' };
  }
  if (r < 0.35) return { birthday: `--${two(month)}-${two(day)}`, birthdayCalendar: 'lunar' };
  return { birthday: `${year}-${two(month)}-${two(Math.min(day, 29))}`, birthdayCalendar: 'lunar' };
}
