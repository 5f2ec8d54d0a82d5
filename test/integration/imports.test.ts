// Import from files (areas/imports): the same shop list as GBK CSV, UTF-8 CSV with a BOM and .xlsx
// imports to the same customers; importing it again creates none; a re-import with `update`
// changes exactly the rows that differ; row errors carry the file's own row numbers; a run that
// fails all-or-nothing or is cancelled leaves every table as it was; a batch can be undone, but not
// over an edit made since; only owners and managers may import.
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../shared/api/contract.ts';
import type { ImportInspection, Mapping } from '../../shared/api/imports.ts';
import type { CoreEvent } from '../../electron/core/core-types.ts';
import { blankLinesAndHeaderOnRow2, badRows, bigCsv, csvGbk, csvUtf8Bom, SHOP_HEADER, shopList, shopXlsx, type FixtureFile, type Table } from '../fixtures/import-files.ts';
import { codeOf, databaseKeyOf, makeHarness, OWNER_PASSWORD, openWithKey, shopWithRoles, type Harness } from './harness.ts';

let h: Harness;
beforeEach(async () => {
  h = makeHarness();
  await shopWithRoles(h);
});
afterEach(() => h.cleanup());

async function stage(file: FixtureFile, session = 'owner'): Promise<{ upload: string }> {
  const result = await h.core.upload(session, 'import', {
    name: file.name,
    declaredSize: file.bytes.length,
    chunks: (async function* () {
      yield file.bytes;
    })(),
  });
  if (!result.ok) throw new Error(`upload failed: ${result.error.code} ${result.error.message}`);
  return { upload: result.value.upload };
}

type RunOptions = Partial<Pick<MethodInput<'imports.run'>, 'onDuplicate' | 'matchOn' | 'onError'>>;

/** Stages, inspects (auto-matched mapping) and runs. */
async function importFile(file: FixtureFile, options: RunOptions = {}, session = 'owner') {
  const ref = await stage(file, session);
  const inspection = await h.call(session, 'imports.inspect', { file: ref, kind: 'customers' });
  const request = { file: ref, kind: 'customers' as const, mapping: inspection.mapping, ...options };
  const preview = await h.call(session, 'imports.preview', request);
  const result = await h.call(session, 'imports.run', request);
  return { inspection, preview, result };
}

