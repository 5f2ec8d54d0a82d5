// A customer's and a contact's fields and their rows: which fields there are is the contract's
// CustomerFields and ContactDraft, their columns follow by db/columns.ts's one rule, and the table
// types in db/schema.ts derive from the same schemas. A field added to the contract is written,
// read, bulk-loaded and audited without a list to extend here; its column comes with a migration.
import type { Selectable } from 'kysely';
import type { z } from 'zod';
import { ContactDraft, CustomerFields, type Contact } from '../../../../shared/api/customers.ts';
import type { ContactsTable, CustomersTable } from '../../db/schema.ts';
import { fromColumns, toColumns } from '../../db/columns.ts';

/** A customer's own fields (its row's columns), in the contract's order. */
export const CUSTOMER_FIELDS = Object.keys(CustomerFields.shape) as (keyof typeof CustomerFields.shape)[]; // the keys of the contract's shape
export type CustomerField = (typeof CUSTOMER_FIELDS)[number];

/** A contact's fields (its row's columns), less the id, which the database gives. */
export const CONTACT_FIELDS = (Object.keys(ContactDraft.shape) as (keyof typeof ContactDraft.shape)[]).filter((field) => field !== 'id') as Exclude<
  keyof typeof ContactDraft.shape,
  'id'
>[]; // the keys of the contract's shape but the id
export type ContactField = (typeof CONTACT_FIELDS)[number];

/** A customer's own fields as stored: who is responsible is decided by then (null: nobody). */
export type CustomerFieldValues = Omit<z.output<typeof CustomerFields>, 'ownerId'> & { ownerId: number | null };
export type ContactFieldValues = Pick<z.output<typeof ContactDraft>, ContactField>;

/** The sort keys stored beside the text they order (sort-keys.ts). */
export type SortKeys = { nameSort: string; regionSort: string };

/** A customer's row, less what only an insert sets (code, creator, creation time). */
export function customerColumns(values: CustomerFieldValues, sorts: SortKeys, now: number) {
  return { ...toColumns(values, CUSTOMER_FIELDS), name_sort: sorts.nameSort, region_sort: sorts.regionSort, updated_at: now };
}

/** A contact's row, less its customer and creation time. */
export function contactColumns(contact: ContactFieldValues, position: number, now: number) {
  // Stored as 0/1: an INTEGER column in SQLite, and so in its PostgreSQL twin.
  return { ...toColumns(contact, CONTACT_FIELDS), decision_maker: contact.decisionMaker ? 1 : 0, position, updated_at: now };
}

export function contactFromRow(row: Selectable<ContactsTable>): Contact {
  return { id: row.id, ...fromColumns(row, CONTACT_FIELDS), decisionMaker: row.decision_maker === 1 };
}

export function customerFieldsFromRow(row: Selectable<CustomersTable>): CustomerFieldValues {
  return fromColumns(row, CUSTOMER_FIELDS);
}
