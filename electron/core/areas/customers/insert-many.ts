// New customers in bulk (seeding; later imports): multi-row inserts of a few hundred rows each,
// with their contacts, tags, first grade and search documents. DESIGN.md: building one query per
// row is 4× slower; batches of 500 come close to prepared statements.
import { requireTransaction, type Db } from '../../db/database.ts';
import { engine } from '../../db/engine.ts';
import { withCode, type SearchDocument } from '../search/search-text.ts';
import { contactColumns, customerColumns, type ContactFieldValues, type CustomerFieldValues, type SortKeys } from './fields.ts';
import { reserveCustomerCodes } from './codes.ts';

export type NewCustomer = CustomerFieldValues &
  SortKeys & {
    tags: readonly string[];
    contacts: readonly ContactFieldValues[];
    createdAt: number;
    updatedAt: number;
    /** Built without the code, which is given here; the code is added to it. */
    search: SearchDocument;
  };

/** Rows per statement: ~25 values a customer row, well under SQLite's 32,766 bound values. */
const ROWS = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += ROWS) out.push(items.slice(start, start + ROWS));
  return out;
}

/** Inserts `batch` inside the caller's transaction; customer codes continue the shop's sequence. */
export async function insertCustomers(db: Db, batch: readonly NewCustomer[], actorId: number): Promise<void> {
  requireTransaction(db, 'insertCustomers');
  if (batch.length === 0) return;
  const codes = await reserveCustomerCodes(db, batch.length);
  const ids: number[] = [];
  for (const [n, chunk] of chunks(batch).entries()) {
    const rows = chunk.map((customer, i) => ({
      ...customerColumns(customer, customer, customer.updatedAt),
      code: codes[n * ROWS + i]!, // one code per customer of the batch
      created_by: actorId,
      created_at: customer.createdAt,
      last_contact_at: customer.createdAt, // its creation is its first contact (areas/care)
    }));
    const inserted = await db.insertInto('customers').values(rows).returning(['id', 'code']).execute();
    // RETURNING promises no order: match the rows by their (unique) codes.
    const idOf = new Map(inserted.map((row) => [row.code, row.id]));
    for (const row of rows) ids.push(idOf.get(row.code)!); // every row inserted returned its id
  }
  const contacts = batch.flatMap((customer, i) =>
    customer.contacts.map((contact, position) => ({ ...contactColumns(contact, position, customer.updatedAt), customer_id: ids[i]!, created_at: customer.createdAt })),
  );
  for (const chunk of chunks(contacts)) await db.insertInto('contacts').values(chunk).execute();
  const history = batch.map((customer, i) => ({ customer_id: ids[i]!, grade: customer.grade, changed_at: customer.createdAt, changed_by: actorId }));
  for (const chunk of chunks(history)) await db.insertInto('grade_history').values(chunk).execute();
  await linkTags(db, batch, ids);
  await engine.search.putMany(
    db,
    batch.map((customer, i) => [ids[i]!, withCode(customer.search, codes[i]!)] as const),
  );
}

/** Tag names compare as SQLite's NOCASE does (the tags table's collation): ASCII letters folded. */
function nocase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}

async function linkTags(db: Db, batch: readonly NewCustomer[], ids: readonly number[]): Promise<void> {
  const names = [...new Map(batch.flatMap((customer) => customer.tags.map((name) => [nocase(name), name] as const))).values()];
  if (names.length === 0) return;
  const tagIds = new Map<string, number>();
  for (const chunk of chunks(names)) {
    await db
      .insertInto('tags')
      .values(chunk.map((name) => ({ name })))
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    for (const tag of await db.selectFrom('tags').select(['id', 'name']).where('name', 'in', chunk).execute()) tagIds.set(nocase(tag.name), tag.id);
  }
  const links = batch.flatMap((customer, i) =>
    [...new Set(customer.tags.map(nocase))].map((name) => ({ customer_id: ids[i]!, tag_id: tagIds.get(name)! })), // every name was inserted or found above
  );
  for (const chunk of chunks(links)) await db.insertInto('customer_tags').values(chunk).execute();
}
