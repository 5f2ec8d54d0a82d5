// A contract's status follows from its dates and today; it is never stored or typed. This is the
// one definition: the core turns status filters into SQL that must agree with it (the contracts
// tests check that on a table of dates), and the renderer shows what the core answers.
//
// Calendar dates stay `YYYY-MM-DD` strings throughout (the shop's local days): arithmetic goes
// through UTC midnights, where every day has 24 hours, and comes back as a string.

export type ContractStatus = 'draft' | 'active' | 'expiring' | 'expired' | 'terminated' | 'renewed';

/** What the status is derived from. */
export type ContractDates = {
  signedOn: string | null;
  endOn: string | null;
  noticeDays: number;
  terminatedOn: string | null;
  /** How many times auto-renew rolled the end date forward. */
  renewals: number;
};

/**
 * terminated (terminated on or before today) > draft (not signed) > expired (ended before today)
 * > expiring (from the notice day through the end day) > renewed (rolled forward at least once)
 * > active. A contract without an end date never expires.
 */
export function contractStatus(contract: ContractDates, today: string): ContractStatus {
  if (contract.terminatedOn !== null && contract.terminatedOn <= today) return 'terminated';
  if (contract.signedOn === null) return 'draft';
  if (contract.endOn !== null) {
    if (contract.endOn < today) return 'expired';
    if (noticeOn(contract.endOn, contract.noticeDays)! <= today) return 'expiring'; // endOn is set
  }
  return contract.renewals > 0 ? 'renewed' : 'active';
}

/** The first day of the notice period: the end date less the notice days (null without an end date). */
export function noticeOn(endOn: string | null, noticeDays: number): string | null {
  return endOn === null ? null : addDays(endOn, -noticeDays);
}

const DAY_MS = 86_400_000;

function parts(date: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new Error(`not a YYYY-MM-DD date: ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function format(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Days in a month (1-12) of a year, leap years counted. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `date` plus `days` (negative: earlier). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = parts(date);
  const at = new Date(Date.UTC(year, month - 1, day) + days * DAY_MS);
  return format(at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate());
}

/**
 * `date` plus `months`, the day clamped to the last day of the target month: 2027-01-31 + 1 month
 * is 2027-02-28, 2028-01-31 + 1 month is 2028-02-29. Clamping loses the day: adding months twice is
 * not adding their sum once (Jan 31 +1 +1 = Mar 28), which is why renewals count from an anchor.
 */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = parts(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  return format(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

/** The local calendar day (the machine's time zone: the shop's) of an instant, as YYYY-MM-DD. */
export function localDay(ms: number): string {
  const at = new Date(ms);
  return format(at.getFullYear(), at.getMonth() + 1, at.getDate());
}

/** A past renewal as the contract's history records it. */
export type RenewalStep = { fromEnd: string; toEnd: string };

/**
 * The renewals due on `today` for an auto-renewing contract ending `endOn` with a term of
 * `months`: each step rolls the end forward by one term until the end is today or later. Steps
 * count from the anchor, the end date before the unbroken run of earlier renewals that led to
 * `endOn` (`history`, oldest first), so a contract ending on the 31st renews to the last day of
 * each month (Jan 31 → Feb 28 → Mar 31), not to the 28th forever after one February. An end date
 * edited since (the run does not lead to it) is its own anchor.
 */
export function renewalsDue(endOn: string, months: number, today: string, history: readonly RenewalStep[] = []): RenewalStep[] {
  let anchor = endOn;
  let done = 0;
  for (let i = history.length - 1; i >= 0; i--) {
    const step = history[i]!; // i is within history
    if (step.toEnd !== anchor || addMonths(step.fromEnd, (done + 1) * months) !== endOn) break;
    anchor = step.fromEnd;
    done++;
  }
  const steps: RenewalStep[] = [];
  let end = endOn;
  while (end < today) {
    const next = addMonths(anchor, (done + steps.length + 1) * months);
    steps.push({ fromEnd: end, toEnd: next });
    end = next;
  }
  return steps;
}
