// `clientele events list [--when upcoming|past|all] --json --user USER`: the customer events the
// user sees, through the same method as the app (every page), each with its invitation counts (the
// invitations of the customers the user may see), so a script can follow replies and attendance.
import { EVENT_WHEN, type Event, type EventWhen } from '../../../shared/api/events.ts';
import type { MethodOutput } from '../../../shared/api/contract.ts';
import { call, CliError, print, signIn, table, type CliContext } from '../session.ts';

function whenOption(ctx: CliContext): EventWhen {
  const when = ctx.options.when;
  if (when === undefined) return 'all';
  if (!(EVENT_WHEN as readonly string[]).includes(when)) throw new CliError('VALIDATION', `events list --when takes one of: ${EVENT_WHEN.join(', ')}`);
  return when as EventWhen; // one of EVENT_WHEN, checked above
}

function time(event: Pick<Event, 'startMinute'>): string {
  if (event.startMinute === null) return '';
  return `${String(Math.floor(event.startMinute / 60)).padStart(2, '0')}:${String(event.startMinute % 60).padStart(2, '0')}`;
}

async function list(ctx: CliContext): Promise<number> {
  const when = whenOption(ctx);
  const rows: Event[] = [];
  let cursor: string | null = null;
  do {
    const page: MethodOutput<'events.list'> = await call(ctx, 'events.list', { when, cursor, limit: 100 });
    rows.push(...page.rows);
    cursor = page.nextCursor;
  } while (cursor !== null);
  const events = rows.map(({ actions: _actions, ...event }) => event);
  const text = [
    `Customer events (${when}): ${events.length}`,
    table(
      ['id', 'day', 'time', 'title', 'kind', 'status', 'place', 'capacity', 'invited', 'yes', 'no', 'maybe', 'pending', 'attended'],
      events.map((event) => [
        String(event.id),
        event.onDay,
        time(event),
        event.title,
        event.kind,
        event.status,
        event.place,
        event.capacity === null ? '-' : String(event.capacity),
        String(event.counts.invited),
        String(event.counts.yes),
        String(event.counts.no),
        String(event.counts.maybe),
        String(event.counts.pending),
        String(event.counts.attended),
      ]),
    ),
  ].join('\n');
  print(ctx, { when, events }, text);
  return 0;
}

const SUBCOMMANDS: Record<string, (ctx: CliContext) => Promise<number>> = { list };

export async function events(ctx: CliContext, sub: string | undefined): Promise<number> {
  const run = sub !== undefined && Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
  if (!run) throw new CliError('VALIDATION', `events needs one of: ${Object.keys(SUBCOMMANDS).join(', ')}`);
  await signIn(ctx);
  return run(ctx);
}
