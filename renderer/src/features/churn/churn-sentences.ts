// Each churn reason as one sentence in the screen's language: one function per rule (the record's
// type makes a rule without one a compile error; test/unit/churn-sentences.test.ts checks each
// rule reads in both languages with its numbers). The core sends only facts (shared/api/churn.ts).
import type { TFunction } from 'i18next';
import type { ChurnReason, ChurnReasonOf, ChurnRule } from '../../../../shared/api/churn.ts';

type Sentence<R extends ChurnRule> = (t: TFunction, reason: ChurnReasonOf<R>, lng: string) => string;

const number = (n: number, lng: string, digits = 0) => new Intl.NumberFormat(lng, { maximumFractionDigits: digits }).format(n);

/** A calendar day `YYYY-MM-DD` in the language's long form, never shifted by a time zone. */
function day(isoDate: string, lng: string): string {
  const ms = Date.parse(`${isoDate}T00:00:00Z`);
  return Number.isNaN(ms) ? isoDate : new Intl.DateTimeFormat(lng, { dateStyle: 'long', timeZone: 'UTC' }).format(ms);
}

export const CHURN_SENTENCES: { [R in ChurnRule]: Sentence<R> } = {
  interval: (t, r, lng) => t('churn.sentences.interval', { count: r.daysSince, days: number(r.daysSince, lng), usual: number(r.usualDays, lng), k: number(r.k, lng) }),
  cadence: (t, r, lng) =>
    t(r.neverContacted ? 'churn.sentences.cadenceNever' : 'churn.sentences.cadence', { count: r.daysSince, days: number(r.daysSince, lng), cadence: number(r.cadenceDays, lng), grade: t(`customer.grades.${r.grade}`) }),
  satisfaction: (t, r, lng) =>
    t(r.scale === 'csat' ? 'churn.sentences.satisfactionCsat' : 'churn.sentences.satisfactionNps', { before: number(r.before, lng, 2), after: number(r.after, lng, 2) }),
  complaints: (t, r) => (r.overdue > 0 ? t('churn.sentences.complaintsOverdue', { count: r.open, overdue: r.overdue }) : t('churn.sentences.complaints', { count: r.open })),
  contract: (t, r, lng) => t(r.ended ? 'churn.sentences.contractEnded' : 'churn.sentences.contractEnding', { number: r.number, date: day(r.endOn, lng) }),
};

/** Why the customer is at risk, in one sentence of the screen's language. */
export function churnSentence(t: TFunction, reason: ChurnReason, lng: string): string {
  switch (reason.rule) {
    case 'interval':
      return CHURN_SENTENCES.interval(t, reason, lng);
    case 'cadence':
      return CHURN_SENTENCES.cadence(t, reason, lng);
    case 'satisfaction':
      return CHURN_SENTENCES.satisfaction(t, reason, lng);
    case 'complaints':
      return CHURN_SENTENCES.complaints(t, reason, lng);
    case 'contract':
      return CHURN_SENTENCES.contract(t, reason, lng);
  }
}
