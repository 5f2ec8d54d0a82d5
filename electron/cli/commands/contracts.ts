// `clientele contracts ...`: the contract register from the command line, through the same methods
// as the app (validation, scope and permissions are the core's). Amounts are typed as decimal text
// and turned into minor units digit by digit (shared/api/contracts.ts parseAmount), never through
// a float: `--amount 1234.5` is 123450 fen.
import { CONTRACT_STATUSES, currencyDigits, formatAmount, knownCurrency, parseAmount, type ContractRow } from '../../../shared/api/contracts.ts';
import type { ContractStatus } from '../../../shared/contract-status.ts';
import { call, CliError, print, signIn, table, type CliContext } from '../session.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function amountText(row: { amount: number | null; currency: string }): string {
  return row.amount === null ? '' : `${formatAmount(row.amount, row.currency)} ${row.currency}`;
}

/** `contracts list [--status S] [--expiring-within DAYS]`: every matching contract, soonest end first. */
async function list(ctx: CliContext): Promise<number> {
  const { status, 'expiring-within': within } = ctx.options;
  if (status !== undefined && !(CONTRACT_STATUSES as readonly string[]).includes(status)) {
    throw new CliError('VALIDATION', `--status must be one of ${CONTRACT_STATUSES.join(', ')}, not "${status}"`);
  }
  if (within !== undefined && !/^\d{1,4}$/.test(within)) throw new CliError('VALIDATION', `--expiring-within takes a number of days (0 to 3650), not "${within}"`);
  const filters = {
    ...(status === undefined ? {} : { status: status as ContractStatus }), // one of CONTRACT_STATUSES, checked above
    ...(within === undefined ? {} : { expiringWithinDays: Number(within) }),
  };
  const rows: ContractRow[] = [];
  let cursor: string | null = null;
  do {
    const page: { rows: ContractRow[]; nextCursor: string | null } = await call(ctx, 'contracts.list', { ...filters, sort: 'end', cursor, limit: 100 });
    rows.push(...page.rows);
    cursor = page.nextCursor;
  } while (cursor);
  const text =
    rows.length === 0
      ? 'no contracts match'
      : table(
          ['number', 'title', 'customer', 'status', 'end', 'amount'],
          rows.map((row) => [row.number, row.title, row.customerName, row.status, row.endOn ?? '', amountText(row)]),
        );
  print(ctx, { rows: rows.map(({ actions: _actions, ...row }) => row) }, text);
  return 0;
}

function date(option: string, value: string | undefined): string | null {
  if (value === undefined) return null;
  if (!DATE.test(value)) throw new CliError('VALIDATION', `--${option} takes a date as YYYY-MM-DD, not "${value}"`);
  return value; // the core checks it is a real day
}

/** The customer with exactly this code, among those the user sees. */
async function customerByCode(ctx: CliContext, code: string): Promise<{ id: number; name: string }> {
  const wanted = code.trim().toUpperCase();
  const page = await call(ctx, 'customers.list', { q: code.trim(), limit: 100 });
  const found = page.rows.find((row) => row.code.toUpperCase() === wanted);
  if (!found) throw new CliError('NOT_FOUND', `no customer with code ${code.trim()} (or not one you see); \`clientele\` takes the code shown in the app, e.g. C000123`);
  return found;
}

/** `contracts add --customer CODE --number N --title T [--amount A --currency C] [--signed D] [--start D --end D] [--type T]`. */
async function add(ctx: CliContext): Promise<number> {
  const { customer, number, title } = ctx.options;
  if (!customer || !number || !title) throw new CliError('VALIDATION', 'contracts add needs --customer CODE --number N --title T');
  const currency = (ctx.options.currency ?? 'CNY').trim().toUpperCase();
  if (!knownCurrency(currency)) throw new CliError('VALIDATION', `--currency must be an ISO 4217 code such as CNY, not "${ctx.options.currency}"`);
  let amount: number | null = null;
  if (ctx.options.amount !== undefined) {
    amount = parseAmount(ctx.options.amount, currency);
    if (amount === null) {
      const digits = currencyDigits(currency);
      const shape = digits === 0 ? 'a whole number' : `a number with at most ${digits} decimal${digits === 1 ? '' : 's'}`;
      throw new CliError('VALIDATION', `--amount must be ${shape} for ${currency} (such as ${digits === 0 ? '5000' : '1234.50'}), not "${ctx.options.amount}"`);
    }
  }
  const type = ctx.options.type ?? 'sales';
  const target = await customerByCode(ctx, customer);
  const made = await call(ctx, 'contracts.create', {
    number,
    title,
    customerId: target.id,
    type: type as 'sales', // the core checks it is one of the contract types
    amount,
    currency,
    signedOn: date('signed', ctx.options.signed),
    startOn: date('start', ctx.options.start),
    endOn: date('end', ctx.options.end),
  });
  const { actions: _actions, events: _events, ...contract } = made;
  print(ctx, { contract }, `added contract ${made.number} "${made.title}" for ${made.customerName} (${made.customerCode}): ${made.status}${made.amount === null ? '' : `, ${amountText(made)}`}`);
  return 0;
}

const SUBCOMMANDS: Record<string, (ctx: CliContext) => Promise<number>> = { list, add };

export async function contracts(ctx: CliContext, sub: string | undefined): Promise<number> {
  const run = sub !== undefined && Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
  if (!run) throw new CliError('VALIDATION', `contracts needs one of: ${Object.keys(SUBCOMMANDS).join(', ')}`);
  await signIn(ctx);
  return run(ctx);
}
