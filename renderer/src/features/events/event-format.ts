// How an event's own values read on screen and on paper, and how its form's texts become a draft.
import type { EventDraftInput, Event } from '../../../../shared/api/events.ts';
import type { FieldErrors } from '../../app/validation.ts';
import { amountInputText, parseAmount } from '../contracts/money.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** 570 → '09:30'. */
export function clockText(minute: number): string {
  return `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
}

/** '09:30' → 570; '' → null; anything else → undefined (not a time). */
export function minuteOf(text: string): number | null | undefined {
  if (text === '') return null;
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

/** The event's time: '09:30–11:30', '09:30', or '' when it has none. */
export function eventTime(event: Pick<Event, 'startMinute' | 'durationMinutes'>): string {
  if (event.startMinute === null) return '';
  if (event.durationMinutes === null) return clockText(event.startMinute);
  return `${clockText(event.startMinute)}–${clockText((event.startMinute + event.durationMinutes) % 1440)}`;
}

/** The form's values: every field as typed, numbers as text (named as the draft's, so the core's problems land on them). */
export type EventFormValues = {
  title: string;
  kind: Event['kind'];
  onDay: string;
  startMinute: string;
  durationMinutes: string;
  place: string;
  capacity: string;
  budgetMinor: string;
  currency: string;
  notes: string;
};

export function formValuesOf(event: Event | null, today: string): EventFormValues {
  if (event === null) {
    return { title: '', kind: 'launch', onDay: today, startMinute: '', durationMinutes: '', place: '', capacity: '', budgetMinor: '', currency: 'CNY', notes: '' };
  }
  return {
    title: event.title,
    kind: event.kind,
    onDay: event.onDay,
    startMinute: event.startMinute === null ? '' : clockText(event.startMinute),
    durationMinutes: event.durationMinutes === null ? '' : String(event.durationMinutes),
    place: event.place,
    capacity: event.capacity === null ? '' : String(event.capacity),
    budgetMinor: amountInputText(event.budgetMinor, event.currency),
    currency: event.currency,
    notes: event.notes,
  };
}

const wholeNumber = (text: string): number | null | undefined => {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return /^\d{1,9}$/.test(trimmed) ? Number(trimmed) : undefined;
};

const NOT_A_WHOLE_NUMBER = { message: 'wholeNumber' } as const;
const NOT_VALID = { code: 'invalid_format' } as const;

/** The form's own problems the contract cannot see in text: a number, time or amount that is none. */
export function textProblems(values: EventFormValues): FieldErrors {
  const problems: FieldErrors = {};
  if (minuteOf(values.startMinute) === undefined) problems.startMinute = NOT_VALID;
  if (wholeNumber(values.durationMinutes) === undefined) problems.durationMinutes = NOT_A_WHOLE_NUMBER;
  if (wholeNumber(values.capacity) === undefined) problems.capacity = NOT_A_WHOLE_NUMBER;
  if (!parseAmount(values.budgetMinor, values.currency).ok) problems.budgetMinor = NOT_VALID;
  return problems;
}

/** The draft the core takes; call after textProblems found nothing (a bad text becomes null here). */
export function draftOf(values: EventFormValues): EventDraftInput {
  const budget = parseAmount(values.budgetMinor, values.currency);
  return {
    title: values.title.trim(),
    kind: values.kind,
    onDay: values.onDay,
    startMinute: minuteOf(values.startMinute) ?? null,
    durationMinutes: wholeNumber(values.durationMinutes) ?? null,
    place: values.place.trim(),
    capacity: wholeNumber(values.capacity) ?? null,
    budgetMinor: budget.ok ? budget.minor : null,
    currency: values.currency,
    notes: values.notes.trim(),
  };
}

/** 625 → '62.5%'. */
export function permilleText(permille: number, language: string): string {
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(permille / 1000);
}
