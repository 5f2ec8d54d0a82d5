// What a VALIDATION failure carries in `details`, and the closed list of reasons the core may name.
// The renderer has a sentence for each reason in every language (test/unit/validation-messages.test.ts
// fails on a reason without one, and on a reason used in the core but missing from this list).
import type { z } from 'zod';

/**
 * Reasons set on purpose, by the contract's schemas (`{ message: 'phone' }`) or by the core's own
 * checks (`[{ path: ['newPassword'], message: 'samePassword' }]`). Zod's own issues carry zod's
 * issue code instead (too_small, invalid_format, ...), with the bound or format beside it.
 */
export const VALIDATION_MESSAGES = [
  // contract schemas
  'phone',
  'email',
  'date',
  'website',
  'username',
  'controlCharacter',
  // password policy (shared/password-rules.ts, electron/core/services/password-policy.ts)
  'containsUsername',
  'commonPassword',
  'samePassword',
  'wrongPassword',
  // the core's checks of customers and lists
  'ownerId',
  'contact',
  'masked',
  'cursor',
  'scope',
  'taken',
  /** A new user name that differs from an existing one only by case, accents or width (shared/usernames.ts). */
  'takenLookAlike',
  // lunar birthdays (shared/lunar-date.ts; the calendar facts: electron/core/services/lunar-calendar.ts)
  'lunarDate',
  'lunarLeapMonth',
  'lunarDay30',
  // contracts (shared/api/contracts.ts, electron/core/areas/contracts)
  /** The end date is before the start date. */
  'dateOrder',
  /** Auto-renew needs a renewal term and an end date. */
  'renewalTerm',
  /** Not an ISO 4217 currency code. */
  'currency',
  /** No such customer, or one the caller does not see. */
  'customer',
  // records and visits (shared/api/records.ts, shared/api/visits.ts)
  /** A date before 1970 or after 2100. */
  'dateRange',
  /** A span of days longer than its limit (an agenda or a visit sheet: 42 days). */
  'spanTooLong',
  /** No such staff member, or one who is not active (or cannot be responsible for customers). */
  'staff',
  /** The contract is not one of this customer's. */
  'contract',
  /** A field the kind of record needs (a service record's phase, kind and status; a communication's channel). */
  'required',
  /** A field the other kind of record has (a channel on a service record, a contract on a communication). */
  'recordKind',
  /** A record's follow-up day is before the day it happened. */
  'followUpOrder',
  // surveys (shared/api/surveys.ts)
  /** The service record is not one of this customer's (or is in the recycle bin). */
  'record',
  /** The visit is not one of this customer's (or is in the recycle bin). */
  'visit',
  /** A dimension that is retired or does not exist, given twice, or a dimension key that is taken or malformed. */
  'dimension',
  /** A range of months longer than its limit (trends: 60 months, the dashboard: 36); the sentence names no number. */
  'monthSpan',
  /** Today: an item is snoozed to a day after today. */
  'snoozeDay',
  // complaints (shared/api/complaints.ts)
  /** A complaint's deadline is before it was opened. */
  'deadline',
  /** The satisfaction after resolution is given on a step other than resolve or close. */
  'afterScore',
  // duplicates (shared/api/duplicates.ts)
  /** A customer merged into itself. */
  'sameCustomer',
  // sales (shared/api/sales.ts)
  /** A sale line's discount is more than its amount, or a line or the total is beyond the largest exact amount. */
  'amount',
  /** The catalogue item does not exist. */
  'item',
  /** Not a month as YYYY-MM. */
  'month',
  // grading (shared/api/grading.ts)
  /** The A and B cut-offs add up to more than 100 %, leaving C less than nothing. */
  'cutoffs',
  // needs (shared/api/needs.ts)
  /** A budget's lower end is above its upper end. */
  'budgetOrder',
  // competitors (shared/api/competitors.ts)
  /** The competitor is not in the register, or is retired. */
  'competitor',
  // loyalty (shared/api/loyalty.ts)
  /** Too few points for a redeem or a correction (a balance never goes negative), or a correction of 0. */
  'points',
  /** Tiers: keys not unique, the first threshold not 0, or thresholds not rising. */
  'tiers',
  /** A tier key other than 1–40 of a-z, 0-9, '-', '_'. */
  'tierKey',
  /** The loyalty programme is not enabled. */
  'loyaltyOff',
  /** The customer is not a member of the loyalty programme. */
  'member',
  /** The reward does not exist, is inactive, or none is left. */
  'reward',
  /** The referred customer was counted already, or is the referrer. */
  'referred',
  // stories (shared/api/stories.ts)
  /** A file a story refers to is not one kept with its customer (or is in the recycle bin). */
  'attachment',
] as const;
export type ValidationMessage = (typeof VALIDATION_MESSAGES)[number];

export function isValidationMessage(value: unknown): value is ValidationMessage {
  return typeof value === 'string' && (VALIDATION_MESSAGES as readonly string[]).includes(value);
}

/** One problem of an input, as it travels in `details` (JSON: numbers, not bigints). */
export type WireIssue = {
  path: string[];
  /** zod's issue code, or 'custom' for the core's own checks. */
  code: string;
  /** A ValidationMessage, or zod's English default (never shown to users). */
  message: string;
  minimum?: number;
  maximum?: number;
  /** What was measured: 'string', 'array', 'number', ... */
  origin?: string;
  /** invalid_format: 'email', 'regex', ... */
  format?: string;
  /** invalid_type: the type expected ('int', 'string', ...). */
  expected?: string;
};

function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  return undefined;
}

/**
 * A zod issue → what the renderer needs to say it in the user's language. A union (an e-mail is ''
 * or an address or its masked form) fails as a whole: it carries the reason of an alternative
 * when one of them has a reason of ours.
 */
export function toWireIssue(issue: z.core.$ZodIssue): WireIssue {
  const wire: WireIssue = { path: issue.path.map(String), code: issue.code, message: issue.message };
  switch (issue.code) {
    case 'too_small':
    case 'too_big': {
      const bound = asNumber(issue.code === 'too_small' ? issue.minimum : issue.maximum);
      if (bound !== undefined) wire[issue.code === 'too_small' ? 'minimum' : 'maximum'] = bound;
      wire.origin = issue.origin;
      break;
    }
    case 'invalid_format':
      wire.format = issue.format;
      break;
    case 'invalid_type':
      wire.expected = issue.expected;
      break;
    case 'invalid_union': {
      const inner = issue.errors.flat().find((i) => isValidationMessage(i.message));
      if (inner) wire.message = inner.message;
      break;
    }
    default:
      break;
  }
  return wire;
}
