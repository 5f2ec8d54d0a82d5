// `clientele points ...`: the loyalty programme's points from the command line, through the same
// methods as the app (rights, scope and the never-negative rule are the core's):
//   points add --customer CODE --points N --reason TEXT   a correction by hand (points.adjust; a negative N as --points=-N)
//   points balance --customer CODE                        a member's tier, balance and latest ledger entries
//   points check                                          every balance against its ledger sum (system.check)
import type { MethodOutput } from '../../../shared/api/contract.ts';
import { call, CliError, print, signIn, table, type CliContext } from '../session.ts';

/** The customer with exactly this code, among those the user sees. */
async function customerByCode(ctx: CliContext, code: string): Promise<{ id: number; name: string; code: string }> {
  const wanted = code.trim().toUpperCase();
  const page = await call(ctx, 'customers.list', { q: code.trim(), limit: 100 });
  const found = page.rows.find((row) => row.code.toUpperCase() === wanted);
  if (!found) throw new CliError('NOT_FOUND', `no customer with code ${code.trim()} (or not one you see); \`clientele\` takes the code shown in the app, e.g. C000123`);
  return found;
}

async function add(ctx: CliContext): Promise<number> {
  const { customer, points, reason } = ctx.options;
  if (!customer || points === undefined || !reason) throw new CliError('VALIDATION', 'points add needs --customer CODE --points N --reason TEXT');
  if (!/^[+-]?\d{1,10}$/.test(points.trim()) || Number(points) === 0) throw new CliError('VALIDATION', `--points takes a whole number other than 0 (negative to take points away), not "${points}"`);
  const target = await customerByCode(ctx, customer);
  const result = await call(ctx, 'loyalty.adjust', { customerId: target.id, points: Number(points), reason });
  print(ctx, { customer: { id: target.id, code: target.code, name: target.name }, ...result }, `${target.code} ${target.name}: ${result.entry.points > 0 ? '+' : ''}${result.entry.points} points (${reason}); balance ${result.balance}`);
  return 0;
}

async function balance(ctx: CliContext): Promise<number> {
  const { customer } = ctx.options;
  if (!customer) throw new CliError('VALIDATION', 'points balance needs --customer CODE');
  const target = await customerByCode(ctx, customer);
  const view = await call(ctx, 'loyalty.member', { customerId: target.id });
  const ledger: MethodOutput<'loyalty.ledger'> | null = view.member ? await call(ctx, 'loyalty.ledger', { customerId: target.id, limit: 20 }) : null;
  const answer = { customer: { id: target.id, code: target.code, name: target.name }, member: view.member, ledger: ledger?.rows ?? [] };
  const text = view.member
    ? [
        `${target.code} ${target.name}: ${view.member.balance} points, tier ${view.member.tierName} (qualifying ${view.member.qualifying}), ${view.member.expiringNextMonth} expiring next month`,
        table(
          ['day', 'kind', 'points', 'reason'],
          (ledger?.rows ?? []).map((e) => [e.onDay, e.kind, String(e.points), e.reason]),
        ),
      ].join('\n')
    : `${target.code} ${target.name} is not a member of the loyalty programme`;
  print(ctx, answer, text);
  return 0;
}

async function check(ctx: CliContext): Promise<number> {
  const result = await call(ctx, 'loyalty.check', {});
  const text = result.ok
    ? `points: ${result.members} members, ${result.entries} ledger entries; every balance equals its ledger sum`
    : [`points: ${result.differences.length} members' balances differ from their ledger sums`, table(['customer', 'balance', 'ledger sum'], result.differences.map((d) => [String(d.customerId), d.balance === null ? '-' : String(d.balance), String(d.ledgerSum)]))].join('\n');
  print(ctx, result, text);
  return result.ok ? 0 : 1;
}

const SUBCOMMANDS: Record<string, (ctx: CliContext) => Promise<number>> = { add, balance, check };

export async function points(ctx: CliContext, sub: string | undefined): Promise<number> {
  const run = sub !== undefined && Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
  if (!run) throw new CliError('VALIDATION', `points needs one of: ${Object.keys(SUBCOMMANDS).join(', ')}`);
  await signIn(ctx);
  return run(ctx);
}