/** Every customer as data (no ids, codes or times), by name. */
async function customersAsData() {
  const { rows } = await h.call('owner', 'customers.list', { limit: 100 });
  const full = await Promise.all(rows.map((row) => h.call('owner', 'customers.get', { id: row.id })));
  return full
    .map((c) => ({
      name: c.name,
      kind: c.kind,
      phone: c.phone,
      email: c.email,
      address: c.address,
      industry: c.industry,
      grade: c.grade,
      tags: [...c.tags].sort(),
      birthday: c.birthday,
      notes: c.notes,
      ownerId: c.ownerId,
      contacts: c.contacts.map(({ name, mobile, phone, email }) => ({ name, mobile, phone, email })),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Row `index` of the shop list with some cells changed. */
function shopRowWith(index: number, changes: Partial<Record<(typeof SHOP_HEADER)[number], string>>): string[] {
  const row = shopList().rows[index]!;
  return SHOP_HEADER.map((column) => changes[column] ?? row.cells[column]);
}

function file(name: string, bytes: Buffer): FixtureFile {
  return { name, bytes };
}

describe('imports', () => {
  it('imports the same shop list from GBK CSV, UTF-8 BOM CSV and .xlsx to the same customers; again creates none', async () => {
    const { table, rows } = shopList();
    const gbk = await importFile(file('客户.csv', csvGbk(table)));
    expect(gbk.inspection).toMatchObject({ format: 'csv', encoding: 'gb18030', headerRow: 1, mappingSaved: false });
    expect(gbk.result).toMatchObject({ created: 12, updated: 0, skipped: 0, errorCount: 0, rejected: null });
    expect(gbk.preview).toMatchObject({ rows: 12, valid: 12, create: 12, update: 0, skip: 0, errorCount: 0 });
    const fromGbk = await customersAsData();
    expect(fromGbk).toHaveLength(12);
    const lina = fromGbk.find((c) => c.name.startsWith('上海浦东'))!;
    expect(lina).toMatchObject({ phone: '02168881234', email: 'lina@zjsoft.cn', address: '上海市浦东新区张江路665号, 3号楼', grade: 'key', birthday: '2024-03-05', tags: ['软件', '重点'] });
    expect(lina.contacts).toEqual([{ name: '李娜', mobile: '13912345678', phone: '', email: '' }]);
    for (const row of rows) {
      const got = fromGbk.find((c) => c.name === row.expected.name)!;
      expect(got, row.expected.name).toMatchObject({ grade: row.expected.grade, birthday: row.expected.birthday, address: row.expected.address, notes: row.expected.notes });
      expect(got.tags).toEqual([...row.expected.tags].sort());
    }
    // A manager's import with no responsible column leaves them unassigned; so does the owner's.
    expect(fromGbk.every((c) => c.ownerId === null)).toBe(true);

    // The same list again, in each format: nothing new, each row a duplicate skipped.
    const again = await importFile(file('客户-bom.csv', csvUtf8Bom(table)));
    expect(again.inspection.mappingSaved).toBe(true);
    expect(again.result).toMatchObject({ created: 0, updated: 0, skipped: 12, batch: null });
    expect(again.preview).toMatchObject({ create: 0, update: 0, skip: 12 });

    for (const [name, bytes] of [['bom.csv', csvUtf8Bom(table)], ['shop.xlsx', shopXlsx().bytes]] as const) {
      const other = makeHarness();
      const mine = h;
      h = other;
      try {
        await shopWithRoles(h);
        const run = await importFile(file(name, bytes));
        expect(run.result.created, name).toBe(12);
        expect(await customersAsData(), name).toEqual(fromGbk);
      } finally {
        h = mine;
        other.cleanup();
      }
    }
  });

  it('the workbook: the header under a title row found, the hidden sheet passed over, date cells as dates', async () => {
    const { inspection, result } = await importFile(shopXlsx());
    expect(inspection.format).toBe('xlsx');
    expect(inspection.headerRow).toBeGreaterThan(1);
    expect(inspection.sheets.some((s) => s.hidden)).toBe(true);
    expect(inspection.sheets.find((s) => s.name === inspection.sheet)?.hidden).toBe(false);
    expect(result.created).toBe(12);
  });

  it('re-import with update changes exactly the rows that differ (version, grade history, search)', async () => {
    const { table } = shopList();
    await importFile(file('a.csv', csvUtf8Bom(table)));
    const before = await h.call('owner', 'customers.list', { limit: 100 });
    const changed: Table = table.map((row) => [...row]);
    changed[1]![10] = '改成每周送货'; // 备注 of row 2
    changed[4]![7] = 'VIP客户'; // 等级 of row 5: potential → vip
    changed[6]![8] = '茶叶,新标签'; // a tag added to row 7
    h.clock.now += 60_000;
    const { preview, result } = await importFile(file('b.csv', csvUtf8Bom(changed)), { onDuplicate: 'update' });
    expect(preview).toMatchObject({ create: 0, update: 3, skip: 9 });
    expect(result).toMatchObject({ created: 0, updated: 3, skipped: 9 });
    const after = await h.call('owner', 'customers.list', { limit: 100 });
    const moved = after.rows.filter((row) => before.rows.find((b) => b.id === row.id)!.updatedAt !== row.updatedAt).map((row) => row.name);
    expect(moved.sort()).toEqual([table[1]![0], table[4]![0], table[6]![0]].sort());
    const tenglong = after.rows.find((row) => row.name === table[4]![0])!;
    const full = await h.call('owner', 'customers.get', { id: tenglong.id });
    expect(full.grade).toBe('vip');
    expect(full.version).toBe(2);
    expect(full.gradeHistory.map((g) => g.grade)).toEqual(['vip', 'potential']);
    expect((await h.call('owner', 'search.query', { q: '腾龙电子' })).total).toBe(1);
  });

  it('matches duplicates within the file and by phone written differently (+86, spaces, full-width digits)', async () => {
    const { table } = shopList();
    await importFile(file('a.csv', csvUtf8Bom(table.slice(0, 3))));
    const rows: Table = [
      table[1]!,
      shopRowWith(0, { 客户名称: '别名公司', 手机: '+86 138 0013 8000' }), // the same mobile as row 1's customer
      shopRowWith(5, { 手机: '１３５８８８８９９９９' }), // new, full-width digits
      shopRowWith(5, { 客户名称: '杭州西湖茶叶合作社（重复）', 手机: '135-8888-9999' }), // the row above, again
    ];
    const { preview, result } = await importFile(file('b.csv', csvUtf8Bom([table[0]!, ...rows])));
    expect(preview).toMatchObject({ create: 1, skip: 3 });
    expect(result).toMatchObject({ created: 1, skipped: 3 });
    // create ignores matches
    const { result: created } = await importFile(file('c.csv', csvUtf8Bom(table.slice(0, 3))), { onDuplicate: 'create' });
    expect(created.created).toBe(2);
  });

  it('inspects again with the header row the user chose: its headers, the rows after it and a mapping matched on them', async () => {
    const blank = blankLinesAndHeaderOnRow2();
    const file = await stage(blank);
    const detected = await h.call('owner', 'imports.inspect', { file, kind: 'customers' });
    expect(detected.headerRow).toBe(blank.headerRow);
    expect(detected.mapping.columns.name).toBe(0);

    // Row 1 (the title above the header): its one cell is the only header (at most one field matched), the header row is the sample's first.
    const above = await h.call('owner', 'imports.inspect', { file, kind: 'customers', headerRow: 1 });
    expect(above.headerRow).toBe(1);
    expect(above.mapping.headerRow).toBe(1);
    expect(above.headers.filter((cell) => cell.trim() !== '')).toHaveLength(1);
    expect(Object.values(above.mapping.columns).filter((column) => column !== null).length).toBeLessThanOrEqual(1);
    expect(above.sample[0]).toEqual({ row: blank.headerRow, cells: detected.headers });
    expect(above.layout).not.toBe(detected.layout);

    // Back to the detected row: the same as inspecting without one.
    expect(await h.call('owner', 'imports.inspect', { file, kind: 'customers', headerRow: blank.headerRow })).toEqual(detected);

    const past = await h.failure('owner', 'imports.inspect', { file, kind: 'customers', headerRow: 999 }, 'VALIDATION');
    expect(past.details).toEqual({ reason: 'headerRow', row: 999 });
  });

  it('reports row errors with the file\'s own row numbers (blank lines, header on row 2) and gives the rejected rows back', async () => {
    const blank = blankLinesAndHeaderOnRow2();
    const { inspection, preview, result } = await importFile(blank);
    expect(inspection.headerRow).toBe(blank.headerRow);
    expect(preview.errors.map(({ row, field, code }) => ({ row, field, code }))).toEqual(blank.errors);
    expect(result.errors.map(({ row, field, code }) => ({ row, field, code }))).toEqual(blank.errors);
    expect(result).toMatchObject({ created: blank.goodRows.length, errorCount: blank.errors.length });
    expect(preview.sampleRows.map((r) => [r.row, r.action])).toEqual([
      [3, 'create'],
      [5, 'error'],
      [6, 'create'],
      [8, 'error'],
      [10, 'create'],
      [11, 'error'],
    ]);
    const download = await h.core.download('owner', result.rejected!.download);
    if (!download.ok) throw new Error('no download');
    const parts: Uint8Array[] = [];
    for await (const chunk of download.value.chunks) parts.push(chunk);
    const csv = Buffer.concat(parts);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^客户名称,联系人,.*,错误$/);
    expect(lines[2]).toContain('chenqiang@@tenglong');
    expect(lines[2]).toMatch(/邮箱: 不是有效邮箱$/);

    // Contacts alone: named by the contract, not taken by the core yet: refused, nothing read.
    const contacts = await h.failure('owner', 'imports.preview', { file: await stage(blank), kind: 'contacts', mapping: { headerRow: 2, columns: { contactName: 1 } } }, 'VALIDATION');
    expect(contacts.details).toEqual({ reason: 'mapping' });

    const bad = badRows();
    const second = await importFile(bad);
    expect(second.result.errors.map(({ row, field, code }) => ({ row, field, code }))).toEqual(bad.errors);
  });

  it('an all-or-nothing run with a bad row, and a cancelled run, leave every table as it was', async () => {
    const { table } = shopList();
    await importFile(file('a.csv', csvUtf8Bom(table.slice(0, 4))));
    const key = await databaseKeyOf(h.dataDir, 'boss', OWNER_PASSWORD);
    const contentHash = () => {
      const raw = openWithKey(h.dataDir, key);
      try {
        const tables = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
        const hash = createHash('sha256');
        const counts: Record<string, number> = {};
        for (const name of tables) {
          const rows = raw.prepare(`SELECT * FROM "${name}"`).all().map((row) => JSON.stringify(row, (_, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v)));
          rows.sort();
          counts[name] = rows.length;
          hash.update(name).update(rows.join('\n'));
        }
        return { counts, hash: hash.digest('hex') };
      } finally {
        raw.close();
      }
    };
    const bad = badRows();
    const ref = await stage(bad);
    const before = contentHash();
    const inspection: ImportInspection = await h.call('owner', 'imports.inspect', { file: ref, kind: 'customers' });
    const aborted = await h.call('owner', 'imports.run', { file: ref, kind: 'customers', mapping: inspection.mapping, onError: 'abort' });
    expect(aborted).toMatchObject({ created: 0, updated: 0, batch: null, errorCount: 4 });
    expect(contentHash()).toEqual(before);

    const big = file('big.csv', bigCsv(5000));
    const bigRef = await stage(big);
    const bigMapping: Mapping = (await h.call('owner', 'imports.inspect', { file: bigRef, kind: 'customers' })).mapping;
    const beforeBig = contentHash();
    let cancel: Promise<unknown> | null = null;
    const stop = h.core.onEvent('owner', (event: CoreEvent) => {
      if (event.job === 'import' && event.done > 0 && !cancel) cancel = h.call('owner', 'jobs.cancel', { job: 'import' });
    });
    const running = await h.raw('owner', 'imports.run', { file: bigRef, kind: 'customers', mapping: bigMapping });
    stop();
    expect(codeOf(running)).toBe('CANCELLED');
    expect(await cancel).toEqual({ cancelled: true });
    expect(contentHash()).toEqual(beforeBig);
  });

  it('undoes a batch (created customers gone, updated ones back), once; refuses over an edit since', async () => {
    const { table } = shopList();
    const first = await importFile(file('a.csv', csvUtf8Bom(table.slice(0, 6))));
    const original = await customersAsData();
    const changed: Table = table.map((row) => [...row]);
    changed[1]![10] = '新备注';
    const second = await importFile(file('b.csv', csvUtf8Bom(changed)), { onDuplicate: 'update' });
    expect(second.result).toMatchObject({ created: 7, updated: 1 });
    const list = await h.call('owner', 'imports.list', {});
    expect(list.rows.map((b) => [b.id, b.created, b.updated, b.undoable])).toEqual([
      [second.result.batch, 7, 1, true],
      [first.result.batch, 5, 0, true],
    ]);
    expect(await h.call('owner', 'imports.undo', { batch: second.result.batch! })).toEqual({ removed: 7, restored: 1 });
    expect(await customersAsData()).toEqual(original);
    expect((await h.call('owner', 'search.query', { q: '西安古城' })).total).toBe(0);
    const again = await h.failure('owner', 'imports.undo', { batch: second.result.batch! }, 'CONFLICT');
    expect(again.details).toEqual({ reason: 'undone' });
    expect((await h.call('owner', 'imports.list', {})).rows[0]!.undoable).toBe(false);

    // An edit since: the first batch cannot be undone, and says which customer.
    const edited = (await h.call('owner', 'customers.list', { limit: 100 })).rows.find((row) => row.name === table[3]![0])!;
    const full = await h.call('owner', 'customers.get', { id: edited.id });
    await h.call('owner', 'customers.update', { ...full, notes: '手改过' });
    const refused = await h.failure('owner', 'imports.undo', { batch: first.result.batch! }, 'CONFLICT');
    expect(refused.details).toEqual({ reason: 'editedSince', customers: [{ id: edited.id, name: edited.name }] });
    expect((await h.call('owner', 'customers.count', {})).count).toBe(5);
    const audit = await h.call('owner', 'audit.list', { action: 'import.undo' });
    expect(audit.rows).toHaveLength(1);
    expect((await h.call('owner', 'audit.list', { action: 'import.run' })).rows[0]!.changes).toEqual([
      { field: 'created', before: null, after: 7 },
      { field: 'updated', before: null, after: 1 },
      { field: 'skipped', before: null, after: 4 },
      { field: 'errors', before: null, after: 0 },
    ]);
  });

  it('a manager imports; staff and viewers may not; the ownerUsername column gives each customer its staff member', async () => {
    const { table } = shopList();
    const withOwner: Table = [[...table[0]!, '负责人'], [...table[1]!, 'staff'], [...table[2]!, ''], [...table[3]!, 'nobody']];
    const ref = await stage(file('o.csv', csvUtf8Bom(withOwner)), 'manager');
    const inspection = await h.call('manager', 'imports.inspect', { file: ref, kind: 'customers' });
    const mapping = { ...inspection.mapping, columns: { ...inspection.mapping.columns, ownerUsername: 11 } };
    const result = await h.call('manager', 'imports.run', { file: ref, kind: 'customers', mapping });
    expect(result).toMatchObject({ created: 2, errorCount: 1, errors: [{ row: 4, field: 'ownerUsername', code: 'owner', value: 'nobody' }] });
    const rows = (await h.call('owner', 'customers.list', { limit: 100 })).rows;
    expect(rows.find((r) => r.name === table[1]![0])!.ownerName).toBe('staff');
    expect(rows.find((r) => r.name === table[2]![0])!.ownerName).toBeNull();
    for (const session of ['staff', 'viewer']) {
      expect(codeOf(await h.core.upload(session, 'import', { name: 'x.csv', declaredSize: 3, chunks: (async function* () { yield Buffer.from('a,b'); })() }))).toBe('FORBIDDEN');
      await h.failure(session, 'imports.inspect', { file: ref, kind: 'customers' }, 'FORBIDDEN');
      await h.failure(session, 'imports.run', { file: ref, kind: 'customers', mapping }, 'FORBIDDEN');
      await h.failure(session, 'imports.undo', { batch: 1 }, 'FORBIDDEN');
      await h.failure(session, 'imports.list', {}, 'FORBIDDEN');
    }
  });
});
