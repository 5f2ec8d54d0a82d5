// What the survey screens hold while typing (text as typed, so a "6" can be shown and refused in
// words), and the draft sent to the core. The core checks again (score 1–5, NPS 0–10, at least one
// answer, a live dimension): these checks only say it sooner, in the same words.
import { SURVEY_CHANNELS, type SurveyChannel } from '../../../../shared/api/surveys.ts';
import type { CustomerOption } from '../customers/CustomerPicker.tsx';

export const SURVEY_CHANNEL_LIST = SURVEY_CHANNELS;
export type { SurveyChannel };

export type SurveyValues = {
  customer: CustomerOption | null;
  recordId: number | null;
  visitId: number | null;
  at: number;
  /** undefined: the core's default (the record's or visit's staff member, else the caller). */
  staffId: number | null | undefined;
  channel: SurveyChannel;
  /** By dimension id, as typed ('' = not asked). */
  scores: Record<number, string>;
  nps: string;
  comment: string;
};

/** Field → message key under `surveys.` or `validation.` (the first is shown on its field). */
export type SurveyProblems = Partial<Record<string, string>>;

export const SCORE_TEXT = /^[1-5]$/;
const NPS_TEXT = /^(10|[0-9])$/;

export function scoreProblem(text: string): string | undefined {
  return text === '' || SCORE_TEXT.test(text) ? undefined : 'surveys.scoreOutOfRange';
}

export function npsProblem(text: string): string | undefined {
  return text === '' || NPS_TEXT.test(text) ? undefined : 'surveys.npsOutOfRange';
}

/** Problems by field: `score.<dimensionId>`, `nps`, `customer`, `answers` (nothing answered). */
export function surveyProblems(values: SurveyValues, dimensionIds: readonly number[]): SurveyProblems {
  const problems: SurveyProblems = {};
  let answered = false;
  for (const id of dimensionIds) {
    const text = values.scores[id] ?? '';
    const problem = scoreProblem(text);
    if (problem) problems[`score.${id}`] = problem;
    if (text !== '') answered = true;
  }
  const nps = npsProblem(values.nps);
  if (nps) problems.nps = nps;
  if (values.nps !== '') answered = true;
  if (!answered) problems.answers = 'surveys.nothingScored';
  if (values.customer === null) problems.customer = 'validation.required';
  return problems;
}

/** The answers as the core takes them (scores of the dimensions shown, in their order). */
export function answersOf(values: SurveyValues, dimensionIds: readonly number[]) {
  return {
    scores: dimensionIds.filter((id) => (values.scores[id] ?? '') !== '').map((id) => ({ dimensionId: id, score: Number(values.scores[id]) })),
    nps: values.nps === '' ? null : Number(values.nps),
    comment: values.comment.trim(),
  };
}

/** A new survey's draft (surveys.create). */
export function draftOf(values: SurveyValues, dimensionIds: readonly number[]) {
  return {
    customerId: values.customer?.id ?? 0,
    recordId: values.recordId,
    visitId: values.visitId,
    at: values.at,
    ...(values.staffId !== undefined ? { staffId: values.staffId } : {}),
    channel: values.channel,
    ...answersOf(values, dimensionIds),
  };
}
