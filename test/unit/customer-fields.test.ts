// The customer's field list lives in the contract (CustomerFields, ContactDraft); the columns, the
// row writers and readers and the renderer's empty form derive from it. These checks fail when a
// field is added to the contract without its column, or when a derived copy drifts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContactDraft, Customer, CustomerDraft, CustomerFields, CustomerRow } from '../../shared/api/customers.ts';
import { columnOf, fromColumns, toColumns } from '../../electron/core/db/columns.ts';
import { CONTACT_FIELDS, contactColumns, contactFromRow, CUSTOMER_FIELDS } from '../../electron/core/areas/customers/fields.ts';
import { migrate } from '../../electron/core/db/migrations/index.ts';
import { openPlain } from '../../electron/core/db/sqlite/open.ts';
import { draftFromValues, emptyContact, emptyCustomer, valuesFromCustomer } from '../../renderer/src/features/customers/draft.ts';

function columnsOf(table: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-fields-'));
  try {
    const db = openPlain(join(dir, 'test.db'));
    migrate(db);
    const names = (db.prepare(`SELECT name FROM pragma_table_xinfo('${table}')`).all() as { name: string }[]).map((row) => row.name);
    db.close();
    return names;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the customer field list', () => {
  it('maps camelCase fields to snake_case columns and back', () => {
    expect(columnOf('birthdayCalendar')).toBe('birthday_calendar');
    expect(columnOf('name')).toBe('name');
    expect(columnOf('ownerId')).toBe('owner_id');
    const values = { ownerId: 3, birthdayCalendar: 'lunar', name: 'x' };
    const row = toColumns(values, ['ownerId', 'birthdayCalendar'] as const);
    expect(row).toEqual({ owner_id: 3, birthday_calendar: 'lunar' });
    expect(fromColumns(row, ['ownerId', 'birthdayCalendar'] as const)).toEqual({ ownerId: 3, birthdayCalendar: 'lunar' });
  });

  it('has a column for every field of the contract, after every migration', () => {
    const customerColumns = columnsOf('customers');
    for (const field of CUSTOMER_FIELDS) expect(customerColumns, field).toContain(columnOf(field));
    const contactColumns = columnsOf('contacts');
    for (const field of CONTACT_FIELDS) expect(contactColumns, field).toContain(columnOf(field));
    expect(CUSTOMER_FIELDS).toEqual(Object.keys(CustomerFields.shape));
    expect(CONTACT_FIELDS).toEqual(Object.keys(ContactDraft.shape).filter((field) => field !== 'id'));
  });

  it('gives back every field a draft holds, and a list row only what the list shows', () => {
    const draftKeys = Object.keys(CustomerDraft.parse({ name: 'x' }));
    for (const key of draftKeys) expect(Object.keys(Customer.shape), key).toContain(key);
    for (const key of Object.keys(CustomerRow.shape)) expect(Object.keys(Customer.shape), key).toContain(key);
  });

  it('writes a contact row and reads it back as the contract has it', () => {
    const contact = ContactDraft.parse({ name: '李四', mobile: '139 0000 5678', decisionMaker: true });
    const row = { id: 7, customer_id: 1, created_at: 1, birthday_key: null, ...contactColumns(contact, 0, 1) };
    expect(row.decision_maker).toBe(1);
    expect(contactFromRow(row)).toEqual({ ...contact, id: 7 });
  });

  it('starts the form from the schema defaults and sends back a draft the contract accepts', () => {
    const empty = emptyCustomer();
    const { name: _name, ...defaults } = CustomerDraft.parse({ name: 'x' });
    expect(empty).toEqual({ ...defaults, name: '', ownerId: null });
    const { key, ...contact } = emptyContact();
    expect(key).toMatch(/^contact-/);
    expect(contact).toEqual({ ...ContactDraft.parse({ name: 'x' }), name: '' });

    const customer = Customer.parse({
      id: 1,
      code: 'C000001',
      ...CustomerDraft.parse({ name: '张三科技', industry: '餐饮', ownerId: 2, tags: ['老客户'] }),
      contacts: [{ ...ContactDraft.parse({ name: '李四' }), id: 5 }],
      ownerName: 'Boss',
      gradeHistory: [],
      createdAt: 1,
      updatedAt: 2,
      deletedAt: null,
      version: 3,
      actions: { edit: true, delete: true, purge: false },
    });
    const draft = draftFromValues(valuesFromCustomer(customer));
    expect(CustomerDraft.parse(draft)).toEqual(draft);
    expect(draft.industry).toBe('餐饮');
    expect(draft.contacts).toEqual([{ ...ContactDraft.parse({ name: '李四' }), id: 5 }]);
    expect(Object.keys(draft).sort()).toEqual(Object.keys(CustomerDraft.parse({ name: 'x', ownerId: null })).sort());
  });
});
