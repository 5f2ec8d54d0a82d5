// The contract form's values and how they map to the contract (shared/api/contracts.ts). The form
// keeps the amount twice: as typed (`amountText`, decimal money) and as the core takes it (`amount`,
// integer minor units, parsed digit by digit), so the contract's own schema checks the form.
import { DEFAULT_NOTICE_DAYS, type Contract, type ContractDraftInput, type ContractType } from '../../../../shared/api/contracts.ts';
import type { FieldErrors } from '../../app/validation.ts';
import type { CustomerOption } from '../customers/CustomerPicker.tsx';
import { amountInputText, DEFAULT_CURRENCY, parseAmount } from './money.ts';

export type ContractValues = {
  number: string;
  title: string;
  customerId: number | null;
  /** The chosen customer as the picker shows it; only its id is sent. */
  customer: CustomerOption | null;
  type: ContractType;
  amountText: string;
  amount: number | null;
  currency: string;
  signedOn: string | null;
  startOn: string | null;
  endOn: string | null;
  autoRenew: boolean;
  renewalMonths: number | null;
  noticeDays: number | null;
  ownerId: number | null;
  notes: string;
};

/** The term auto-renew starts with: a year. */
export const DEFAULT_RENEWAL_MONTHS = 12;

export function emptyContract(number: string, customer: CustomerOption | null, ownerId: number | null): ContractValues {
  return {
    number,
    title: '',
    customerId: customer?.id ?? null,
    customer,
    type: 'sales',
    amountText: '',
    amount: null,
    currency: DEFAULT_CURRENCY,
    signedOn: null,
    startOn: null,
    endOn: null,
    autoRenew: false,
    renewalMonths: DEFAULT_RENEWAL_MONTHS,
    noticeDays: DEFAULT_NOTICE_DAYS,
    ownerId,
    notes: '',
  };
}

export function valuesFromContract(c: Contract): ContractValues {
  return {
    number: c.number,
    title: c.title,
    customerId: c.customerId,
    customer: { id: c.customerId, name: c.customerName, code: c.customerCode },
    type: c.type,
    amountText: amountInputText(c.amount, c.currency),
    amount: c.amount,
    currency: c.currency,
    signedOn: c.signedOn,
    startOn: c.startOn,
    endOn: c.endOn,
    autoRenew: c.autoRenew,
    renewalMonths: c.renewalMonths,
    noticeDays: c.noticeDays,
    ownerId: c.ownerId,
    notes: c.notes,
  };
}

/** What the core receives (the form checked every field first: customerId and noticeDays are set). */
export function draftFromValues(v: ContractValues): ContractDraftInput {
  return {
    number: v.number,
    title: v.title,
    customerId: v.customerId ?? 0,
    type: v.type,
    amount: v.amount,
    currency: v.currency,
    signedOn: v.signedOn,
    startOn: v.startOn,
    endOn: v.endOn,
    autoRenew: v.autoRenew,
    // A term typed while auto-renew is off is not kept.
    renewalMonths: v.autoRenew ? v.renewalMonths : null,
    noticeDays: v.noticeDays ?? DEFAULT_NOTICE_DAYS,
    ownerId: v.ownerId,
    notes: v.notes,
  };
}

/** The form's values after the amount text changed (or its currency): the minor units follow when the text is money. */
export function withAmount(prev: ContractValues, amountText: string, currency: string): ContractValues {
  const parsed = parseAmount(amountText, currency);
  return { ...prev, amountText, currency, amount: parsed.ok ? parsed.minor : prev.amount };
}

/** The form's own check: amount text that is not money (the schema sees only the minor units). */
export function amountErrors(v: ContractValues): FieldErrors {
  return parseAmount(v.amountText, v.currency).ok ? {} : { amountText: { path: ['amountText'], code: 'custom', message: 'amount' } };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * After a stale-version conflict: the stored version (`theirs`) with what the user changed since
 * `base` laid over it, so reloading loses nothing typed. Returns the merged values and the fields
 * the user's edits kept.
 */
export function mergeOverTheirs(base: ContractValues, mine: ContractValues, theirs: ContractValues): { values: ContractValues; kept: (keyof ContractValues)[] } {
  const values = { ...theirs };
  const kept: (keyof ContractValues)[] = [];
  for (const key of Object.keys(mine) as (keyof ContractValues)[]) { // the form's own keys
    if (same(mine[key], base[key])) continue;
    (values as Record<string, unknown>)[key] = mine[key]; // the same key of the same type
    kept.push(key);
  }
  return { values, kept };
}
