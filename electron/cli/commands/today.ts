// `clientele today --user USER [--date YYYY-MM-DD] [--scope mine|everyone] [--json]`: the Today
// inbox as data, through today.get (scope, permissions and the day are the core's: staff see only
// their own; a day is the shop's local one, today by default).
import { TODAY_SCOPES, TODAY_SECTIONS, type TodayItem, type TodayScope } from '../../../shared/api/today.ts';
import { call, CliError, print, signIn, table, type CliContext } from '../session.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function when(item: TodayItem): string {
  if (item.dueAt !== null && item.kind === 'complaint') return new Date(item.dueAt).toISOString();
  return item.dueOn ?? item.occurrence;
}

export async function today(ctx: CliContext): Promise<number> {
  const { date, scope } = ctx.options;
  if (date !== undefined && !DATE.test(date)) throw new CliError('VALIDATION', `--date takes a date as YYYY-MM-DD, not "${date}"`);
  if (scope !== undefined && !(TODAY_SCOPES as readonly string[]).includes(scope)) throw new CliError('VALIDATION', `--scope takes mine or everyone, not "${scope}"`);
  await signIn(ctx);
  const inbox = await call(ctx, 'today.get', { ...(date === undefined ? {} : { day: date }), ...(scope === undefined ? {} : { scope: scope as TodayScope }) }); // one of TODAY_SCOPES, checked above
  const text = [`Today ${inbox.day} (${inbox.scope})`];
  for (const section of TODAY_SECTIONS) {
    const { items, total } = inbox.sections[section];
    text.push('', `${section}: ${total}${total > items.length ? ` (first ${items.length})` : ''}`);
    if (items.length > 0) {
      text.push(
        table(
          ['kind', 'due', 'customer', 'what', 'who', ''],
          items.map((item) => [item.kind, when(item), `${item.customerName} (${item.customerCode})`, item.title.replace(/\s+/g, ' ').slice(0, 40), item.subtitle, item.overdue ? `overdue ${item.overdueDays}d` : '']),
        ),
      );
    }
  }
  print(ctx, inbox, text.join('\n'));
  return 0;
}
