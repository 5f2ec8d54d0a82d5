// The duplicate finder: every live customer the caller sees, linked to the others that share a
// phone key (its own phone and its contacts' mobiles and phones), an e-mail key (its own and its
// contacts'), a name key, a pinyin key, or a name key one edit away (normalise.ts says the rules).
// Links are unioned (union-find), so a group is a connected set; a pair the shop dismissed as "not
// duplicates" is never linked directly (a third customer may still join them).
//
// Cost at 100,000 customers: reading them and their contacts, and the name keys. Pinyin of 100,000
// names is the costly part (≈1.5 s), so name keys are cached in duplicate_name_keys beside the name
// they were made from and only changed names are computed again.
import { distance } from 'fastest-levenshtein';
import type { DuplicateFindResult, DuplicateGroup, DuplicateReason } from '../../../../shared/api/duplicates.ts';
import { DUPLICATE_GROUPS_MAX } from '../../../../shared/api/duplicates.ts';
import { maskEmail, maskPhone } from '../../../../shared/masking.ts';
import type { Grade } from '../../../../shared/api/customers.ts';
import { AppFailure } from '../../../../shared/errors.ts';
import { transaction, type Db } from '../../db/database.ts';
import type { Job } from '../../jobs.ts';
import type { Access } from '../users/access.ts';
import { emailKey, nameKey, phoneKey, pinyinKey, SIMILAR_MIN_CHARS } from './normalise.ts';

/** Keys longer than this are not compared by edit distance (a paragraph typed as a name). */
const SIMILAR_MAX_CHARS = 40;
/** A deletion variant shared by more keys than this is too common to say anything (and would cost pairs²). */
const VARIANT_BUCKET_MAX = 64;
/** A key shared by more customers than this links them all the same, but in steps of the job. */
const STEP_ROWS = 10_000;
const HAN = /\p{Script=Han}/u;

type Person = { id: number; name: string; code: string; phone: string; grade: Grade; ownerName: string | null; updatedAt: number; version: number; cached: { key: string; pinyin: string } | null };

class UnionFind {
  private readonly parent: Int32Array;
  constructor(size: number) {
    this.parent = new Int32Array(size);
    for (let i = 0; i < size; i++) this.parent[i] = i;
  }
  find(i: number): number {
    let root = i;
    while (this.parent[root] !== root) root = this.parent[root]!;
    while (this.parent[i] !== root) {
      const next = this.parent[i]!;
      this.parent[i] = root;
      i = next;
    }
    return root;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/** Both ways round: "a,b" with a < b. */
function pairKey(a: number, b: number): string {
  return a < b ? `${a},${b}` : `${b},${a}`;
}

/**
 * Each customer's name keys, in the order of `people`: from the cache where it was made from the
 * same name (read with the customers), else computed, and the cache refreshed.
 */
async function nameKeysOf(db: Db, people: readonly Person[], job: Job | null): Promise<{ key: string; pinyin: string }[]> {
  const out: { key: string; pinyin: string }[] = new Array(people.length);
  const fresh: { customer_id: number; name: string; name_key: string; pinyin_key: string }[] = [];
  // Shops repeat names (张伟, 王伟): each distinct name is read aloud once.
  const byName = new Map<string, { key: string; pinyin: string }>();
  let done = 0;
  for (let i = 0; i < people.length; i++) {
    const person = people[i]!;
    if (person.cached !== null) {
      out[i] = person.cached;
      continue;
    }
    let keys = byName.get(person.name);
    if (!keys) {
      const key = nameKey(person.name);
      keys = { key, pinyin: pinyinKey(key) };
      byName.set(person.name, keys);
    }
    out[i] = keys;
    fresh.push({ customer_id: person.id, name: keyedName(person.name), name_key: keys.key, pinyin_key: keys.pinyin });
    if (job && ++done % 2_000 === 0) {
      job.progress(Math.min(i, people.length), people.length * 2);
      await job.step();
    }
  }
  // A cache: written in its own short transactions, between steps; a cancelled find keeps what it
  // wrote. Only customers still there (one purged since the read has no row to key); a cache that
  // cannot be written (the database busy with another process's write) is computed again next time.
  for (let start = 0; start < fresh.length; start += 2_000) {
    const chunk = fresh.slice(start, start + 2_000);
    try {
      await transaction(db, async (tx) => {
        const alive = new Set((await tx.selectFrom('customers').select('id').where('id', 'in', chunk.map((row) => row.customer_id)).execute()).map((row) => row.id));
        const rows = chunk.filter((row) => alive.has(row.customer_id));
        for (let i = 0; i < rows.length; i += 500) {
          await tx
            .insertInto('duplicate_name_keys')
            .values(rows.slice(i, i + 500))
            .onConflict((oc) => oc.column('customer_id').doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), name_key: eb.ref('excluded.name_key'), pinyin_key: eb.ref('excluded.pinyin_key') })))
            .execute();
        }
      });
    } catch (error) {
      if (!(error instanceof AppFailure) || error.code !== 'IO') throw error;
    }
    if (job) await job.step();
  }
  return out;
}

