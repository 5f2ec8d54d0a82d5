// The first part of a preview or a run: the file read row by row, each row checked and matched
// against the shop's customers and the file's earlier rows, in steps of a batch of rows (a job:
// progress in rows, cancellable between steps). A run stages the rows it will write in
// import_staging, so the file is never held in memory; a preview only counts. Preview and run go
// through this same code, so the counts a preview shows are the counts a run produces.
import { AppFailure } from '../../../../shared/errors.ts';
import {
  IMPORT_ERRORS_SHOWN,
  IMPORT_FIELDS,
  IMPORT_SAMPLE_ROWS,
  REQUIRED_IMPORT_FIELDS,
  type ImportAction,
  type ImportKind,
  type ImportPreview,
  type ImportRowError,
  type Mapping,
  type MatchOn,
  type OnDuplicate,
  type TextEncoding,
} from '../../../../shared/api/imports.ts';
import { canOwnCustomers } from '../../../../shared/roles.ts';
import type { Db } from '../../db/database.ts';
import type { Job } from '../../jobs.ts';
import { readRows, type ByteSource } from './read/index.ts';
import { refused } from './read/failures.ts';
import { checkRow, type RowValues, type SourceRow } from './row-values.ts';
import { indexKeys, lookupKeys } from './keys.ts';
import { loadCustomers, merged } from './customer-state.ts';

export type PrepareOptions = {
  kind: ImportKind;
  mapping: Mapping;
  matchOn: MatchOn;
  onDuplicate: OnDuplicate;
  encoding?: TextEncoding;
  sheet?: string;
};

/** What a staged create or update carries (import_staging.data). */
export type StagedValues = { values: RowValues; ownerId: number | null | undefined };

export type Prepared = ImportPreview & { headers: string[] };

/** What apply.ts reads of a staged row: a create its whole draft, an update the cells it gives (half the bytes each). */
function slim(action: 'create' | 'update', staged: StagedValues): unknown {
  const { values, ownerId } = staged;
  return action === 'create' ? { values: { draft: values.draft }, ownerId } : { values: { fields: values.fields, tags: values.tags, contact: values.contact }, ownerId };
}

/** An existing customer found by several keys is 'ambiguous'; AMBIGUOUS marks such a key. */
const AMBIGUOUS = -1;

/** Refuses a mapping that names a field not of the kind, a column twice, or leaves a required field out. */
export function checkMapping(kind: ImportKind, mapping: Mapping, headerCount: number | null): void {
  const bad = (why: string) => refused('mapping', why);
  const used = new Set<number>();
  for (const [field, column] of Object.entries(mapping.columns)) {
    if (!(IMPORT_FIELDS[kind] as readonly string[]).includes(field)) throw bad(`${field} is not a field of a ${kind} import`);
    if (column === null) continue;
    if (used.has(column)) throw bad(`column ${column + 1} is mapped to two fields`);
    if (headerCount !== null && column >= headerCount) throw bad(`column ${column + 1} is past the header's last column (${headerCount})`);
    used.add(column);
  }
  for (const field of REQUIRED_IMPORT_FIELDS[kind]) {
    if (mapping.columns[field] === null || mapping.columns[field] === undefined) throw bad(`${field} needs a column`);
  }
}

/** Every live customer's keys under `matchOn` → its id (AMBIGUOUS where two customers share a key). */
async function existingKeys(db: Db, matchOn: MatchOn, job: Job): Promise<Map<string, number>> {
  const keys = new Map<string, number>();
  let after = 0;
  for (;;) {
    const customers = await db
      .selectFrom('customers')
      .select(['id', 'name', 'address', 'phone', 'email'])
      .where('deleted_at', 'is', null)
      .where('id', '>', after)
      .orderBy('id')
      .limit(5000)
      .execute();
    const last = customers.at(-1);
    if (!last) return keys;
    const contacts = await db.selectFrom('contacts').select(['customer_id', 'phone', 'mobile', 'email']).where('customer_id', '>', after).where('customer_id', '<=', last.id).execute();
    const byCustomer = new Map<number, { phone: string; mobile: string; email: string }[]>();
    for (const contact of contacts) {
      const list = byCustomer.get(contact.customer_id) ?? [];
      list.push(contact);
      byCustomer.set(contact.customer_id, list);
    }
    for (const customer of customers) {
      for (const key of indexKeys({ ...customer, contacts: byCustomer.get(customer.id) ?? [] }, matchOn)) {
        const before = keys.get(key);
        keys.set(key, before === undefined || before === customer.id ? customer.id : AMBIGUOUS);
      }
    }
    after = last.id;
    await job.step();
  }
}

/** Active users who can be responsible for customers, by user name (case-free). */
async function ownersByName(db: Db): Promise<Map<string, number>> {
  const users = await db.selectFrom('users').select(['id', 'username', 'role', 'active']).execute();
  return new Map(users.filter((u) => u.active === 1 && canOwnCustomers(u.role)).map((u) => [u.username.toLowerCase(), u.id]));
}

type Decided = { row: number; cells: string[]; action: ImportAction; target: number | null; staged: StagedValues | null; errors: ImportRowError[] };

/**
 * Reads, checks and matches every row. With `run`, stages the creates, updates and errors under
 * that run's key. Throws CANCELLED at a step once the job is cancelled (the caller removes what was
 * staged).
 */
