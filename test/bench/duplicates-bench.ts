// `npm run bench:duplicates` — the duplicate finder and merge at scale, figures as JSON on stdout
// (progress on stderr).
//
// The shop: 100,000 customers (`-- --customers N`), half of them with a contact, written straight
// into their tables (the finder reads customers and contacts only; no search index is needed for
// it). Background customers have names of six random Chinese characters, unique phones and e-mail
// addresses, so no two of them are duplicates by any rule; into them are planted 300 groups of 2–4
// customers that are, each by one rule: a phone written another way (+86, dashes, 0086, a contact's
// mobile), an e-mail in another case, a name with a company suffix / in traditional characters /
// full-width, a homophone, a name one character longer. The right answer is known: exactly the
// planted groups, each whole. A wrong answer fails the run.
//
// Measured through the door (duplicates.find as the app calls it, in-process core):
//   - the finder cold (the name-key cache empty: pinyin and simplified forms of every name computed
//     and stored) and warm (cache filled: the usual case). Target ≤ 5 s;
//   - a merge of a customer with 2,000 records (and 5 contacts, 3 contracts) into another, then its
//     undo, repeated: medians. Target merge ≤ 200 ms.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { DuplicateFindResult } from '../../shared/api/duplicates.ts';
import { randomGenerator } from '../../electron/core/areas/customers/seed-data.ts';
import { createCore } from '../../electron/core/create-core.ts';
import { keyToHex, unwrapKey } from '../../electron/core/crypto/keys.ts';
import { findUserSlot, readKeyslots } from '../../electron/core/crypto/keyslots.ts';
import { openEncrypted, type SqliteDatabase } from '../../electron/core/db/sqlite/open.ts';
import { databasePath } from '../../electron/core/vault.ts';
import { log, round, stats } from './timing.ts';

const OWNER = 'owner';
const PASSWORD = 'bench-password-4k9z';
const SESSION = 'bench';
const PLANTED = 300;
const MERGE_RECORDS = 2_000;
const MERGE_RUNS = 7;
const TARGET = { findMs: 5_000, mergeMs: 200 };

type Core = ReturnType<typeof createCore>;

async function call<T>(core: Core, method: string, input: unknown): Promise<T> {
  const result = await core.invoke(SESSION, method, input);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value as T; // the bench knows which method it called
}

async function rawConnection(dataDir: string): Promise<SqliteDatabase> {
  // Test tool only: the owner's password unwraps the database key, as sign-in does.
  const slot = findUserSlot(readKeyslots(dataDir), OWNER);
  const key = slot && (await unwrapKey(slot, PASSWORD));
  if (!key) throw new Error('bench:duplicates: cannot unwrap the database key with the owner password');
  return openEncrypted(databasePath(dataDir), keyToHex(key));
}

/** Customers as planted: name, phone, e-mail, optional contact mobile. */
type Planted = { name: string; phone: string; email: string; contactMobile?: string };

/** The planted groups, each by one rule (the number `n` keeps each group's values its own). */
function plantedGroup(n: number, hanName: (length: number) => string): Planted[] {
  const mobile = `186${String(n).padStart(8, '0')}`;
  const base = hanName(6);
  switch (n % 6) {
    case 0: // phone in three writings, one of them a contact's mobile
      return [
        { name: hanName(6), phone: mobile, email: '' },
        { name: hanName(6), phone: `+86 ${mobile.slice(0, 3)}-${mobile.slice(3, 7)}-${mobile.slice(7)}`, email: '' },
        { name: hanName(6), phone: '', email: '', contactMobile: `0086${mobile}` },
      ];
    case 1: // e-mail by case
      return [
        { name: hanName(6), phone: '', email: `planted${n}@example.com` },
        { name: hanName(6), phone: '', email: `Planted${n}@Example.COM` },
      ];
    case 2: // company suffixes
      return [
        { name: `${base}有限公司`, phone: '', email: '' },
        { name: `${base}股份有限公司`, phone: '', email: '' },
        { name: base, phone: '', email: '' },
        { name: `${base}（集团）有限公司`, phone: '', email: '' },
      ];
    case 3: // homophones (person names): 张伟 / 章伟 with a suffix making them unique
      return [
        { name: `张伟${base}`, phone: '', email: '' },
        { name: `章伟${base}`, phone: '', email: '' },
      ];
    case 4: // full-width Latin name and ASCII
      return [
        { name: `Planted Trading ${String.fromCharCode(65 + (n % 26))}${n} Co., Ltd.`, phone: '', email: '' },
        { name: `ＰＬＡＮＴＥＤ ＴＲＡＤＩＮＧ ${String.fromCharCode(65 + (n % 26))}${n}`.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)), phone: '', email: '' },
      ];
    default: // one character more (a doubled character)
      return [
        { name: base, phone: '', email: '' },
        { name: base.slice(0, 3) + base.charAt(2) + base.slice(3), phone: '', email: '' },
      ];
  }
}

