// A customer as an import reads, changes and (on undo) puts back: its own fields, tags and
// contacts. An update keeps what customers.update keeps: version + 1, updated_at, a grade history
// entry when the grade changes, the search document, and the tag and contact rows.
import type { z } from 'zod';
import type { ContactDraft } from '../../../../shared/api/customers.ts';
import type { Db } from '../../db/database.ts';
import { engine } from '../../db/engine.ts';
import { nameSortKey, searchDocument } from '../search/search-text.ts';
import { contactColumns, contactFromRow, customerColumns, customerFieldsFromRow, type CustomerFieldValues } from '../customers/fields.ts';
import { regionSortKey } from '../customers/sort-keys.ts';
import type { RowValues } from './row-values.ts';
import { textKey } from './keys.ts';

type ContactValues = z.output<typeof ContactDraft>;
export type StoredContact = ContactValues & { id: number };

export type CustomerState = { fields: CustomerFieldValues; tags: string[]; contacts: StoredContact[] };
export type StoredCustomer = CustomerState & { id: number; code: string; version: number; updatedAt: number };

/** The live customers of `ids`, by id (one query per table for the lot). */
export async function loadCustomers(db: Db, ids: readonly number[]): Promise<Map<number, StoredCustomer>> {
  const out = new Map<number, StoredCustomer>();
  for (let start = 0; start < ids.length; start += 500) {
    const chunk = ids.slice(start, start + 500);
    const rows = await db.selectFrom('customers').selectAll().where('id', 'in', chunk).where('deleted_at', 'is', null).execute();
    for (const row of rows) out.set(row.id, { id: row.id, code: row.code, version: row.version, updatedAt: row.updated_at, fields: customerFieldsFromRow(row), tags: [], contacts: [] });
    const contacts = await db.selectFrom('contacts').selectAll().where('customer_id', 'in', chunk).orderBy('customer_id').orderBy('position').execute();
    for (const contact of contacts) out.get(contact.customer_id)?.contacts.push(contactFromRow(contact) as StoredContact); // contactFromRow gives the id
    const tags = await db.selectFrom('customer_tags as ct').innerJoin('tags as t', 't.id', 'ct.tag_id').select(['ct.customer_id', 't.name']).where('ct.customer_id', 'in', chunk).orderBy('t.name').execute();
    for (const tag of tags) out.get(tag.customer_id)?.tags.push(tag.name);
  }
  return out;
}

const nocase = (name: string) => name.replace(/[A-Z]/g, (letter) => letter.toLowerCase());

/**
 * What `existing` becomes with the row's values: the fields the row gives replace the stored ones
 * (an empty cell changes nothing), tags are added, the contact updates the one of the same name or
 * is added; `ownerId` (undefined: unchanged). `changed` is false when the row says nothing new.
 */
export function merged(existing: CustomerState, values: RowValues, ownerId: number | null | undefined): CustomerState & { changed: boolean } {
  const fields: CustomerFieldValues = { ...existing.fields, ...values.fields, ...(ownerId === undefined ? {} : { ownerId }) };
  const known = new Set(existing.tags.map(nocase));
  const tags = [...existing.tags, ...values.tags.filter((tag) => !known.has(nocase(tag)))];
  let contacts = existing.contacts;
  let contactChanged = false;
  if (values.contact) {
    const contact = values.contact;
    const index = existing.contacts.findIndex((c) => textKey(c.name) === textKey(contact.name));
    if (index === -1) {
      contacts = [...existing.contacts, { ...contact, id: 0 }];
      contactChanged = true;
    } else {
      const before = existing.contacts[index]!; // found just above
      // A row without the contact's birthday leaves its calendar too (the draft's default 'gregorian' would relabel a lunar one).
      const given = Object.fromEntries(Object.entries(contact).filter(([key, value]) => value !== '' && value !== false && !(key === 'birthdayCalendar' && contact.birthday === '')));
      const after = { ...before, ...given };
      contactChanged = Object.keys(after).some((key) => after[key as keyof StoredContact] !== before[key as keyof StoredContact]);
      contacts = existing.contacts.map((c, i) => (i === index ? after : c));
    }
  }
  const fieldsChanged = (Object.keys(fields) as (keyof CustomerFieldValues)[]).some((key) => fields[key] !== existing.fields[key]);
  return { fields, tags, contacts, changed: fieldsChanged || contactChanged || tags.length !== existing.tags.length };
}

/**
 * Writes `next` over the stored customer (inside the caller's transaction): contacts with id 0 are
 * added, the others updated, those not in `next` removed (only undo removes any). Returns the
 * version and updated_at it leaves.
 */
export async function writeState(tx: Db, stored: StoredCustomer, next: CustomerState, actorId: number, now: number, options: { gradeHistory: boolean } = { gradeHistory: true }): Promise<{ version: number; updatedAt: number; gradeHistoryId: number | null }> {
  const { fields } = next;
  await tx
    .updateTable('customers')
    .set({ ...customerColumns(fields, { nameSort: nameSortKey(fields.name, fields.kind === 'person'), regionSort: regionSortKey(fields.region) }, now), version: stored.version + 1 })
    .where('id', '=', stored.id)
    .execute();
  const keep = new Set(next.contacts.filter((c) => c.id !== 0).map((c) => c.id));
  const gone = stored.contacts.filter((c) => !keep.has(c.id)).map((c) => c.id);
  if (gone.length > 0) await tx.deleteFrom('contacts').where('id', 'in', gone).execute();
  const contacts: StoredContact[] = [];
  for (const [position, contact] of next.contacts.entries()) {
    const columns = contactColumns(contact, position, now);
    if (contact.id === 0) {
      const { id } = await tx.insertInto('contacts').values({ ...columns, customer_id: stored.id, created_at: now }).returning('id').executeTakeFirstOrThrow();
      contacts.push({ ...contact, id });
    } else {
      const before = stored.contacts.find((c) => c.id === contact.id);
      if (!before || JSON.stringify(before) !== JSON.stringify(contact) || stored.contacts.indexOf(before) !== position) {
        await tx.updateTable('contacts').set(columns).where('id', '=', contact.id).execute();
      }
      contacts.push(contact);
    }
  }
  if (next.tags.join('\n') !== stored.tags.join('\n')) {
    await tx.deleteFrom('customer_tags').where('customer_id', '=', stored.id).execute();
    for (const name of [...new Map(next.tags.map((tag) => [nocase(tag), tag])).values()]) {
      await tx.insertInto('tags').values({ name }).onConflict((oc) => oc.column('name').doNothing()).execute();
      const tag = await tx.selectFrom('tags').select('id').where('name', '=', name).executeTakeFirst();
      if (tag) await tx.insertInto('customer_tags').values({ customer_id: stored.id, tag_id: tag.id }).execute();
    }
  }
  let gradeHistoryId: number | null = null;
  if (options.gradeHistory && fields.grade !== stored.fields.grade) {
    gradeHistoryId = (await tx.insertInto('grade_history').values({ customer_id: stored.id, grade: fields.grade, changed_at: now, changed_by: actorId, source: 'import' }).returning('id').executeTakeFirstOrThrow()).id;
  }
  await engine.search.put(tx, stored.id, searchDocument({ ...fields, code: stored.code, contacts }, fields.kind === 'person'));
  return { version: stored.version + 1, updatedAt: now, gradeHistoryId };
}
