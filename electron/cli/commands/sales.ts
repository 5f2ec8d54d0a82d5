// `clientele sales ...`: sales records from the command line, through the same methods as the app
// (validation, scope and permissions are the core's). Quantities and prices are typed as decimal
// text and turned into integers digit by digit, never through a float: `--line "茶叶,1.5,12.50"` is
// 1500 thousandths at 1250 fen. `sales check` proves the summary tables equal a recomputation.
import { currencyDigits, formatAmount, knownCurrency, parseAmount } from '../../../shared/api/contracts.ts';
import { formatQuantity, parseQuantityMilli, type SaleLineDraftInput, type SaleRow } from '../../../shared/api/sales.ts';
import { localDay } from '../../../shared/contract-status.ts';
import { cliClock } from '../clock.ts';
import { call, CliError, print, signIn, table, type CliContext } from '../session.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const money = (minor: number, currency: string) => `${formatAmount(minor, currency)} ${currency}`;

/** The customer with exactly this code, among those the user sees. */
async function customerByCode(ctx: CliContext, code: string): Promise<{ id: number; name: string }> {
  const wanted = code.trim().toUpperCase();
  const page = await call(ctx, 'customers.list', { q: code.trim(), limit: 100 });
  const found = page.rows.find((row) => row.code.toUpperCase() === wanted);
  if (!found) throw new CliError('NOT_FOUND', `no customer with code ${code.trim()} (or not one you see); \`clientele\` takes the code shown in the app, e.g. C000123`);
  return found;
}

/**
 * One `--line "name,qty,price[,discount]"`: the name may hold commas (the last two or three
 * fields are numbers); quantity as a decimal with at most 3 places, price and discount in the
 * currency's major units.
 */
export function parseLine(text: string, currency: string): SaleLineDraftInput {
  const parts = text.split(',');
  const shape = 'a line is "name,quantity,price" (or "name,quantity,price,discount"), such as "茶叶,1.5,12.50"';
  if (parts.length < 3) throw new CliError('VALIDATION', `--line: ${shape}, not "${text}"`);
  const numeric = (s: string | undefined) => s !== undefined && /^[\d.]+$/.test(s.normalize('NFKC').trim());
  const withDiscount = parts.length >= 4 && numeric(parts.at(-1)) && numeric(parts.at(-2)) && numeric(parts.at(-3));
  const tail = withDiscount ? 3 : 2;
  const name = parts.slice(0, parts.length - tail).join(',').trim();
  const [qtyText, priceText, discountText] = parts.slice(parts.length - tail).map((p) => p.trim()) as [string, string, string | undefined]; // tail fields exist
  if (!name) throw new CliError('VALIDATION', `--line: ${shape}; the name is missing in "${text}"`);
  const quantityMilli = parseQuantityMilli(qtyText);
  if (quantityMilli === null) throw new CliError('VALIDATION', `--line "${text}": the quantity must be a positive number with at most 3 decimals (such as 2 or 1.5), not "${qtyText}"`);
  const digits = currencyDigits(currency);
  const amountShape = digits === 0 ? 'a whole number' : `a number with at most ${digits} decimal${digits === 1 ? '' : 's'}`;
  const unitPriceMinor = parseAmount(priceText, currency);
  if (unitPriceMinor === null) throw new CliError('VALIDATION', `--line "${text}": the price must be ${amountShape} for ${currency}, not "${priceText}"`);
  const discountMinor = discountText === undefined ? 0 : parseAmount(discountText, currency);
  if (discountMinor === null) throw new CliError('VALIDATION', `--line "${text}": the discount must be ${amountShape} for ${currency}, not "${discountText}"`);
  return { name, quantityMilli, unitPriceMinor, discountMinor };
}

/** `sales add --customer CODE --line "name,qty,price" [--line ...] [--date YYYY-MM-DD] [--currency CNY]`. */
async function add(ctx: CliContext): Promise<number> {
  const { customer, date } = ctx.options;
  const lineTexts = ctx.options.line ?? [];
  if (!customer || lineTexts.length === 0) throw new CliError('VALIDATION', 'sales add needs --customer CODE and at least one --line "name,quantity,price"');
  const currency = (ctx.options.currency ?? 'CNY').trim().toUpperCase();
  if (!knownCurrency(currency)) throw new CliError('VALIDATION', `--currency must be an ISO 4217 code such as CNY, not "${ctx.options.currency}"`);
  if (date !== undefined && !DATE.test(date)) throw new CliError('VALIDATION', `--date takes a date as YYYY-MM-DD, not "${date}"`);
  const lines = lineTexts.map((text) => parseLine(text, currency));
  const target = await customerByCode(ctx, customer);
  const soldOn = date ?? localDay(cliClock()());
  const made = await call(ctx, 'sales.create', { customerId: target.id, soldOn, currency, lines });
  const { actions: _actions, ...sale } = made;
  print(ctx, { sale }, `added sale #${made.id} for ${made.customerName} (${made.customerCode}) on ${made.soldOn}: ${made.lines.map((l) => `${l.name} × ${formatQuantity(l.quantityMilli)}`).join(', ')}, total ${money(made.totalMinor, made.currency)}`);
  return 0;
}

/** `sales list [--customer CODE]`: every sale the user sees, newest first. */
async function list(ctx: CliContext): Promise<number> {
  const customerId = ctx.options.customer === undefined ? undefined : (await customerByCode(ctx, ctx.options.customer)).id;
  const rows: SaleRow[] = [];
  let cursor: string | null = null;
  do {
    const page: { rows: SaleRow[]; next: string | null } = await call(ctx, 'sales.list', { ...(customerId === undefined ? {} : { customerId }), cursor, limit: 100 });
    rows.push(...page.rows);
    cursor = page.next;
  } while (cursor);
  const text =
    rows.length === 0
      ? 'no sales'
      : table(
          ['id', 'day', 'customer', 'lines', 'total'],
          rows.map((row) => [String(row.id), row.soldOn, `${row.customerName} (${row.customerCode})`, row.summary, money(row.totalMinor, row.currency)]),
        );
  print(ctx, { rows: rows.map(({ actions: _actions, ...row }) => row) }, text);
  return 0;
}

/** `sales check`: the summary tables against a full recomputation; exit 1 when they differ. */
async function check(ctx: CliContext): Promise<number> {
  const { ok, differences } = await call(ctx, 'sales.check', {});
  const text = ok
    ? 'sales summaries equal a full recomputation'
    : `sales summaries differ from a full recomputation in ${differences.length} place${differences.length === 1 ? '' : 's'}:\n${differences
        .slice(0, 50)
        .map((d) => `  ${d.table} ${d.key}: stored ${d.stored ?? '(none)'}, expected ${d.expected ?? '(none)'}`)
        .join('\n')}`;
  print(ctx, { ok, differences }, text);
  return ok ? 0 : 1;
}

const SUBCOMMANDS: Record<string, (ctx: CliContext) => Promise<number>> = { add, list, check };

export async function sales(ctx: CliContext, sub: string | undefined): Promise<number> {
  const run = sub !== undefined && Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
  if (!run) throw new CliError('VALIDATION', `sales needs one of: ${Object.keys(SUBCOMMANDS).join(', ')}`);
  await signIn(ctx);
  return run(ctx);
}