function insertShop(raw: SqliteDatabase, customers: number): { planted: number[][]; heavy: number; target: number } {
  const random = randomGenerator(7);
  // Common characters of the CJK block, excluding some the planted names use.
  const pool: string[] = [];
  for (let cp = 0x4e00; cp < 0x4e00 + 6_000; cp++) pool.push(String.fromCodePoint(cp));
  const used = new Set<string>();
  const hanName = (length: number) => {
    for (;;) {
      let name = '';
      for (let i = 0; i < length; i++) name += pool[Math.floor(random() * pool.length)];
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
  };
  const now = Date.now();
  const customer = raw.prepare(
    "INSERT INTO customers (code, kind, name, name_sort, region_sort, phone, email, stage, grade, owner_id, created_by, created_at, updated_at, last_contact_at) VALUES (?, 'company', ?, '', '', ?, ?, 'active', 'normal', 1, 1, ?, ?, ?)",
  );
  const contact = raw.prepare(
    "INSERT INTO contacts (customer_id, position, name, title, phone, mobile, email, wechat, decision_maker, birthday, birthday_calendar, created_at, updated_at) VALUES (?, ?, ?, '', '', ?, '', '', 0, '', 'gregorian', ?, ?)",
  );
  const planted: number[][] = [];
  let next = 1;
  const add = (c: Planted) => {
    const code = `C${String(next++).padStart(6, '0')}`;
    const id = Number(customer.run(code, c.name, c.phone, c.email, now, now, now).lastInsertRowid);
    if (c.contactMobile !== undefined) contact.run(id, 0, `${c.name}联系人`, c.contactMobile, now, now);
    return id;
  };
  raw.transaction(() => {
    const plantedEvery = Math.floor(customers / PLANTED);
    let plantedSoFar = 0;
    for (let i = 0; next <= customers; i++) {
      if (plantedSoFar < PLANTED && i % plantedEvery === 0) {
        planted.push(plantedGroup(plantedSoFar, hanName).map(add));
        plantedSoFar += 1;
        continue;
      }
      const id = add({ name: hanName(6), phone: `13${String(100_000_000 + i * 7).slice(0, 9)}`, email: `c${i}@shop${i % 97}.example.cn` });
      if (i % 2 === 0) contact.run(id, 0, hanName(3), `15${String(200_000_000 + i * 11).slice(0, 9)}`, now, now);
    }
  })();
  // The merge pair: two planted customers of a phone group, the merged one given 2,000 records, 5 contacts, 3 contracts.
  const [target, heavy] = planted[0]!;
  const record = raw.prepare("INSERT INTO records (customer_id, kind, at, content, channel, created_by, created_at, updated_at) VALUES (?, 'communication', ?, ?, 'phone', 1, ?, ?)");
  const contract = raw.prepare("INSERT INTO contracts (number, title, type, customer_id, owner_id, notes, created_at, updated_at) VALUES (?, '合同', 'service', ?, 1, '', ?, ?)");
  raw.transaction(() => {
    for (let i = 0; i < MERGE_RECORDS; i++) record.run(heavy, now - i * 3_600_000, `沟通记录 ${i}`, now, now);
    for (let i = 1; i <= 5; i++) contact.run(heavy, i, `联系人${i}`, `17700000${String(i).padStart(3, '0')}`, now, now);
    for (let i = 0; i < 3; i++) contract.run(`HT-BENCH-${i}`, heavy, now, now);
  })();
  return { planted, heavy: heavy!, target: target! };
}

function checkAnswer(found: DuplicateFindResult, planted: number[][]): void {
  const key = (ids: number[]) => [...ids].sort((a, b) => a - b).join(',');
  const want = new Set(planted.map(key));
  const got = new Set(found.groups.map((g) => key(g.customers.map((c) => c.id))));
  const missing = [...want].filter((k) => !got.has(k));
  const extra = [...got].filter((k) => !want.has(k));
  if (found.total !== planted.length || missing.length > 0 || extra.length > 0) {
    throw new Error(`bench:duplicates: wrong answer: ${found.total} groups for ${planted.length} planted; missing ${missing.slice(0, 5).join(' | ')}; extra ${extra.slice(0, 5).join(' | ')}`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { customers: { type: 'string' } }, allowPositionals: true });
  const customers = Number(values.customers ?? 100_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'clientele-bench-duplicates-'));
  try {
    let core = createCore({ dataDir });
    await call(core, 'setup.create', { shopName: '基准测试小店', ownerUsername: OWNER, ownerDisplayName: '店主', password: PASSWORD });
    core.close();
    const raw = await rawConnection(dataDir);
    log(`bench:duplicates: writing ${customers} customers with ${PLANTED} planted groups...`);
    const shop = insertShop(raw, customers);
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();

    core = createCore({ dataDir });
    await call(core, 'auth.signIn', { username: OWNER, password: PASSWORD });
    const load = () => round(loadavg()[0]!);
    const findTimes: { cold: number; warm: number[] } = { cold: 0, warm: [] };
    const coldCpuBefore = process.cpuUsage();
    let started = performance.now();
    let found = await call<DuplicateFindResult>(core, 'duplicates.find', {});
    findTimes.cold = round(performance.now() - started);
    const coldCpu = process.cpuUsage(coldCpuBefore);
    const coldCpuMs = round((coldCpu.user + coldCpu.system) / 1000);
    checkAnswer(found, shop.planted);
    log(`bench:duplicates: find (cold cache) ${findTimes.cold} ms (CPU ${coldCpuMs} ms), ${found.total} groups, right answer; load ${load()}`);
    // CPU time of the process during each find (the core runs in it): what the find costs, less
    // the waiting for a core that a loaded machine adds to the wall-clock time.
    const cpu: number[] = [];
    for (let i = 0; i < 5; i++) {
      const cpuBefore = process.cpuUsage();
      started = performance.now();
      found = await call<DuplicateFindResult>(core, 'duplicates.find', {});
      findTimes.warm.push(performance.now() - started);
      const used = process.cpuUsage(cpuBefore);
      cpu.push((used.user + used.system) / 1000);
      checkAnswer(found, shop.planted);
    }
    const warm = stats(findTimes.warm);
    const warmCpu = stats(cpu);
    log(`bench:duplicates: find (warm) median ${warm.medianMs} ms (CPU ${warmCpu.medianMs} ms); load ${load()}`);

    const merges: number[] = [];
    const undos: number[] = [];
    for (let i = 0; i < MERGE_RUNS; i++) {
      const keep = await call<{ version: number }>(core, 'customers.get', { id: shop.target });
      const merge = await call<{ version: number }>(core, 'customers.get', { id: shop.heavy });
      started = performance.now();
      const result = await call<{ merge: number; moved: Record<string, number> }>(core, 'duplicates.merge', { keep: shop.target, merge: shop.heavy, fields: { name: 'merge' }, version: { keep: keep.version, merge: merge.version } });
      merges.push(performance.now() - started);
      if (result.moved.records !== MERGE_RECORDS || result.moved.contacts !== 5 || result.moved.contracts !== 3) throw new Error(`bench:duplicates: merge moved ${JSON.stringify(result.moved)}`);
      started = performance.now();
      await call(core, 'duplicates.undoMerge', { merge: result.merge });
      undos.push(performance.now() - started);
    }
    const merge = stats(merges);
    const undo = stats(undos);
    log(`bench:duplicates: merge of ${MERGE_RECORDS} records median ${merge.medianMs} ms, undo median ${undo.medianMs} ms; load ${load()}`);
    core.close();
    const figures = {
      customers,
      planted: shop.planted.length,
      find: { coldMs: findTimes.cold, coldCpuMs, warm, warmCpu, targetMs: TARGET.findMs, met: findTimes.cold <= TARGET.findMs && warm.medianMs <= TARGET.findMs },
      merge: { records: MERGE_RECORDS, merge, undo, targetMs: TARGET.mergeMs, met: merge.medianMs <= TARGET.mergeMs },
      load: load(),
    };
    process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
