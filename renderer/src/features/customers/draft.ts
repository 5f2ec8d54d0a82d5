import type { z } from 'zod';
import { ContactDraft, CustomerFields, type Customer, type CustomerDraftValue } from '../../../../shared/api/customers.ts';

// The form's values are the contract's draft (shared/api/customers.ts): its fields and defaults
// come from the schemas, so a field added there needs no list to extend here.

export type ContactValues = Omit<z.output<typeof ContactDraft>, 'id'> & {
  /** React key only; never sent. */
  key: string;
  id?: number;
};

export type CustomerValues = Omit<CustomerDraftValue, 'ownerId' | 'contacts'> & {
  ownerId: number | null;
  contacts: ContactValues[];
};

/** A customer's own fields, as the contract lists them. */
const CUSTOMER_FIELDS = Object.keys(CustomerFields.shape) as (keyof typeof CustomerFields.shape)[]; // the keys of the contract's shape

let nextKey = 0;
export function newContactKey(): string {
  nextKey += 1;
  return `contact-${nextKey}`;
}

export function emptyContact(): ContactValues {
  return { key: newContactKey(), ...ContactDraft.omit({ id: true, name: true }).parse({}), name: '' };
}

export function emptyCustomer(): CustomerValues {
  return { ...CustomerFields.omit({ name: true, ownerId: true }).parse({}), name: '', ownerId: null, tags: [], contacts: [] };
}

export function valuesFromCustomer(c: Customer): CustomerValues {
  const fields = Object.fromEntries(CUSTOMER_FIELDS.map((field) => [field, c[field]])) as Omit<CustomerValues, 'tags' | 'contacts'>; // every own field, read from the customer
  return {
    ...fields,
    tags: [...c.tags],
    // Existing contacts keep their ids so the core updates them rather than replacing them.
    contacts: c.contacts.map((contact) => ({ ...contact, key: newContactKey() })),
  };
}

/** What the core receives: the form values without the UI-only contact keys. */
export function draftFromValues(values: CustomerValues) {
  return { ...values, contacts: values.contacts.map(({ key: _key, ...contact }) => contact) };
}
