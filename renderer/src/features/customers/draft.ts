import type { Customer } from '../../../../shared/api/customers.ts';
import { CALENDARS, CUSTOMER_KINDS, GRADES, SIZES, STAGES } from '../../../../shared/api/customers.ts';

export type ContactValues = {
  /** React key only; never sent. */
  key: string;
  id?: number;
  name: string;
  title: string;
  phone: string;
  mobile: string;
  email: string;
  wechat: string;
  decisionMaker: boolean;
  birthday: string;
};

export type CustomerValues = {
  kind: (typeof CUSTOMER_KINDS)[number];
  name: string;
  industry: string;
  region: string;
  address: string;
  phone: string;
  email: string;
  website: string;
  source: string;
  size: (typeof SIZES)[number] | null;
  stage: (typeof STAGES)[number];
  grade: (typeof GRADES)[number];
  ownerId: number | null;
  birthday: string;
  birthdayCalendar: (typeof CALENDARS)[number];
  notes: string;
  tags: string[];
  contacts: ContactValues[];
};

let nextKey = 0;
export function newContactKey(): string {
  nextKey += 1;
  return `contact-${nextKey}`;
}

export function emptyContact(): ContactValues {
  return {
    key: newContactKey(),
    name: '',
    title: '',
    phone: '',
    mobile: '',
    email: '',
    wechat: '',
    decisionMaker: false,
    birthday: '',
  };
}

export function emptyCustomer(): CustomerValues {
  return {
    kind: 'company',
    name: '',
    industry: '',
    region: '',
    address: '',
    phone: '',
    email: '',
    website: '',
    source: '',
    size: null,
    stage: 'lead',
    grade: 'normal',
    ownerId: null,
    birthday: '',
    birthdayCalendar: 'gregorian',
    notes: '',
    tags: [],
    contacts: [],
  };
}

export function valuesFromCustomer(c: Customer): CustomerValues {
  return {
    kind: c.kind,
    name: c.name,
    industry: c.industry,
    region: c.region,
    address: c.address,
    phone: c.phone,
    email: c.email,
    website: c.website,
    source: c.source,
    size: c.size,
    stage: c.stage,
    grade: c.grade,
    ownerId: c.ownerId,
    birthday: c.birthday,
    birthdayCalendar: c.birthdayCalendar,
    notes: c.notes,
    tags: [...c.tags],
    // Existing contacts keep their ids so the core updates them rather than replacing them.
    contacts: c.contacts.map((contact) => ({ ...contact, key: newContactKey() })),
  };
}

/** What the core receives: the form values without the UI-only contact keys. */
export function draftFromValues(values: CustomerValues) {
  return {
    ...values,
    contacts: values.contacts.map((c) => ({
      ...(c.id === undefined ? {} : { id: c.id }),
      name: c.name,
      title: c.title,
      phone: c.phone,
      mobile: c.mobile,
      email: c.email,
      wechat: c.wechat,
      decisionMaker: c.decisionMaker,
      birthday: c.birthday,
    })),
  };
}
