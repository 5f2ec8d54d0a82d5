// What the surveys tests share: the trends recomputed from the surveys themselves (every page of
// surveys.list), the answer survey_month_totals must give.
import type { SurveyRow, Trends } from '../../shared/api/surveys.ts';
import { npsClass, npsScore } from '../../shared/low-score.ts';
import type { Harness } from './harness.ts';

/** The trends of `rows` for `months` (local months of `at`), one staff member's (null: nobody's) when given. */
export function recomputeTrends(rows: readonly SurveyRow[], months: string[], dimensionIds: number[], staff?: number | null): Trends['months'] {
  const picked = rows.filter((r) => staff === undefined || r.staffId === staff);
  return months.map((month) => {
    const inMonth = picked.filter((r) => new Date(r.at).getFullYear() === Number(month.slice(0, 4)) && new Date(r.at).getMonth() + 1 === Number(month.slice(5)));
    const nps = inMonth.flatMap((r) => (r.nps === null ? [] : [r.nps]));
    const promoters = nps.filter((n) => npsClass(n) === 'promoter').length;
    const detractors = nps.filter((n) => npsClass(n) === 'detractor').length;
    return {
      month,
      dimensions: dimensionIds.map((id) => {
        const scores = inMonth.flatMap((r) => r.scores.filter((s) => s.dimensionId === id).map((s) => s.score));
        return { dimensionId: id, answers: scores.length, average: scores.length === 0 ? null : Math.round((scores.reduce((a, b) => a + b, 0) * 100) / scores.length) / 100 };
      }),
      nps: { answers: nps.length, promoters, passives: nps.length - promoters - detractors, detractors, score: npsScore(nps.length, promoters, detractors) },
    };
  });
}

/** Every live survey the session sees, newest first. */
export async function allSurveys(h: Harness, session = 'owner'): Promise<SurveyRow[]> {
  const rows: SurveyRow[] = [];
  let after: string | null = null;
  do {
    const page: { rows: SurveyRow[]; next: string | null } = await h.call(session, 'surveys.list', { after, limit: 100 });
    rows.push(...page.rows);
    after = page.next;
  } while (after !== null);
  return rows;
}
