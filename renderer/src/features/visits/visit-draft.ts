// The visit form's values and how they map to the visit (shared/api/visits.ts). The form keeps the
// start twice: as the time input holds it (`time`, "09:30") and as the core takes it
// (`startMinute`), so the visit's own schema checks the form and a bad time shows on its field.
import { DEFAULT_VISIT_MINUTES, formatMinute, type Visit, type VisitDraftInput } from '../../../../shared/api/visits.ts';
import type { CustomerOption } from '../customers/CustomerPicker.tsx';
import { timeToMinute } from './agenda-query.ts';

export type VisitValues = {
  customerId: number | null;
  /** The chosen customer as the picker shows it; only its id is sent. */
  customer: CustomerOption | null;
  contactId: number | null;
  staffId: number | null;
  onDay: string;
  time: string;
  startMinute: number | null;
  durationMinutes: number | null;
  purpose: string;
  agenda: string;
  address: string;
};

/** Where a new visit starts: 9:00, the usual first call of a working day. */
export const DEFAULT_START = 9 * 60;

export function emptyVisit(prefill: { customer: CustomerOption | null; address: string; staffId: number | null; onDay: string; startMinute?: number }): VisitValues {
  const start = prefill.startMinute ?? DEFAULT_START;
  return {
    customerId: prefill.customer?.id ?? null,
    customer: prefill.customer,
    contactId: null,
    staffId: prefill.staffId,
    onDay: prefill.onDay,
    time: formatMinute(start),
    startMinute: start,
    durationMinutes: DEFAULT_VISIT_MINUTES,
    purpose: '',
    agenda: '',
    address: prefill.address,
  };
}

export function valuesFromVisit(v: Visit): VisitValues {
  return {
    customerId: v.customerId,
    customer: { id: v.customerId, name: v.customerName, code: v.customerCode },
    contactId: v.contactId,
    staffId: v.staffId,
    onDay: v.onDay,
    time: formatMinute(v.startMinute),
    startMinute: v.startMinute,
    durationMinutes: v.durationMinutes,
    purpose: v.purpose,
    agenda: v.agenda,
    address: v.address,
  };
}

/** The time typed, with the minute the core takes (null: not a time, which the schema refuses). */
export function withTime(values: VisitValues, time: string): VisitValues {
  return { ...values, time, startMinute: timeToMinute(time) };
}

/** What the core takes; only called once the form's checks passed (no nulls left). */
export function draftFromValues(values: VisitValues): VisitDraftInput {
  return {
    customerId: values.customerId ?? 0,
    contactId: values.contactId,
    staffId: values.staffId ?? 0,
    onDay: values.onDay,
    startMinute: values.startMinute ?? 0,
    durationMinutes: values.durationMinutes ?? DEFAULT_VISIT_MINUTES,
    purpose: values.purpose,
    agenda: values.agenda,
    address: values.address,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * After a conflict: their version, with every field the user changed since `base` (the version the
 * edit began from) kept as typed. `kept` names those fields (they count as edited).
 */
export function mergeOverTheirs(base: VisitValues, mine: VisitValues, theirs: VisitValues): { values: VisitValues; kept: (keyof VisitValues)[] } {
  const values = { ...theirs };
  const kept: (keyof VisitValues)[] = [];
  for (const key of Object.keys(mine) as (keyof VisitValues)[]) { // the form's own keys
    if (same(mine[key], base[key])) continue;
    (values as Record<string, unknown>)[key] = mine[key]; // the same key of the same type
    kept.push(key);
  }
  return { values, kept };
}
