// Sales through the import wizard (kind 'sales'): each row of the file is one line of a sale. Rows
// with the same receipt number, customer, day and currency form one sale (in the order of their
// first row); a row without a receipt number is a sale of its own. The customer is found among those
// the importer sees by its code, else by its exact name (several with that name: 'ambiguous').
// Quantities, prices and discounts are read as exact decimals (values/decimals.ts); days as the
// customer import reads them. A sale with a refused line is refused whole (its other lines say so
// under receiptNo), so what is written is exactly what the file says. The run writes every sale in
// one transaction through the sales area's bulk insert (the summary tables kept by their triggers
// in that same transaction), records the batch and each sale's version for undo, audits it, and
// saves the mapping. The checked lines are held in memory until the run writes them: a sales file
// is at most IMPORT_MAX_ROWS lines of a few numbers each.
import {
  IMPORT_ERRORS_SHOWN,
  IMPORT_SAMPLE_ROWS,
  type ImportAction,
  type ImportPreview,
  type ImportRowError,
  type Mapping,
  type TextEncoding,
} from '../../../../shared/api/imports.ts';
import { currencyDigits, knownCurrency } from '../../../../shared/api/contracts.ts';
import { LINE_NAME_MAX, QUANTITY_MILLI_MAX, SALE_LINES_MAX, SALE_NOTES_MAX, UNIT_PRICE_MAX, lineAmountMinor, saleTotalMinor } from '../../../../shared/api/sales.ts';
import { AppFailure } from '../../../../shared/errors.ts';
import { transaction, type Db } from '../../db/database.ts';
import { dropUpload } from '../../files/uploads.ts';
import type { Job } from '../../jobs.ts';
import { appendAudit } from '../audit/service.ts';
import { insertSales, type SaleInsert } from '../sales/service.ts';
import { indexSale } from '../sales/search.ts';
import { onSaleChanged, onSalesInserted } from '../loyalty/sale-points.ts';
import type { Access } from '../users/access.ts';
import { saveMapping } from './mappings.ts';
import { checkMapping } from './prepare.ts';
import { readRows, type ByteSource, type TableRow } from './read/index.ts';
import { refused } from './read/failures.ts';
import { cellText, folded, parseDateCell } from './values/index.ts';
import { parseCurrencyCell, parseDecimalCell } from './values/decimals.ts';

export type SalesOptions = { mapping: Mapping; encoding?: TextEncoding; sheet?: string };

type Line = {
  row: number;
  cells: string[];
  group: string;
  customerId: number;
  soldOn: string;
  currency: string;
  notes: string;
  itemId: number | null;
  name: string;
  quantityMilli: number;
  unitPriceMinor: number;
  discountMinor: number;
};

export type SalesPrepared = ImportPreview & { headers: string[]; drafts: (Omit<SaleInsert, 'createdBy' | 'createdAt'> & { rows: number[] })[] };

/** The customers the importer sees (live, in their scope): by code and by exact name. */
async function customersOf(db: Db, access: Access, job: Job): Promise<{ byCode: Map<string, number>; byName: Map<string, number[]> }> {
  const byCode = new Map<string, number>();
  const byName = new Map<string, number[]>();
  let after = 0;
  for (;;) {
    let query = db.selectFrom('customers').select(['id', 'code', 'name']).where('deleted_at', 'is', null).where('id', '>', after).orderBy('id').limit(5000);
    if (access.scopeOwnerId !== null) query = query.where('owner_id', '=', access.scopeOwnerId);
    const rows = await query.execute();
    if (rows.length === 0) return { byCode, byName };
    for (const c of rows) {
      if (c.code) byCode.set(c.code.normalize('NFKC').trim().toUpperCase(), c.id);
      const name = c.name.normalize('NFC').trim();
      byName.set(name, [...(byName.get(name) ?? []), c.id]);
    }
    after = rows.at(-1)!.id; // not empty
    await job.step();
  }
}

/** Active catalogue items by name (letter case ignored): a line named as an item is linked to it. */
async function catalogueByName(db: Db): Promise<Map<string, number>> {
  const items = await db.selectFrom('catalogue_items').select(['id', 'name']).where('active', '=', 1).execute();
  return new Map(items.map((i) => [i.name.normalize('NFC').trim().toLowerCase(), i.id]));
}

const noControl = (s: string) => !/[\p{Cc}\u2028\u2029]/u.test(s.replace(/[\n\r\t]/g, ''));

/** Refuses a mapping without a way to find the customer (code or name), beside the common checks. */
function checkSalesMapping(mapping: Mapping, headerCount: number | null): void {
  checkMapping('sales', mapping, headerCount);
  const has = (field: string) => mapping.columns[field] !== null && mapping.columns[field] !== undefined;
  if (!has('customerCode') && !has('customerName')) throw refused('mapping', 'customerCode or customerName needs a column');
}

