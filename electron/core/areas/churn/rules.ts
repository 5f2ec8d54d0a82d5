// The five churn rules, pure: each is given one customer's plain facts (days as the shop's local
// YYYY-MM-DD, counts, scores) and answers its reason or null. The service gathers the facts with
// one set-based query per rule (service.ts); the renderer turns a reason into a sentence.
import {
  CHURN_CONTRACT_DAYS,
  type ChurnReason,
  type ChurnReasonOf,
  type ChurnRule,
} from '../../../../shared/api/churn.ts';
import type { Grade } from '../../../../shared/api/customers.ts';
import { addDays } from '../../../../shared/contract-status.ts';

/**
 * The day's number counted from 1970-01-01 (YYYY-MM-DD, proleptic Gregorian), in integer
 * arithmetic: the list judges tens of thousands of customers, and parsing dates was its hot spot.
 */
export function dayNumber(day: string): number {
  const y0 = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  const d = Number(day.slice(8, 10));
  // Days from civil (H. Hinnant): years start in March so the leap day comes last.
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

export type IntervalFacts = {
  /** The customer's live sales (customer_sales): first and last day, how many. */
  firstOn: string | null;
  lastOn: string | null;
  saleCount: number;
  /** The day of the last contact (customers.last_contact_at, its creation when never contacted). */
  lastContactOn: string;
  k: number;
  today: string;
};

/**
 * No purchase or contact for longer than k × the customer's own usual interval between sales.
 * Needs two sales on different days (one sale, or all on one day, has no interval). The comparison
 * is exact (days × (sales − 1) against k × span), so "exactly k × the interval" is not a warning.
 */
export function intervalRule(facts: IntervalFacts): ChurnReasonOf<'interval'> | null {
  const { firstOn, lastOn, saleCount, k } = facts;
  if (firstOn === null || lastOn === null || saleCount < 2) return null;
  const span = daysBetween(firstOn, lastOn);
  if (span <= 0) return null;
  const lastActivity = lastOn > facts.lastContactOn ? lastOn : facts.lastContactOn;
  const daysSince = Math.max(0, daysBetween(lastActivity, facts.today));
  if (daysSince * (saleCount - 1) <= k * span) return null;
  return { rule: 'interval', daysSince, usualDays: Math.round(span / (saleCount - 1)), k, lastOn: lastActivity };
}

export type CadenceFacts = {
  grade: Grade;
  /** The grade's return-visit cadence in days (service standards). */
  cadenceDays: number;
  /** The day of the last contact; the day the customer was added when never contacted. */
  lastContactOn: string;
  neverContacted: boolean;
  today: string;
};

/** Not contacted for longer than the grade's return-visit cadence (exactly the cadence is not yet a warning). */
export function cadenceRule(facts: CadenceFacts): ChurnReasonOf<'cadence'> | null {
  const daysSince = daysBetween(facts.lastContactOn, facts.today);
  if (daysSince <= facts.cadenceDays) return null;
  return { rule: 'cadence', daysSince, cadenceDays: facts.cadenceDays, grade: facts.grade, lastOn: facts.lastContactOn, neverContacted: facts.neverContacted };
}

export type SurveyFacts = {
  id: number;
  /** The shop's local day it was taken. */
  on: string;
  /** Its CSAT scores (1–5 per dimension answered); empty when only an NPS was asked. */
  scores: readonly number[];
  nps: number | null;
};

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/**
 * The latest survey scored lower than the one before: the average CSAT when both have CSAT scores
 * (compared exactly, as fractions), otherwise the NPS when both answered it. Equal is no warning;
 * one survey only, or a CSAT-only survey beside an NPS-only one, cannot be compared.
 */
export function satisfactionRule(latest: SurveyFacts | null, before: SurveyFacts | null): ChurnReasonOf<'satisfaction'> | null {
  if (latest === null || before === null) return null;
  if (latest.scores.length > 0 && before.scores.length > 0) {
    const [after, was] = [sum(latest.scores), sum(before.scores)];
    if (after * before.scores.length >= was * latest.scores.length) return null;
    const average = (total: number, n: number) => Math.round((total * 100) / n) / 100;
    return { rule: 'satisfaction', before: average(was, before.scores.length), after: average(after, latest.scores.length), scale: 'csat', surveyId: latest.id, surveyOn: latest.on };
  }
  if (latest.nps !== null && before.nps !== null && latest.nps < before.nps) {
    return { rule: 'satisfaction', before: before.nps, after: latest.nps, scale: 'nps', surveyId: latest.id, surveyOn: latest.on };
  }
  return null;
}

export type OpenComplaint = { id: number; dueAt: number };

/** Open complaints (new or in progress), how many past their deadline at `now`. */
export function complaintsRule(open: readonly OpenComplaint[], now: number): ChurnReasonOf<'complaints'> | null {
  if (open.length === 0) return null;
  const sorted = [...open].sort((a, b) => a.dueAt - b.dueAt || a.id - b.id);
  return { rule: 'complaints', open: open.length, overdue: open.filter((c) => c.dueAt < now).length, complaintIds: sorted.map((c) => c.id) };
}

export type ContractFacts = {
  id: number;
  number: string;
  signedOn: string | null;
  endOn: string | null;
  autoRenew: boolean;
  terminatedOn: string | null;
};

/**
 * A signed contract ending within CHURN_CONTRACT_DAYS after today (or ended within as many days
 * before it), without auto-renew and not terminated, with no later contract: no other of the
 * customer's live contracts, not terminated, ends after it, has no end or renews itself (its end
 * rolls forward; a draft of the next one counts too: the renewal is under way). Given all of the customer's live contracts. The one ending
 * latest is named (the earlier ones have a later contract); equal ends: the lowest id.
 */
export function contractRule(contracts: readonly ContractFacts[], today: string): ChurnReasonOf<'contract'> | null {
  const from = addDays(today, -CHURN_CONTRACT_DAYS);
  const to = addDays(today, CHURN_CONTRACT_DAYS);
  const candidates = contracts
    .filter((c) => c.signedOn !== null && c.terminatedOn === null && !c.autoRenew && c.endOn !== null && c.endOn >= from && c.endOn <= to)
    .sort((a, b) => (a.endOn! < b.endOn! ? -1 : a.endOn! > b.endOn! ? 1 : a.id - b.id)); // filtered to those with an end
  for (const candidate of candidates) {
    const later = contracts.some((other) => other.id !== candidate.id && other.terminatedOn === null && (other.autoRenew || other.endOn === null || other.endOn > candidate.endOn!)); // candidates have an end
    if (!later) return { rule: 'contract', contractId: candidate.id, number: candidate.number, endOn: candidate.endOn!, ended: candidate.endOn! < today };
  }
  return null;
}

/**
 * What a dismissal remembers of a reason: its facts less those that move every day by themselves
 * (days since), so a dismissed warning stays hidden while nothing happens and shows again when
 * something does (a sale, a contact, a new survey or complaint, a complaint past its deadline, a
 * new end date, another cadence or k).
 */
export function churnFingerprint(reason: ChurnReason): string {
  const stable = (() => {
    switch (reason.rule) {
      case 'interval':
        return [reason.lastOn, reason.usualDays, reason.k];
      case 'cadence':
        return [reason.lastOn, reason.cadenceDays, reason.grade];
      case 'satisfaction':
        return [reason.surveyId, reason.scale, reason.before, reason.after];
      case 'complaints':
        return [[...reason.complaintIds].sort((a, b) => a - b), reason.overdue];
      case 'contract':
        return [reason.contractId, reason.endOn];
    }
  })();
  return `${reason.rule}:${JSON.stringify(stable)}`;
}

/** The rule of each reason, in CHURN_RULES order (how a row lists them). */
export function byRuleOrder(order: readonly ChurnRule[]) {
  return (a: ChurnReason, b: ChurnReason) => order.indexOf(a.rule) - order.indexOf(b.rule);
}