/**
 * What the cache keeps as "the name the keys were made from": the name behind the version of the
 * key rules (normalise.ts), so keys made by older rules are made again, never trusted.
 */
const KEY_RULES = 'rules-1';
function keyedName(name: string): string {
  return `${KEY_RULES}\n${name}`;
}

type Bucket = { reason: DuplicateReason; value: string; members: number[] };

/**
 * Finds the groups. `job` (null in tests that call it directly) gets progress and the chance to
 * cancel between steps.
 */
export async function findDuplicates(db: Db, access: Access, job: Job | null): Promise<DuplicateFindResult> {
  let q = db
    .selectFrom('customers as c')
    .leftJoin('users as u', 'u.id', 'c.owner_id')
    .leftJoin('duplicate_name_keys as n', 'n.customer_id', 'c.id')
    .select(['c.id', 'c.name', 'c.code', 'c.phone', 'c.email', 'c.grade', 'c.updated_at', 'c.version', 'u.display_name as owner_name', 'n.name as keyed_name', 'n.name_key', 'n.pinyin_key'])
    .where('c.deleted_at', 'is', null);
  if (access.scopeOwnerId !== null) q = q.where('c.owner_id', '=', access.scopeOwnerId);
  const rows = await q.orderBy('c.id').execute();
  const people: Person[] = rows.map((r) => ({
    id: r.id,
    name: r.name,
    code: r.code,
    phone: r.phone,
    grade: r.grade,
    ownerName: r.owner_name,
    updatedAt: r.updated_at,
    version: r.version,
    cached: r.keyed_name === keyedName(r.name) && r.name_key !== null && r.pinyin_key !== null ? { key: r.name_key, pinyin: r.pinyin_key } : null,
  }));
  const total = people.length * 2;
  job?.progress(0, total);
  const index = new Map<number, number>();
  people.forEach((p, i) => index.set(p.id, i));

  // Phone and e-mail keys → the customers that have them (a customer once per key).
  const phones = new Map<string, number[]>();
  const emails = new Map<string, number[]>();
  const add = (map: Map<string, number[]>, key: string, at: number) => {
    if (key === '') return;
    const list = map.get(key);
    if (!list) map.set(key, [at]);
    else if (list[list.length - 1] !== at) list.push(at);
  };
  rows.forEach((r, i) => {
    add(phones, phoneKey(r.phone), i);
    add(emails, emailKey(r.email), i);
  });
  let cq = db.selectFrom('contacts as k').innerJoin('customers as c', 'c.id', 'k.customer_id').select(['k.customer_id', 'k.phone', 'k.mobile', 'k.email']).where('c.deleted_at', 'is', null);
  if (access.scopeOwnerId !== null) cq = cq.where('c.owner_id', '=', access.scopeOwnerId);
  for (const contact of await cq.orderBy('k.customer_id').execute()) {
    const at = index.get(contact.customer_id);
    if (at === undefined) continue;
    add(phones, phoneKey(contact.mobile), at);
    add(phones, phoneKey(contact.phone), at);
    add(emails, emailKey(contact.email), at);
  }
  if (job) await job.step();

  const keys = await nameKeysOf(db, people, job);
  job?.progress(people.length, total);
  const names = new Map<string, number[]>();
  const sounds = new Map<string, number[]>();
  people.forEach((p, i) => {
    const k = keys[i]!; // one per person
    add(names, k.key, i);
    add(sounds, k.pinyin, i);
  });

  const buckets: Bucket[] = [];
  const collect = (reason: DuplicateReason, map: Map<string, number[]>, shown: (key: string) => string) => {
    for (const [key, members] of map) {
      if (members.length < 2) continue;
      const unique = [...new Set(members)];
      if (unique.length >= 2) buckets.push({ reason, value: shown(key), members: unique });
    }
  };
  collect('phone', phones, (key) => (access.mask ? maskPhone(key) : key));
  collect('email', emails, (key) => (access.mask ? maskEmail(key) : key));
  collect('name', names, (key) => key);
  // Homophones only where the name keys differ (the same key is said already).
  for (const [key, members] of sounds) {
    if (members.length < 2) continue;
    if (new Set(members.map((m) => keys[m]!.key)).size >= 2) buckets.push({ reason: 'name', value: key, members });
  }
  if (job) await job.step();

  // Names one edit apart: candidates through shared deletion variants, confirmed by the distance.
  const distinct = [...names.keys()].filter((key) => key.length >= SIMILAR_MIN_CHARS && key.length <= SIMILAR_MAX_CHARS);
  for (const [a, b] of similarPairs(distinct)) {
    if (!hanSubstitution(a, b)) buckets.push({ reason: 'name', value: `${a} ~ ${b}`, members: [names.get(a)![0]!, names.get(b)![0]!] });
  }
  if (job) await job.step();

  // Dismissed pairs among the caller's customers.
  const dismissed = new Set<string>();
  for (const row of await db.selectFrom('duplicate_dismissals').select(['low_id', 'high_id']).execute()) dismissed.add(pairKey(row.low_id, row.high_id));

  const uf = new UnionFind(people.length);
  const linked = (a: number, b: number) => !dismissed.has(pairKey(people[a]!.id, people[b]!.id));
  // A similar-name bucket joins the two keys' customers: the same key's customers are joined by its own bucket.
  let stepped = 0;
  for (const bucket of buckets) {
    const m = bucket.members;
    for (let i = 1; i < m.length; i++) {
      if (linked(m[0]!, m[i]!)) uf.union(m[0]!, m[i]!);
      else {
        // Joined through the first member it is not dismissed with, if any.
        const other = m.slice(1, i).find((j) => linked(j, m[i]!));
        if (other !== undefined) uf.union(other, m[i]!);
      }
    }
    stepped += m.length;
    if (job && stepped > STEP_ROWS) {
      stepped = 0;
      await job.step();
    }
  }
  // For the similar-name buckets, the rest of each key's customers (same key) join through the key's own bucket.

  const groups = new Map<number, { members: Set<number>; reasons: Map<string, { reason: DuplicateReason; value: string }> }>();
  for (const bucket of buckets) {
    // Each bucket's members that ended in one group give that group the reason.
    const byRoot = new Map<number, number[]>();
    for (const m of bucket.members) {
      const root = uf.find(m);
      const list = byRoot.get(root);
      if (list) list.push(m);
      else byRoot.set(root, [m]);
    }
    for (const [root, members] of byRoot) {
      if (members.length < 2) continue;
      let group = groups.get(root);
      if (!group) {
        group = { members: new Set(), reasons: new Map() };
        groups.set(root, group);
      }
      for (const m of members) group.members.add(m);
      group.reasons.set(`${bucket.reason}\n${bucket.value}`, { reason: bucket.reason, value: bucket.value });
    }
  }
  // Members joined only through another bucket's member are in the group too.
  for (let i = 0; i < people.length; i++) {
    const group = groups.get(uf.find(i));
    if (group) group.members.add(i);
  }

  const all = [...groups.values()].filter((g) => g.members.size >= 2);
  all.sort((a, b) => b.members.size - a.members.size || Math.min(...a.members) - Math.min(...b.members));
  const shown = all.slice(0, DUPLICATE_GROUPS_MAX);
  const ids = shown.flatMap((g) => [...g.members].map((m) => people[m]!.id));
  const counts = await linkedCounts(db, ids);
  const result: DuplicateGroup[] = shown.map((g) => ({
    reasons: [...g.reasons.values()].sort((a, b) => REASON_ORDER[a.reason] - REASON_ORDER[b.reason] || a.value.localeCompare(b.value)),
    customers: [...g.members]
      .map((m) => people[m]!)
      .sort((a, b) => b.updatedAt - a.updatedAt || a.id - b.id)
      .map((p) => ({
        id: p.id,
        code: p.code,
        name: p.name,
        phone: access.mask ? maskPhone(p.phone) : p.phone,
        ownerName: p.ownerName,
        grade: p.grade,
        updatedAt: p.updatedAt,
        version: p.version,
        counts: counts.get(p.id) ?? { contacts: 0, contracts: 0, records: 0, visits: 0, surveys: 0, complaints: 0 },
      })),
  }));
  job?.progress(total, total);
  return { groups: result, total: all.length };
}