/**
 * Reads and checks every row, groups the lines into sales and counts what a run would write. With
 * `run`, stages the refused rows (for the rejected rows' CSV) under the run's key.
 */
export async function prepareSales(db: Db, src: ByteSource, options: SalesOptions, access: Access, job: Job, run: { key: string; now: number } | null): Promise<SalesPrepared> {
  const { mapping } = options;
  checkSalesMapping(mapping, null);
  const customers = await customersOf(db, access, job);
  const catalogue = await catalogueByName(db);
  const result: SalesPrepared = { rows: 0, valid: 0, create: 0, update: 0, skip: 0, lines: 0, errors: [], errorCount: 0, sampleRows: [], headers: [], drafts: [] };
  const refusedRows = new Map<number, { cells: string[]; errors: ImportRowError[] }>();
  const lines: Line[] = [];
  const allRows: { row: number; cells: string[] }[] = [];
  let headerSeen = false;
  const signal = {
    get cancelled() {
      return job.cancelled;
    },
  };

  const check = (source: TableRow): Line | ImportRowError[] => {
    const errors: ImportRowError[] = [];
    const cell = (field: string) => {
      const column = mapping.columns[field];
      return column === null || column === undefined ? { text: '', raw: undefined } : { text: source.cells[column] ?? '', raw: source.raw?.[column] ?? undefined };
    };
    const fail = (field: string, code: ImportRowError['code']) => errors.push({ row: source.row, field, code, value: cell(field).text.slice(0, 200) });
    const soldOn = parseDateCell(cell('soldOn').text, cell('soldOn').raw);
    if (!soldOn.ok) fail('soldOn', soldOn.code);
    else if (soldOn.value === '') fail('soldOn', 'required');
    // The customer: by code when the row gives one, else by its exact name.
    let customerId: number | null = null;
    const code = folded(cellText(cell('customerCode').text)).toUpperCase();
    const name = cellText(cell('customerName').text).normalize('NFC').trim();
    if (code !== '') {
      customerId = customers.byCode.get(code) ?? null;
      if (customerId === null) fail('customerCode', 'customer');
    } else if (name !== '') {
      const ids = customers.byName.get(name) ?? [];
      if (ids.length === 0) fail('customerName', 'customer');
      else if (ids.length > 1) fail('customerName', 'ambiguous');
      else customerId = ids[0]!;
    } else fail(mapping.columns.customerCode === null || mapping.columns.customerCode === undefined ? 'customerName' : 'customerCode', 'required');
    const currency = parseCurrencyCell(cell('currency').text, knownCurrency);
    if (!currency.ok) fail('currency', currency.code);
    const digits = currencyDigits(currency.ok && currency.value !== '' ? currency.value : 'CNY');
    const product = cellText(cell('product').text).normalize('NFC').trim();
    if (product === '') fail('product', 'required');
    else if ([...product].length > LINE_NAME_MAX) fail('product', 'tooLong');
    else if (!noControl(product) || /[\n\r\t]/.test(product)) fail('product', 'invalid');
    const quantity = parseDecimalCell(cell('quantity').text, cell('quantity').raw, 3);
    if (!quantity.ok) fail('quantity', quantity.code);
    else if (quantity.value === null) fail('quantity', 'required');
    else if (quantity.value < 1n || quantity.value > BigInt(QUANTITY_MILLI_MAX)) fail('quantity', 'number');
    const price = parseDecimalCell(cell('unitPrice').text, cell('unitPrice').raw, digits);
    if (!price.ok) fail('unitPrice', price.code);
    else if (price.value === null) fail('unitPrice', 'required');
    else if (price.value > BigInt(UNIT_PRICE_MAX)) fail('unitPrice', 'number');
    const discount = parseDecimalCell(cell('discount').text, cell('discount').raw, digits);
    if (!discount.ok) fail('discount', discount.code);
    else if (discount.value !== null && discount.value > BigInt(Number.MAX_SAFE_INTEGER)) fail('discount', 'amount');
    const notes = cellText(cell('notes').text).trim();
    if ([...notes].length > SALE_NOTES_MAX) fail('notes', 'tooLong');
    else if (!noControl(notes)) fail('notes', 'invalid');
    const receipt = folded(cellText(cell('receiptNo').text));
    if (errors.length > 0 || !soldOn.ok || !currency.ok || !quantity.ok || !price.ok || !discount.ok || customerId === null) return errors;
    const line = {
      quantityMilli: Number(quantity.value),
      unitPriceMinor: Number(price.value),
      discountMinor: Number(discount.value ?? 0n),
    };
    if (lineAmountMinor(line.quantityMilli, line.unitPriceMinor, line.discountMinor) === null) {
      fail('discount', 'amount');
      return errors;
    }
    const currencyCode = currency.value === '' ? 'CNY' : currency.value;
    return {
      row: source.row,
      cells: source.cells,
      // One sale per receipt number, customer, day and currency; a row without a receipt number is one sale.
      group: receipt === '' ? `row:${source.row}` : JSON.stringify([receipt, customerId, soldOn.value, currencyCode]),
      customerId,
      soldOn: soldOn.value,
      currency: currencyCode,
      notes,
      itemId: catalogue.get(product.toLowerCase()) ?? null,
      name: product,
      ...line,
    };
  };

  for await (const batch of readRows(src, { encoding: options.encoding, sheet: options.sheet, signal })) {
    for (const source of batch) {
      if (source.row < mapping.headerRow) continue;
      if (source.row === mapping.headerRow) {
        headerSeen = true;
        result.headers = source.cells;
        checkSalesMapping(mapping, Math.max(source.cells.length, 1));
        continue;
      }
      if (!source.cells.some((c) => c.trim() !== '')) continue; // a blank line: counted in row numbers only
      result.rows += 1;
      if (allRows.length < IMPORT_SAMPLE_ROWS) allRows.push({ row: source.row, cells: source.cells });
      const checked = check(source);
      if (Array.isArray(checked)) refusedRows.set(source.row, { cells: source.cells, errors: checked });
      else lines.push(checked);
    }
    job.progress(result.rows, result.rows);
    await job.step();
  }
  if (!headerSeen) throw refused('headerRow', `the header row ${mapping.headerRow} is past the file's last row`, { row: mapping.headerRow });

  // Lines into sales; a sale with a refused line, too many lines or a total past the limit is refused whole.
  const groups = new Map<string, Line[]>();
  for (const line of lines) groups.set(line.group, [...(groups.get(line.group) ?? []), line]);
  const receiptGroups = new Map<string, string[]>();
  for (const [row, refusal] of refusedRows) {
    const column = mapping.columns.receiptNo;
    const receipt = column === null || column === undefined ? '' : folded(cellText(refusal.cells[column] ?? ''));
    if (receipt !== '') receiptGroups.set(receipt, [...(receiptGroups.get(receipt) ?? []), String(row)]);
  }
  for (const [, group] of groups) {
    const first = group[0]!; // a group has its first line
    const receipt = first.group.startsWith('row:') ? '' : (JSON.parse(first.group) as [string])[0];
    const whole = (code: ImportRowError['code']) => {
      for (const line of group) refusedRows.set(line.row, { cells: line.cells, errors: [{ row: line.row, field: 'receiptNo', code, value: receipt.slice(0, 200) }] });
    };
    if (receipt !== '' && receiptGroups.has(receipt)) whole('invalid');
    else if (group.length > SALE_LINES_MAX) whole('tooLong');
    else if (saleTotalMinor(group) === null) whole('amount');
    else {
      const notes = [...new Set(group.map((l) => l.notes).filter((n) => n !== ''))].join('\n').slice(0, SALE_NOTES_MAX);
      result.drafts.push({
        customerId: first.customerId,
        soldOn: first.soldOn,
        currency: first.currency,
        notes,
        rows: group.map((l) => l.row),
        lines: group.map((l) => ({ itemId: l.itemId, name: l.name, quantityMilli: l.quantityMilli, unitPriceMinor: l.unitPriceMinor, discountMinor: l.discountMinor })),
      });
    }
  }
  const refusedList = [...refusedRows].sort(([a], [b]) => a - b);
  for (const [, refusal] of refusedList) {
    result.errorCount += 1;
    for (const error of refusal.errors) if (result.errors.length < IMPORT_ERRORS_SHOWN) result.errors.push(error);
  }
  result.create = result.drafts.length;
  result.lines = result.drafts.reduce((sum, d) => sum + d.lines.length, 0);
  result.valid = result.lines;
  for (const { row, cells } of allRows) {
    const values = Object.fromEntries(Object.entries(mapping.columns).flatMap(([field, column]) => (column === null || column === undefined ? [] : [[field, cells[column] ?? '']])));
    const action: ImportAction = refusedRows.has(row) ? 'error' : 'create';
    result.sampleRows.push({ row, values, action });
  }
  if (run) {
    const staged = refusedList.map(([row, refusal]) => ({ run: run.key, row, action: 'error' as const, target_id: null, data: JSON.stringify(refusal.errors), cells: JSON.stringify(refusal.cells), created_at: run.now }));
    for (let start = 0; start < staged.length; start += 500) await db.insertInto('import_staging').values(staged.slice(start, start + 500)).execute();
  }
  return result;
}

