// `clientele duplicates list [--json] --user USER`: the duplicate finder's groups through
// duplicates.find (the caller's scope and masking are the core's), largest first.
import { call, CliError, print, signIn, table, type CliContext } from '../session.ts';

async function list(ctx: CliContext): Promise<number> {
  const found = await call(ctx, 'duplicates.find', {});
  const text = [`${found.total} group${found.total === 1 ? '' : 's'} of possible duplicates${found.total > found.groups.length ? ` (first ${found.groups.length})` : ''}`];
  for (const group of found.groups) {
    text.push('', group.reasons.map((r) => `${r.reason}: ${r.value}`).join('; '));
    text.push(table(['code', 'name', 'phone', 'owner', 'records', 'contracts'], group.customers.map((c) => [c.code, c.name, c.phone, c.ownerName ?? '', String(c.counts.records), String(c.counts.contracts)])));
  }
  print(ctx, found, text.join('\n'));
  return 0;
}

const SUBCOMMANDS: Record<string, (ctx: CliContext) => Promise<number>> = { list };

export async function duplicates(ctx: CliContext, sub: string | undefined): Promise<number> {
  const run = sub !== undefined && Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
  if (!run) throw new CliError('VALIDATION', `duplicates needs one of: ${Object.keys(SUBCOMMANDS).join(', ')}`);
  await signIn(ctx);
  return run(ctx);
}