/** FNV-1a of the key's UTF-16 units, leaving out the one at `skip` (-1: none). */
function variantHash(key: string, skip: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    if (i === skip) continue;
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Pairs of keys at edit distance exactly 1. Two such keys share a deletion variant (or one is a
 * deletion variant of the other), so every key's variants are hashed (no strings built), sorted,
 * and only keys whose variants hash alike are compared (fastest-levenshtein confirms; a hash
 * collision costs one comparison). A variant shared by more than VARIANT_BUCKET_MAX keys says
 * nothing and is skipped. Lengths in UTF-16 units (names are in the Basic Multilingual Plane).
 */
export function similarPairs(keys: readonly string[]): [string, string][] {
  let count = 0;
  for (const key of keys) count += key.length + 1;
  // hash * 2^20 + key index: exact in a double (32 + 20 bits), sorted as numbers.
  if (keys.length >= 1 << 20) throw new Error('duplicates: too many distinct names to compare');
  const entries = new Float64Array(count);
  let at = 0;
  keys.forEach((key, k) => {
    entries[at++] = variantHash(key, -1) * 1_048_576 + k;
    for (let i = 0; i < key.length; i++) entries[at++] = variantHash(key, i) * 1_048_576 + k;
  });
  entries.sort();
  const out: [string, string][] = [];
  const seen = new Set<number>();
  let start = 0;
  while (start < entries.length) {
    const hash = Math.floor(entries[start]! / 1_048_576);
    let end = start + 1;
    while (end < entries.length && Math.floor(entries[end]! / 1_048_576) === hash) end++;
    if (end - start >= 2 && end - start <= VARIANT_BUCKET_MAX) {
      for (let i = start; i < end; i++) {
        for (let j = i + 1; j < end; j++) {
          const a = entries[i]! % 1_048_576;
          const b = entries[j]! % 1_048_576;
          if (a === b) continue;
          const pair = Math.min(a, b) * 1_048_576 + Math.max(a, b);
          if (seen.has(pair)) continue;
          seen.add(pair);
          if (Math.abs(keys[a]!.length - keys[b]!.length) <= 1 && distance(keys[a]!, keys[b]!) === 1) out.push([keys[a]!, keys[b]!]);
        }
      }
    }
    start = end;
  }
  return out;
}

const REASON_ORDER: Record<DuplicateReason, number> = { phone: 0, email: 1, name: 2 };

/**
 * One Chinese character swapped for another is a different name (华信 / 华明), not a typo: a typo
 * that sounds the same is the pinyin rule's. Insertions, deletions and Latin typos count.
 */
function hanSubstitution(a: string, b: string): boolean {
  const x = [...a];
  const y = [...b];
  if (x.length !== y.length) return false;
  const at = x.findIndex((char, i) => char !== y[i]);
  return at >= 0 && HAN.test(x[at]!) && HAN.test(y[at]!);
}

type Counts = { contacts: number; contracts: number; records: number; visits: number; surveys: number; complaints: number };

/** How many live rows of each kind these customers have (what a merge would move). */
export async function linkedCounts(db: Db, ids: readonly number[]): Promise<Map<number, Counts>> {
  const out = new Map<number, Counts>();
  for (const id of ids) out.set(id, { contacts: 0, contracts: 0, records: 0, visits: 0, surveys: 0, complaints: 0 });
  const tables = ['contacts', 'contracts', 'records', 'visits', 'surveys', 'complaints'] as const;
  for (let start = 0; start < ids.length; start += 5_000) {
    const chunk = ids.slice(start, start + 5_000);
    for (const table of tables) {
      let q = db
        .selectFrom(table)
        .select(['customer_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('customer_id', 'in', chunk)
        .groupBy('customer_id');
      if (table !== 'contacts') q = q.where('deleted_at', 'is', null);
      for (const row of await q.execute()) out.get(row.customer_id)![table] = row.n; // chunk ids are all in out
    }
  }
  return out;
}
