// `clientele visits ...`: visit plans from the command line, through the same methods as the app
// (validation, scope, permissions and the staff-scope rule for agendas are the core's). The
// customer is named by its code, staff members and contacts by name; days are YYYY-MM-DD and times
// HH:MM, the shop's local ones.
import { formatMinute, type VisitRow } from '../../../shared/api/visits.ts';
import { call, CliError, print, signIn, table, type CliContext } from '../session.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function day(option: string, value: string | undefined): string {
  if (value === undefined || !DATE.test(value)) throw new CliError('VALIDATION', `--${option} takes a date as YYYY-MM-DD, not "${value ?? ''}"`);
  return value; // the core checks it is a real day, between 1970 and 2100
}

/** `9:30` / `09:30` → 570. */
function minuteOf(value: string | undefined): number {
  const match = value === undefined ? null : /^(\d{1,2}):(\d{2})$/.exec(value.trim());
  if (!match || Number(match[1]) > 23 || Number(match[2]) > 59) throw new CliError('VALIDATION', `--time takes a time of day as HH:MM (00:00 to 23:59), not "${value ?? ''}"`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** The customer with exactly this code, among those the user sees. */
async function customerByCode(ctx: CliContext, code: string): Promise<{ id: number }> {
  const wanted = code.trim().toUpperCase();
  const page = await call(ctx, 'customers.list', { q: code.trim(), limit: 100 });
  const found = page.rows.find((row) => row.code.toUpperCase() === wanted);
  if (!found) throw new CliError('NOT_FOUND', `no customer with code ${code.trim()} (or not one you see); \`clientele\` takes the code shown in the app, e.g. C000123`);
  return found;
}

/** The user with this name (letter case ignored); the signed-in user is found without users.list. */
async function userByName(ctx: CliContext, username: string): Promise<number> {
  const wanted = username.trim().toLowerCase();
  const me = await call(ctx, 'auth.session', {});
  if (me && me.user.username.toLowerCase() === wanted) return me.user.id;
  const found = (await call(ctx, 'users.list', {})).find((user) => user.username.toLowerCase() === wanted);
  if (!found) throw new CliError('NOT_FOUND', `no user named ${username.trim()}`);
  return found.id;
}

function rowsText(rows: readonly VisitRow[]): string {
  if (rows.length === 0) return 'no visits planned';
  return table(
    ['day', 'time', 'minutes', 'staff', 'customer', 'contact', 'purpose', 'status', ''],
    rows.map((v) => [v.onDay, formatMinute(v.startMinute), String(v.durationMinutes), v.staffName, `${v.customerName} (${v.customerCode})`, v.contactName, v.purpose, v.status, v.overlaps ? 'overlaps' : '']),
  );
}

const withoutActions = (rows: readonly VisitRow[]) => rows.map(({ actions: _actions, ...row }) => row);

/** `visits list [--staff USER] --from YYYY-MM-DD [--to YYYY-MM-DD]`: one staff member's agenda (or the shop's), up to 42 days. */
async function list(ctx: CliContext): Promise<number> {
  const from = day('from', ctx.options.from);
  const to = ctx.options.to === undefined ? from : day('to', ctx.options.to);
  const staffId = ctx.options.staff === undefined ? null : await userByName(ctx, ctx.options.staff);
  const agenda = await call(ctx, 'visits.agenda', { from, to, staffId });
  print(ctx, { visits: withoutActions(agenda.visits), staff: agenda.staff }, rowsText(agenda.visits));
  return 0;
}

/**
 * `visits add --customer CODE --day YYYY-MM-DD --time HH:MM --purpose TEXT [--staff USER]
 * [--duration MINUTES] [--contact NAME] [--address TEXT] [--agenda TEXT]`.
 */
async function add(ctx: CliContext): Promise<number> {
  const o = ctx.options;
  if (!o.customer || !o.purpose) throw new CliError('VALIDATION', 'visits add needs --customer CODE --day YYYY-MM-DD --time HH:MM --purpose TEXT');
  const onDay = day('day', o.day);
  const startMinute = minuteOf(o.time);
  if (o.duration !== undefined && !/^\d{1,4}$/.test(o.duration)) throw new CliError('VALIDATION', `--duration takes minutes (1 to 1440), not "${o.duration}"`);
  const target = await customerByCode(ctx, o.customer);
  const me = await call(ctx, 'auth.session', {});
  const staffId = o.staff === undefined ? me!.user.id : await userByName(ctx, o.staff); // signed in above
  let contactId: number | null = null;
  if (o.contact !== undefined) {
    const contacts = (await call(ctx, 'customers.get', { id: target.id })).contacts;
    const found = contacts.find((c) => c.name.trim() === o.contact!.trim()); // checked just above
    if (!found) throw new CliError('NOT_FOUND', `the customer has no contact named ${o.contact.trim()} (it has: ${contacts.map((c) => c.name).join(', ') || 'none'})`);
    contactId = found.id;
  }
  const made = await call(ctx, 'visits.create', {
    customerId: target.id,
    contactId,
    staffId,
    onDay,
    startMinute,
    ...(o.duration === undefined ? {} : { durationMinutes: Number(o.duration) }),
    purpose: o.purpose,
    agenda: o.agenda ?? '',
    address: o.address ?? '',
  });
  const { actions: _actions, ...visit } = made.visit;
  const v = made.visit;
  const warning = made.overlaps.length === 0 ? '' : `\nwarning: ${v.staffName} has ${made.overlaps.length} other visit(s) at that time:\n${rowsText(made.overlaps)}`;
  print(ctx, { visit, overlaps: withoutActions(made.overlaps) }, `planned visit ${v.id}: ${v.staffName} to ${v.customerName} (${v.customerCode}) on ${v.onDay} at ${formatMinute(v.startMinute)} for ${v.durationMinutes} minutes${warning}`);
  return 0;
}

const SUBCOMMANDS: Record<string, (ctx: CliContext) => Promise<number>> = { list, add };

export async function visits(ctx: CliContext, sub: string | undefined): Promise<number> {
  const run = sub !== undefined && Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
  if (!run) throw new CliError('VALIDATION', `visits needs one of: ${Object.keys(SUBCOMMANDS).join(', ')}`);
  await signIn(ctx);
  return run(ctx);
}
