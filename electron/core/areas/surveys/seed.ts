// Demo satisfaction surveys for `clientele seed --surveys N` (up to 200,000): deterministic for a
// seed, the shop's customers and staff, and the seed's clock. Spread over the two years before the
// seed's clock; mostly content customers (scores 4–5, NPS 8–10), some lukewarm, a few unhappy; each
// live dimension answered nine times in ten, an NPS four times in five, a comment now and then.
// Batches of BATCH surveys in transactions of their own, survey_month_totals kept with each batch,
// no audit entry each (the seed is one audited change) and no complaint opened (the complaints
// seed makes its own).
import { AppFailure } from '../../../../shared/errors.ts';
import { npsClass } from '../../../../shared/low-score.ts';
import { transaction, type Db } from '../../db/database.ts';
import { sql } from 'kysely';
import { randomGenerator } from '../customers/seed-data.ts';
import { monthOf } from './service.ts';

export type SurveySeedOptions = { surveys: number; seed: number; now: number; actorId: number; staffIds: number[] };
export type SurveySeedJob = { progress(done: number, total: number): void; step(): Promise<void> };

/** Surveys per transaction. */
const BATCH = 5_000;
/** Rows per insert statement (11 values a survey row, 3 a score). */
const ROWS = 500;
const TWO_YEARS_MS = 2 * 365 * 86_400_000;
const CHANNELS = ['phone', 'phone', 'phone', 'wechat', 'wechat', 'visit', 'paper'] as const;
const COMMENTS = ['', '', '', '', '服务很好，继续保持', '工程师很专业', '响应有点慢，希望改进', '价格偏高', '上门很准时', 'Great support, thank you', 'Took a while to get a call back'];

type NewSurvey = {
  customer_id: number;
  at: number;
  month: string;
  staff_id: number | null;
  asked_by: number;
  channel: (typeof CHANNELS)[number];
  nps: number | null;
  comment: string;
  created_by: number;
  created_at: number;
  updated_at: number;
};

/** Totals of one batch by month × staff (0: none) × dimension (0: NPS), as survey_month_totals holds them. */
type Totals = Map<string, { month: string; staff: number; dimension: number; answers: number; total: number; promoters: number; passives: number; detractors: number }>;

function addToTotals(totals: Totals, month: string, staff: number, dimension: number, value: number): void {
  const key = `${month}|${staff}|${dimension}`;
  const cell = totals.get(key) ?? { month, staff, dimension, answers: 0, total: 0, promoters: 0, passives: 0, detractors: 0 };
  cell.answers += 1;
  cell.total += value;
  if (dimension === 0) cell[`${npsClass(value)}s`] += 1;
  totals.set(key, cell);
}

async function writeTotals(tx: Db, totals: Totals): Promise<void> {
  for (const c of totals.values()) {
    await sql`
      INSERT INTO survey_month_totals (month, staff_id, dimension_id, answers, total, promoters, passives, detractors)
      VALUES (${c.month}, ${c.staff}, ${c.dimension}, ${c.answers}, ${c.total}, ${c.promoters}, ${c.passives}, ${c.detractors})
      ON CONFLICT (month, staff_id, dimension_id) DO UPDATE SET
        answers = answers + excluded.answers, total = total + excluded.total, promoters = promoters + excluded.promoters,
        passives = passives + excluded.passives, detractors = detractors + excluded.detractors`.execute(tx);
  }
}

/**
 * Adds `options.surveys` surveys to the shop's live customers (none: NOT_FOUND). With a `job`:
 * progress in surveys, the job's step between batches; a cancel keeps the whole batches.
 */
export async function seedSurveys(db: Db, options: SurveySeedOptions, job?: SurveySeedJob): Promise<{ surveys: number; ms: number; cancelled: boolean }> {
  const started = performance.now();
  if (options.surveys === 0) return { surveys: 0, ms: 0, cancelled: false };
  const customers = (await db.selectFrom('customers').select('id').where('deleted_at', 'is', null).orderBy('id').execute()).map((c) => c.id);
  if (customers.length === 0) throw new AppFailure('NOT_FOUND', 'system.seed: surveys need customers; seed some first (--customers N)');
  const dimensions = (await db.selectFrom('survey_dimensions').select('id').where('retired_at', 'is', null).orderBy('position').orderBy('id').execute()).map((d) => d.id);
  const staffIds = [...options.staffIds].sort((a, b) => a - b);
  const random = randomGenerator(options.seed ^ 0x5_0e_7a);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!; // index is always in range

  /** One survey and its scores: a customer's mood first, the answers around it. */
  const oneSurvey = (): { survey: NewSurvey; scores: { dimension: number; score: number }[] } => {
    const at = options.now - Math.floor(random() * TWO_YEARS_MS);
    const mood = random();
    const [low, high] = mood < 0.75 ? [4, 5] : mood < 0.93 ? [3, 4] : [1, 3];
    const scores = dimensions.filter(() => random() < 0.9).map((dimension) => ({ dimension, score: low + Math.floor(random() * (high - low + 1)) }));
    const [npsLow, npsHigh] = mood < 0.75 ? [8, 10] : mood < 0.93 ? [5, 8] : [0, 5];
    // At least one answer: no score drawn means an NPS.
    const nps = scores.length === 0 || random() < 0.8 ? npsLow + Math.floor(random() * (npsHigh - npsLow + 1)) : null;
    return {
      survey: {
        customer_id: pick(customers),
        at,
        month: monthOf(at),
        staff_id: staffIds.length > 0 && random() < 0.95 ? pick(staffIds) : null,
        asked_by: options.actorId,
        channel: pick(CHANNELS),
        nps,
        comment: pick(COMMENTS),
        created_by: options.actorId,
        created_at: at,
        updated_at: at,
      },
      scores,
    };
  };

  let made = 0;
  let cancelled = false;
  while (made < options.surveys && !cancelled) {
    const batch: ReturnType<typeof oneSurvey>[] = [];
    for (; batch.length < BATCH && made < options.surveys; made++) batch.push(oneSurvey());
    await transaction(db, async (tx) => {
      const totals: Totals = new Map();
      for (let i = 0; i < batch.length; i += ROWS) {
        const part = batch.slice(i, i + ROWS);
        // A multi-row insert numbers its rows in order (one writer, one statement): ascending ids are the rows' order.
        const ids = (await tx.insertInto('surveys').values(part.map((p) => p.survey)).returning('id').execute()).map((row) => row.id).sort((a, b) => a - b);
        const scores = part.flatMap((p, j) => p.scores.map((s) => ({ survey_id: ids[j]!, dimension_id: s.dimension, score: s.score }))); // one id per row inserted
        for (let k = 0; k < scores.length; k += ROWS * 2) await tx.insertInto('survey_scores').values(scores.slice(k, k + ROWS * 2)).execute();
        for (const p of part) {
          const staff = p.survey.staff_id ?? 0;
          for (const s of p.scores) addToTotals(totals, p.survey.month, staff, s.dimension, s.score);
          if (p.survey.nps !== null) addToTotals(totals, p.survey.month, staff, 0, p.survey.nps);
        }
      }
      await writeTotals(tx, totals);
    });
    job?.progress(made, options.surveys);
    try {
      await job?.step();
    } catch (error) {
      if (!(error instanceof AppFailure && error.code === 'CANCELLED')) throw error;
      cancelled = true;
    }
  }
  return { surveys: made, ms: Math.round(performance.now() - started), cancelled };
}
