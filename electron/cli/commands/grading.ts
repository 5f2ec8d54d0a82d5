// `clientele grading propose|apply ID|show ID [--accept-all] --json --user OWNER`: value grading
// from the command line, through the same methods as the app (grading.manage: the owner). The
// proposal goes out as data with all its items (every page), so a script can review it.
import type { MethodOutput } from '../../../shared/api/contract.ts';
import type { GradingItem, GradingProposal } from '../../../shared/api/grading.ts';
import { call, CliError, print, signIn, table, type CliContext } from '../session.ts';

async function allItems(ctx: CliContext, proposalId: number): Promise<GradingItem[]> {
  const items: GradingItem[] = [];
  let cursor: string | null = null;
  do {
    const page: MethodOutput<'grading.items'> = await call(ctx, 'grading.items', { proposalId, cursor, limit: 100 });
    items.push(...page.rows);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return items;
}

function proposalText(proposal: GradingProposal, items: readonly GradingItem[]): string {
  const c = proposal.counts;
  return [
    `Grading proposal ${proposal.id} (${proposal.status}), ${proposal.period.from} to ${proposal.period.to}, ${proposal.currency}: ${c.graded} customers graded, ${c.items} changes (${c.accepted} accepted, ${c.rejected} rejected, ${c.pending} pending${c.applied + c.skipped > 0 ? `; ${c.applied} applied, ${c.skipped} skipped` : ''})`,
    table(
      ['code', 'name', 'from', 'to', 'ABC', 'R', 'F', 'M', 'revenue', 'decision'],
      items.map((i) => [i.customerCode, i.customerName, i.fromGrade, i.toGrade, i.abc, String(i.r), String(i.f), String(i.m), String(i.revenueMinor), i.outcome ?? i.decision]),
    ),
  ].join('\n');
}

function proposalId(ctx: CliContext, command: string): number {
  const text = ctx.args[0];
  if (text === undefined || !/^\d{1,15}$/.test(text) || Number(text) < 1) throw new CliError('VALIDATION', `grading ${command} needs the proposal's number (as \`grading propose\` printed it), such as \`grading ${command} 3\``);
  return Number(text);
}

async function propose(ctx: CliContext): Promise<number> {
  const proposal = await call(ctx, 'grading.propose', {});
  const items = await allItems(ctx, proposal.id);
  print(ctx, { ...proposal, items }, proposalText(proposal, items));
  return 0;
}

async function show(ctx: CliContext): Promise<number> {
  const proposal = await call(ctx, 'grading.get', { id: proposalId(ctx, 'show') });
  const items = await allItems(ctx, proposal.id);
  print(ctx, { ...proposal, items }, proposalText(proposal, items));
  return 0;
}

/** Applies the accepted items; `--accept-all` accepts every pending one first. */
async function apply(ctx: CliContext): Promise<number> {
  const id = proposalId(ctx, 'apply');
  if (ctx.options['accept-all']) {
    const proposal = await call(ctx, 'grading.get', { id });
    if (proposal.counts.pending > 0 && proposal.status === 'open') {
      const pending = (await allItems(ctx, id)).filter((i) => i.decision === 'pending').map((i) => i.customerId);
      for (let start = 0; start < pending.length; start += 1000) await call(ctx, 'grading.decide', { proposalId: id, customerIds: pending.slice(start, start + 1000), decision: 'accepted' });
    }
  }
  const result = await call(ctx, 'grading.apply', { proposalId: id });
  const c = result.proposal.counts;
  const text = [`Applied proposal ${id}: ${c.applied} grades changed, ${c.skipped} skipped (edited since the proposal)`];
  if (result.skipped.length > 0) text.push(table(['code', 'name'], result.skipped.map((s) => [s.customerCode, s.customerName])));
  print(ctx, result, text.join('\n'));
  return 0;
}

const SUBCOMMANDS: Record<string, (ctx: CliContext) => Promise<number>> = { propose, apply, show };

export async function grading(ctx: CliContext, sub: string | undefined): Promise<number> {
  const run = sub !== undefined && Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
  if (!run) throw new CliError('VALIDATION', `grading needs one of: ${Object.keys(SUBCOMMANDS).join(', ')}`);
  await signIn(ctx);
  return run(ctx);
}
