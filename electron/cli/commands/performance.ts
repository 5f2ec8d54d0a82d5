// `clientele performance --staff USER|all --from YYYY-MM-DD --to YYYY-MM-DD --json --user USER`:
// staff performance through the same method as the app (the core decides whom the caller may see:
// staff get their own figures whatever --staff says; owner and managers anyone's, or `all`).
import type { StaffPerformance } from '../../../shared/api/performance.ts';
import { call, CliError, print, signIn, table, type CliContext } from '../session.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The user with this name (letter case ignored), or 'all'; none given: the signed-in user. */
async function staffOption(ctx: CliContext, me: { id: number; username: string }): Promise<number | 'all'> {
  const name = ctx.options.staff?.trim();
  if (name === undefined || name === '' || name.toLowerCase() === me.username.toLowerCase()) return me.id;
  if (name.toLowerCase() === 'all') return 'all';
  const found = (await call(ctx, 'users.list', {})).find((user) => user.username.toLowerCase() === name.toLowerCase());
  if (!found) throw new CliError('NOT_FOUND', `performance: no user named ${name}`);
  return found.id;
}

function money(rows: StaffPerformance['revenue']): string {
  return rows.length === 0 ? '0' : rows.map((row) => `${row.totalMinor} ${row.currency}`).join(' + ');
}

export async function performance(ctx: CliContext): Promise<number> {
  const { from, to } = ctx.options;
  if (from === undefined || to === undefined || !DAY.test(from) || !DAY.test(to)) {
    throw new CliError('VALIDATION', 'performance needs --from YYYY-MM-DD and --to YYYY-MM-DD (local days, both included)');
  }
  const { session } = await signIn(ctx);
  const staffId = await staffOption(ctx, session.user);
  const answer = await call(ctx, 'performance.get', { staffId, from, to });
  const text = [
    `Staff performance ${answer.from} .. ${answer.to} (return visits overdue as of ${answer.asOf}; money in minor units)`,
    table(
      ['staff', 'customers', 'visits planned', 'done', 'return overdue', 'complaints closed', 'on time', 'surveys', 'CSAT×100', 'NPS', 'revenue', 'new', 'churn risks'],
      answer.rows.map((row) => [
        row.staffName,
        String(row.customersByGrade.reduce((sum, grade) => sum + grade.count, 0)),
        String(row.visits.planned.count),
        String(row.visits.done.count),
        String(row.returnVisitsOverdue.count),
        String(row.complaints.closed.count),
        String(row.complaints.onTime.count),
        String(row.satisfaction.responses.count),
        row.satisfaction.csatAvgX100 === null ? '-' : String(row.satisfaction.csatAvgX100),
        row.satisfaction.nps === null ? '-' : String(row.satisfaction.nps),
        money(row.revenue),
        String(row.newCustomers.count),
        String(row.churnRisks.count),
      ]),
    ),
  ].join('\n');
  print(ctx, answer, text);
  return 0;
}
