// The low-score rule (满意度低分): a survey whose any dimension score is at most the owner's
// threshold, or whose NPS is, opens a follow-up complaint. Pure, so the core applies it and the
// renderer can say beforehand what will happen; the thresholds are the owner's settings
// (standards: surveys.lowDimensionAtMost, surveys.lowNpsAtMost).

export type LowScoreRule = { dimensionAtMost: number; npsAtMost: number };

/** The defaults the issue names: any dimension ≤ 2, or NPS ≤ 6. */
export const DEFAULT_LOW_SCORE_RULE: LowScoreRule = { dimensionAtMost: 2, npsAtMost: 6 };

export type LowScoreReasons = {
  /** The dimensions scored low, in the order given, with their scores. */
  dimensions: { dimensionId: number; score: number }[];
  /** The NPS when it was low, else null. */
  nps: number | null;
  /** True when anything was low: a complaint is opened. */
  low: boolean;
  /** 'high' when a dimension scored 1 or the NPS is 3 or less (a very unhappy customer), else 'medium'. */
  severity: 'high' | 'medium';
};

export function lowScoreReasons(scores: readonly { dimensionId: number; score: number }[], nps: number | null, rule: LowScoreRule): LowScoreReasons {
  const dimensions = scores.filter((s) => s.score <= rule.dimensionAtMost).map((s) => ({ dimensionId: s.dimensionId, score: s.score }));
  const lowNps = nps !== null && nps <= rule.npsAtMost ? nps : null;
  const low = dimensions.length > 0 || lowNps !== null;
  // Severity looks at the low answers only: a 1 that the owner's threshold does not call low opens nothing.
  const severe = dimensions.some((s) => s.score === 1) || (lowNps !== null && lowNps <= 3);
  return { dimensions, nps: lowNps, low, severity: severe ? 'high' : 'medium' };
}

/** NPS answer classes: promoters 9–10, passives 7–8, detractors 0–6. */
export function npsClass(nps: number): 'promoter' | 'passive' | 'detractor' {
  return nps >= 9 ? 'promoter' : nps >= 7 ? 'passive' : 'detractor';
}

/** The NPS of a set of answers: % promoters − % detractors, rounded to one decimal; null with no answers. */
export function npsScore(answers: number, promoters: number, detractors: number): number | null {
  if (answers === 0) return null;
  return Math.round(((promoters - detractors) * 1000) / answers) / 10;
}
