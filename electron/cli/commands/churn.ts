// `clientele churn list [--rule RULE] --json --user USER`: the churn warnings the user sees, by
// value at risk, through the same method as the app (every page), so a script can act on them.
import { CHURN_RULES, type ChurnReason, type ChurnRow, type ChurnRule } from '../../../shared/api/churn.ts';
import type { MethodOutput } from '../../../shared/api/contract.ts';
import { call, CliError, print, signIn, table, type CliContext } from '../session.ts';

/** A reason in a few words (the app says it in a sentence, in the screen's language). */
function reasonText(reason: ChurnReason): string {
  switch (reason.rule) {
    case 'interval':
      return `interval: ${reason.daysSince} days since ${reason.lastOn}, usually ${reason.usualDays} (k ${reason.k})`;
    case 'cadence':
      return `cadence: ${reason.daysSince} days since ${reason.neverContacted ? 'added' : 'contact'} (${reason.grade} every ${reason.cadenceDays})`;
    case 'satisfaction':
      return `satisfaction: ${reason.scale.toUpperCase()} ${reason.before} -> ${reason.after}`;
    case 'complaints':
      return `complaints: ${reason.open} open, ${reason.overdue} overdue`;
    case 'contract':
      return `contract: ${reason.number} ${reason.ended ? 'ended' : 'ends'} ${reason.endOn}`;
  }
}

function ruleOption(ctx: CliContext): ChurnRule | undefined {
  const rule = ctx.options.rule;
  if (rule === undefined) return undefined;
  if (!(CHURN_RULES as readonly string[]).includes(rule)) throw new CliError('VALIDATION', `churn list --rule takes one of: ${CHURN_RULES.join(', ')}`);
  return rule as ChurnRule; // one of CHURN_RULES, checked above
}

async function list(ctx: CliContext): Promise<number> {
  const rule = ruleOption(ctx);
  const rows: ChurnRow[] = [];
  let cursor: string | null = null;
  let last: MethodOutput<'churn.list'>;
  do {
    last = await call(ctx, 'churn.list', { cursor, limit: 100, ...(rule ? { rule } : {}) });
    rows.push(...last.rows);
    cursor = last.next;
  } while (cursor !== null);
  const answer = { day: last.day, currency: last.currency, total: last.total, totalValueMinor: last.totalValueMinor, rows };
  const text = [
    `Churn warnings on ${last.day}: ${last.total} customers, ${last.totalValueMinor} ${last.currency} (minor units) at risk over the last 12 months`,
    table(
      ['code', 'name', 'grade', 'value', 'why'],
      rows.map((row) => [row.customerCode, row.customerName, row.grade, String(row.valueMinor), row.reasons.map(reasonText).join('; ')]),
    ),
  ].join('\n');
  print(ctx, answer, text);
  return 0;
}

const SUBCOMMANDS: Record<string, (ctx: CliContext) => Promise<number>> = { list };

export async function churn(ctx: CliContext, sub: string | undefined): Promise<number> {
  const run = sub !== undefined && Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
  if (!run) throw new CliError('VALIDATION', `churn needs one of: ${Object.keys(SUBCOMMANDS).join(', ')}`);
  await signIn(ctx);
  return run(ctx);
}