export type SalesApplyContext = {
  access: Access;
  now: number;
  file: { upload: string; name: string; sha256: string };
  layout: string;
  mapping: Mapping;
  options: Record<string, unknown>;
  errors: number;
};

/** Writes the sales in one transaction; the batch is null when there was nothing to write. */
export async function applySales(db: Db, ctx: SalesApplyContext, drafts: SalesPrepared['drafts']): Promise<{ batch: number | null; created: number; lines: number }> {
  return transaction(db, async (tx) => {
    const { access, now } = ctx;
    await saveMapping(tx, 'sales', ctx.layout, ctx.mapping, access.userId, now);
    await dropUpload(tx, ctx.file.upload);
    if (drafts.length === 0) return { batch: null, created: 0, lines: 0 };
    const lines = drafts.reduce((sum, d) => sum + d.lines.length, 0);
    const batch = await tx
      .insertInto('import_batches')
      .values({
        kind: 'sales',
        file_name: ctx.file.name,
        file_sha256: ctx.file.sha256,
        layout: ctx.layout,
        options: JSON.stringify(ctx.options),
        created: drafts.length,
        updated: 0,
        skipped: 0,
        errors: ctx.errors,
        created_by: access.userId,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const ids = await insertSales(
      tx,
      drafts.map(({ rows: _rows, ...draft }) => ({ ...draft, createdBy: access.userId, createdAt: now })),
    );
    await onSalesInserted(tx, ids, access, now); // members' sales earn points in the import's transaction
    const versions = new Map<number, number>();
    for (let start = 0; start < ids.length; start += 500) {
      for (const s of await tx.selectFrom('sales').select(['id', 'version']).where('id', 'in', ids.slice(start, start + 500)).execute()) versions.set(s.id, s.version);
    }
    const items = ids.map((id) => ({ batch_id: batch.id, sale_id: id, left_version: versions.get(id)! })); // just inserted
    for (let start = 0; start < items.length; start += 500) await tx.insertInto('import_batch_sales').values(items.slice(start, start + 500)).execute();
    await appendAudit(tx, {
      at: now,
      userId: access.userId,
      username: access.username,
      action: 'import.run',
      entity: 'import',
      entityId: batch.id,
      label: ctx.file.name,
      changes: [
        { field: 'created', before: null, after: drafts.length },
        { field: 'updated', before: null, after: 0 },
        { field: 'skipped', before: null, after: 0 },
        { field: 'errors', before: null, after: ctx.errors },
      ],
    });
    return { batch: batch.id, created: drafts.length, lines };
  });
}

/** How many customers CONFLICT 'editedSince' names at most. */
const NAMED = 50;

/**
 * Undoes a sales batch inside the caller's transaction: every sale it created goes (lines, search
 * document; the summary triggers take them out of the summaries). Refused when any of them was
 * edited, deleted (moved to the recycle bin) or purged since: CONFLICT 'editedSince' naming their
 * customers.
 */
export async function undoSalesBatch(tx: Db, batchId: number, now: number): Promise<{ removed: number; restored: number }> {
  const items = await tx.selectFrom('import_batch_sales').select(['sale_id', 'left_version']).where('batch_id', '=', batchId).execute();
  const ids = items.map((i) => i.sale_id);
  const current = new Map<number, { version: number; deleted_at: number | null; customer_id: number; name: string }>();
  for (let start = 0; start < ids.length; start += 500) {
    const rows = await tx
      .selectFrom('sales as s')
      .innerJoin('customers as c', 'c.id', 's.customer_id')
      .select(['s.id', 's.version', 's.deleted_at', 's.customer_id', 'c.name'])
      .where('s.id', 'in', ids.slice(start, start + 500))
      .execute();
    for (const row of rows) current.set(row.id, row);
  }
  const edited = items.filter((i) => {
    const now = current.get(i.sale_id);
    return !now || now.deleted_at !== null || now.version !== i.left_version;
  });
  if (edited.length > 0) {
    const customers = new Map<number, string>();
    for (const item of edited) {
      const sale = current.get(item.sale_id);
      if (sale) customers.set(sale.customer_id, sale.name);
    }
    throw new AppFailure('CONFLICT', `imports.undo: ${edited.length} of the sales import ${batchId} made were edited or deleted since; undo would lose those changes`, {
      reason: 'editedSince',
      customers: [...customers].slice(0, NAMED).map(([id, name]) => ({ id, name })),
    });
  }
  for (let start = 0; start < ids.length; start += 500) {
    const chunk = ids.slice(start, start + 500);
    await tx.deleteFrom('sale_lines').where('sale_id', 'in', chunk).execute();
    await tx.deleteFrom('sales').where('id', 'in', chunk).execute();
    for (const id of chunk) await indexSale(tx, id); // the sale is gone: its document goes
  }
  // Points the sales earned are reversed (sales gone: 'saleDeleted'); a no-op when none earned.
  for (const id of ids) await onSaleChanged(tx, id, { userId: null }, now);
  return { removed: ids.length, restored: 0 };
}