export async function prepare(db: Db, src: ByteSource, options: PrepareOptions, job: Job, run: { key: string; now: number } | null): Promise<Prepared> {
  const { mapping, matchOn, onDuplicate } = options;
  checkMapping(options.kind, mapping, null);
  const existing = onDuplicate === 'create' ? new Map<string, number>() : await existingKeys(db, matchOn, job);
  const owners = await ownersByName(db);
  const fileKeys = new Set<string>();
  const claimed = new Set<number>();
  const result: Prepared = { rows: 0, valid: 0, create: 0, update: 0, skip: 0, errors: [], errorCount: 0, sampleRows: [], headers: [] };
  let headerSeen = false;
  let bytesPerRow = 0;
  const signal = {
    get cancelled() {
      return job.cancelled;
    },
  };

  const decide = (row: SourceRow): Decided => {
    const checked = checkRow(row, mapping);
    const base = { row: row.row, cells: row.cells };
    if (!checked.ok) return { ...base, action: 'error', target: null, staged: null, errors: checked.errors };
    const values = checked.values;
    let ownerId: number | null | undefined = undefined;
    if (values.ownerUsername !== '') {
      ownerId = owners.get(values.ownerUsername.toLowerCase());
      if (ownerId === undefined) return { ...base, action: 'error', target: null, staged: null, errors: [{ row: row.row, field: 'ownerUsername', code: 'owner', value: values.ownerUsername.slice(0, 200) }] };
    }
    const staged: StagedValues = { values, ownerId };
    if (onDuplicate === 'create') return { ...base, action: 'create', target: null, staged, errors: [] };
    const matchable = { ...values.draft, contacts: values.draft.contacts };
    const found = new Set(lookupKeys(matchable, matchOn).flatMap((key) => (existing.has(key) ? [existing.get(key)!] : []))); // has() just checked
    const inFile = lookupKeys(matchable, matchOn).some((key) => fileKeys.has(key));
    for (const key of indexKeys(matchable, matchOn)) fileKeys.add(key);
    if (found.size > 0) {
      if (onDuplicate === 'skip') return { ...base, action: 'skip', target: null, staged: null, errors: [] };
      const [id] = [...found];
      if (found.size > 1 || id === AMBIGUOUS) return { ...base, action: 'error', target: null, staged: null, errors: [{ row: row.row, field: '', code: 'ambiguous', value: '' }] };
      if (claimed.has(id!) || inFile) return { ...base, action: 'skip', target: null, staged: null, errors: [] };
      claimed.add(id!);
      return { ...base, action: 'update', target: id!, staged, errors: [] };
    }
    if (inFile) return { ...base, action: 'skip', target: null, staged: null, errors: [] };
    return { ...base, action: 'create', target: null, staged, errors: [] };
  };

  let done = 0;
  for await (const batch of readRows(src, { encoding: options.encoding, sheet: options.sheet, signal })) {
    const decided: Decided[] = [];
    for (const row of batch) {
      if (row.row < mapping.headerRow) continue;
      if (row.row === mapping.headerRow) {
        headerSeen = true;
        result.headers = row.cells;
        checkMapping(options.kind, mapping, Math.max(row.cells.length, 1));
        continue;
      }
      if (!row.cells.some((cell) => cell.trim() !== '')) continue; // a blank line: counted in row numbers only
      decided.push(decide(row));
      bytesPerRow += row.cells.reduce((sum, cell) => sum + cell.length + 1, 1);
    }
    // An update that changes nothing is a skip: the customers are read once per batch.
    const updates = decided.filter((d) => d.action === 'update');
    if (updates.length > 0) {
      const stored = await loadCustomers(db, updates.map((d) => d.target!)); // an update has its target
      for (const d of updates) {
        const before = stored.get(d.target!);
        if (!before || !merged(before, d.staged!.values, d.staged!.ownerId).changed) d.action = 'skip';
      }
    }
    for (const d of decided) {
      result.rows += 1;
      if (d.action === 'error') {
        result.errorCount += 1;
        for (const error of d.errors) if (result.errors.length < IMPORT_ERRORS_SHOWN) result.errors.push(error);
      } else {
        result.valid += 1;
        result[d.action] += 1;
      }
      if (result.sampleRows.length < IMPORT_SAMPLE_ROWS) {
        const values = Object.fromEntries(
          Object.entries(mapping.columns).flatMap(([field, column]) => (column === null || column === undefined ? [] : [[field, d.cells[column] ?? '']])),
        );
        result.sampleRows.push({ row: d.row, values, action: d.action });
      }
    }
    if (run) {
      const rows = decided
        .filter((d) => d.action !== 'skip')
        .map((d) => ({
          run: run.key,
          row: d.row,
          action: d.action,
          target_id: d.target,
          data: JSON.stringify(d.action === 'error' ? d.errors : slim(d.action as 'create' | 'update', d.staged!)), // skips are not staged, errors handled here: a create or update with its values
          // Only a rejected row's cells are needed again (the rejected rows' CSV).
          cells: d.action === 'error' ? JSON.stringify(d.cells) : '[]',
          created_at: run.now,
        }));
      for (let start = 0; start < rows.length; start += 500) await db.insertInto('import_staging').values(rows.slice(start, start + 500)).execute();
    }
    done = result.rows;
    // Rows still to come, estimated from the file's size and the rows' size so far (text files).
    const estimate = done === 0 ? 0 : Math.round(src.size / Math.max(bytesPerRow / done, 1));
    job.progress(done, Math.max(done, estimate));
    await job.step();
  }
  if (!headerSeen) throw refused('headerRow', `the header row ${mapping.headerRow} is past the file's last row`, { row: mapping.headerRow });
  job.progress(done, done);
  return result;
}

/** Removes what a run staged (whatever became of it), and what a run that died left long ago. */
export async function clearStaging(db: Db, runKey: string, now: number): Promise<void> {
  await db.deleteFrom('import_staging').where((eb) => eb.or([eb('run', '=', runKey), eb('created_at', '<', now - 24 * 60 * 60 * 1000)])).execute();
}

export function cancelled(): AppFailure {
  return new AppFailure('CANCELLED', 'import was cancelled; nothing was imported');
}
