// `clientele records add ...`: a service or communication record from the command line, through
// the same method as the app (validation, scope and permissions are the core's). The customer is
// named by its code, the staff member by user name; the time is ISO 8601 (local time without a
// zone), now when not given.
import { cliClock } from '../clock.ts';
import { call, CliError, print, signIn, type CliContext } from '../session.ts';
import type { RecordDraftInput } from '../../../shared/api/records.ts';

/** The customer with exactly this code, among those the user sees. */
async function customerByCode(ctx: CliContext, code: string): Promise<{ id: number }> {
  const wanted = code.trim().toUpperCase();
  const page = await call(ctx, 'customers.list', { q: code.trim(), limit: 100 });
  const found = page.rows.find((row) => row.code.toUpperCase() === wanted);
  if (!found) throw new CliError('NOT_FOUND', `no customer with code ${code.trim()} (or not one you see); \`clientele\` takes the code shown in the app, e.g. C000123`);
  return found;
}

async function userByName(ctx: CliContext, username: string): Promise<number> {
  const me = await call(ctx, 'auth.session', {});
  if (me && me.user.username.toLowerCase() === username.trim().toLowerCase()) return me.user.id;
  const users = await call(ctx, 'users.list', {});
  const found = users.find((user) => user.username.toLowerCase() === username.trim().toLowerCase());
  if (!found) throw new CliError('NOT_FOUND', `no user named ${username}`);
  return found.id;
}

/** ISO 8601 (`2026-11-30T14:30`, `2026-11-30`, with or without a zone) → ms; a text without a zone is local time. */
function instant(text: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00`).getTime() : new Date(text).getTime();
  if (Number.isNaN(ms)) throw new CliError('VALIDATION', `--at takes a time as ISO 8601 (such as 2026-11-30T14:30), not "${text}"`);
  return ms;
}

/**
 * `records add --customer CODE --kind service|communication [--at ISO] [--content TEXT] [--staff USER]
 * [--phase P] [--service-kind K] [--status open|done] [--channel C] [--follow-up YYYY-MM-DD]`.
 */
async function add(ctx: CliContext): Promise<number> {
  const o = ctx.options;
  if (!o.customer || !o.kind) throw new CliError('VALIDATION', 'records add needs --customer CODE --kind service|communication');
  if (o.kind !== 'service' && o.kind !== 'communication') throw new CliError('VALIDATION', `--kind must be service or communication, not "${o.kind}"`);
  const target = await customerByCode(ctx, o.customer);
  const staffId = o.staff === undefined ? null : await userByName(ctx, o.staff);
  const common = { customerId: target.id, at: o.at === undefined ? cliClock()() : instant(o.at), staffId, content: o.content ?? '' };
  // The core checks each value against its list (phase, kind of service, status, channel) and says which is wrong.
  const draft: RecordDraftInput =
    o.kind === 'service'
      ? { ...common, kind: 'service', phase: (o.phase ?? 'aftersale') as 'aftersale', serviceKind: (o['service-kind'] ?? 'other') as 'other', status: (o.status ?? 'done') as 'done' }
      : { ...common, kind: 'communication', channel: (o.channel ?? 'phone') as 'phone', followUpOn: o['follow-up'] ?? null };
  const made = await call(ctx, 'records.create', draft);
  const { actions: _actions, ...record } = made;
  print(ctx, { record }, `added ${made.kind} record ${made.id} for ${made.customerName} (${made.customerCode})${made.followUpOn ? `, follow up on ${made.followUpOn}` : ''}`);
  return 0;
}

const SUBCOMMANDS: Record<string, (ctx: CliContext) => Promise<number>> = { add };

export async function records(ctx: CliContext, sub: string | undefined): Promise<number> {
  const run = sub !== undefined && Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
  if (!run) throw new CliError('VALIDATION', `records needs one of: ${Object.keys(SUBCOMMANDS).join(', ')}`);
  await signIn(ctx);
  return run(ctx);
}
