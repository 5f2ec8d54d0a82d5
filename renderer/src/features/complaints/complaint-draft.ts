// The complaint form's values and how they map to the complaint (shared/api/complaints.ts). The
// fields keep the contract's names, so its rules check the form as it is typed; beside them the
// customer as the picker shows it and the instants as typed (`…Text`, local time).
import { z } from 'zod';
import { COMPLAINT_CATEGORIES, COMPLAINT_SEVERITIES, COMPLAINT_SOURCES, ComplaintFields, type Complaint, type ComplaintCategory, type ComplaintDraftInput, type ComplaintSeverity, type ComplaintSource, type ComplaintUpdateInput } from '../../../../shared/api/complaints.ts';
import { InstantInRange } from '../../../../shared/api/records.ts';
import type { CustomerOption } from '../customers/CustomerPicker.tsx';
import { localDateTimeText, parseLocalDateTime } from '../records/record-format.ts';

export type ComplaintValues = {
  customerId: number | null;
  customer: CustomerOption | null;
  category: ComplaintCategory | null;
  severity: ComplaintSeverity | null;
  source: ComplaintSource | null;
  description: string;
  assigneeId: number | null;
  openedText: string;
  openedAt: number | null;
  /** Empty on a new complaint: the core counts it from the customer's grade. */
  dueText: string;
  dueAt: number | null;
};

/**
 * The form's rules: the contract's fields, with the choices and the instants null while empty (a
 * choice not made is 'required', not "not a valid choice"; a new complaint's deadline is left to the
 * core) and the same "not before the opening" rule (reason 'deadline').
 */
export const ComplaintFormSchema = ComplaintFields.extend({
  category: z.enum(COMPLAINT_CATEGORIES).nullable(),
  severity: z.enum(COMPLAINT_SEVERITIES).nullable(),
  source: z.enum(COMPLAINT_SOURCES).nullable(),
  openedAt: InstantInRange.nullable(),
  dueAt: InstantInRange.nullable(),
}).superRefine((v, ctx) => {
  for (const key of ['category', 'severity', 'source'] as const) if (v[key] === null) ctx.addIssue({ code: 'custom', path: [key], message: 'required' });
  if (v.dueAt !== null && v.openedAt !== null && v.dueAt < v.openedAt) ctx.addIssue({ code: 'custom', path: ['dueAt'], message: 'deadline' });
});

/** A new complaint, opened now; by hand, so its source is chosen (a survey opens its own). */
export function emptyComplaint(customer: CustomerOption | null, assigneeId: number | null, now: number): ComplaintValues {
  return {
    customerId: customer?.id ?? null,
    customer,
    category: null,
    severity: 'medium',
    source: null,
    description: '',
    assigneeId,
    openedText: localDateTimeText(now),
    openedAt: now,
    dueText: '',
    dueAt: null,
  };
}

export function valuesFromComplaint(c: Complaint): ComplaintValues {
  return {
    customerId: c.customerId,
    customer: { id: c.customerId, name: c.customerName, code: c.customerCode },
    category: c.category,
    severity: c.severity,
    source: c.source,
    description: c.description,
    assigneeId: c.assigneeId,
    openedText: localDateTimeText(c.openedAt),
    openedAt: c.openedAt,
    dueText: localDateTimeText(c.dueAt),
    dueAt: c.dueAt,
  };
}

export const withOpenedText = (prev: ComplaintValues, openedText: string): ComplaintValues => ({ ...prev, openedText, openedAt: parseLocalDateTime(openedText) });
export const withDueText = (prev: ComplaintValues, dueText: string): ComplaintValues => ({ ...prev, dueText, dueAt: parseLocalDateTime(dueText) });

/** What the core receives for a new complaint (the form checked every field first). */
export function draftFromValues(v: ComplaintValues): ComplaintDraftInput {
  return {
    customerId: v.customerId ?? 0,
    category: v.category ?? 'other',
    severity: v.severity ?? 'medium',
    source: v.source ?? 'other',
    description: v.description,
    assigneeId: v.assigneeId,
    ...(v.openedAt !== null ? { openedAt: v.openedAt } : {}),
    ...(v.dueAt !== null ? { dueAt: v.dueAt } : {}),
  };
}

/** What the core receives for a change: the opening and the customer stay as they were. */
export function updateFromValues(v: ComplaintValues, id: number, version: number): ComplaintUpdateInput {
  const { customerId: _customer, openedAt: _opened, ...fields } = draftFromValues(v);
  return { ...fields, id, version };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** After a stale-version conflict: theirs, with what the user changed since `base` laid over it. */
export function mergeOverTheirs(base: ComplaintValues, mine: ComplaintValues, theirs: ComplaintValues): { values: ComplaintValues; kept: (keyof ComplaintValues)[] } {
  const values = { ...theirs };
  const kept: (keyof ComplaintValues)[] = [];
  for (const key of Object.keys(mine) as (keyof ComplaintValues)[]) { // the form's own keys
    if (same(mine[key], base[key])) continue;
    (values as { [K in keyof ComplaintValues]: unknown })[key] = mine[key]; // the same key of the same type
    kept.push(key);
  }
  return { values, kept };
}
