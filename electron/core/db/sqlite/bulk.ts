// SQLite-only bulk insert for demo data: prepared statements, no per-row query building.
import { withCode, type SearchDocument } from '../../areas/search/search-text.ts';
import { prepared, type Db } from '../sql.ts';
import { insertDocument, SEARCH_KIND, searchRowId } from './search-index.ts';

export type SeedCustomer = {
  kind: 'company' | 'person';
  name: string;
  nameSort: string;
  industry: string;
  region: string;
  /** services/sort-keys.ts regionSortKey(region). */
  regionSort: string;
  address: string;
  phone: string;
  email: string;
  website: string;
  source: string;
  size: string | null;
  stage: string;
  grade: string;
  ownerId: number | null;
  notes: string;
  tags: string[];
  createdAt: number;
  updatedAt: number;
  contacts: {
    position: number;
    name: string;
    title: string;
    phone: string;
    mobile: string;
    email: string;
    wechat: string;
    decisionMaker: boolean;
    birthday: string;
  }[];
  /** Built without the code, which is only known here; the code is appended below. */
  search: SearchDocument;
};

/** Inserts one batch; call inside a transaction. Customer codes continue the shop's sequence. */
export function insertSeedBatch(db: Db, batch: readonly SeedCustomer[], actorId: number): void {
  const nextCode = Number((prepared(db, "SELECT value FROM settings WHERE key = 'customer_code_next'").pluck().get() as string | undefined) ?? 1);
  const insertCustomer = prepared(
    db,
    `INSERT INTO customers (code, kind, name, name_sort, industry, region, region_sort, address, phone, email, website, source, size, stage, grade,
       owner_id, notes, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertContact = prepared(
    db,
    `INSERT INTO contacts (customer_id, position, name, title, phone, mobile, email, wechat, decision_maker, birthday, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertHistory = prepared(db, 'INSERT INTO grade_history (customer_id, grade, changed_at, changed_by) VALUES (?, ?, ?, ?)');
  const upsertTag = prepared(db, 'INSERT INTO tags (name) VALUES (?) ON CONFLICT (name) DO NOTHING');
  const tagId = prepared(db, 'SELECT id FROM tags WHERE name = ?').pluck();
  const linkTag = prepared(db, 'INSERT OR IGNORE INTO customer_tags (customer_id, tag_id) VALUES (?, ?)');
  const tagIds = new Map<string, number>();
  const documents: [number, SearchDocument][] = [];
  batch.forEach((c, i) => {
    const code = `C${String(nextCode + i).padStart(6, '0')}`;
    const id = Number(
      insertCustomer.run(code, c.kind, c.name, c.nameSort, c.industry, c.region, c.regionSort, c.address, c.phone, c.email, c.website, c.source, c.size, c.stage,
        c.grade, c.ownerId, c.notes, actorId, c.createdAt, c.updatedAt).lastInsertRowid,
    );
    for (const k of c.contacts) {
      insertContact.run(id, k.position, k.name, k.title, k.phone, k.mobile, k.email, k.wechat, k.decisionMaker ? 1 : 0, k.birthday, c.createdAt, c.updatedAt);
    }
    insertHistory.run(id, c.grade, c.createdAt, actorId);
    for (const tag of c.tags) {
      let idOfTag = tagIds.get(tag);
      if (idOfTag === undefined) {
        upsertTag.run(tag);
        idOfTag = tagId.get(tag) as number;
        tagIds.set(tag, idOfTag);
      }
      linkTag.run(id, idOfTag);
    }
    documents.push([id, withCode(c.search, code)]);
  });
  // The search index is filled after the rows, in one go per batch: much faster than interleaved.
  for (const [id, doc] of documents) insertDocument(db, searchRowId(SEARCH_KIND.customer, id), doc);
  prepared(db, "INSERT INTO settings (key, value) VALUES ('customer_code_next', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(
    String(nextCode + batch.length),
  );
}
