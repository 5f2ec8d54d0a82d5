// `clientele audit verify` and `clientele audit export`: the owner's view of the audit log.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { call, CliError, print, signIn, type CliContext } from '../session.ts';

async function verify(ctx: CliContext): Promise<number> {
  const verdict = await call(ctx, 'audit.verify', {});
  if (verdict.ok) {
    print(ctx, verdict, `audit log intact: ${verdict.checked} entries checked`);
    return 0;
  }
  const bad = verdict.firstBad;
  const message = bad ? `audit log altered at entry #${bad.id} (${new Date(bad.at).toISOString()})` : 'audit log altered';
  if (ctx.json) print(ctx, { ...verdict, message }, message);
  else process.stderr.write(`clientele audit verify: ${message}; ${verdict.checked} entries checked\n`);
  return 1;
}

async function exportCsv(ctx: CliContext): Promise<number> {
  if (!ctx.options.out) throw new CliError('VALIDATION', 'audit export needs --out FILE.csv');
  const file = resolve(ctx.options.out);
  const { csv, rows } = await call(ctx, 'audit.export', {});
  try {
    writeFileSync(file, csv, { encoding: 'utf8', flag: ctx.options.force ? 'w' : 'wx', mode: 0o600 });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'EEXIST') throw new CliError('CONFLICT', `${file} already exists; pass --force to overwrite it`);
    throw new CliError('IO', `cannot write ${file}: ${(error as Error).message}`);
  }
  print(ctx, { file, rows }, `wrote ${rows} audit entries to ${file}`);
  return 0;
}

const SUBCOMMANDS: Record<string, (ctx: CliContext) => Promise<number>> = { verify, export: exportCsv };

export async function audit(ctx: CliContext, sub: string | undefined): Promise<number> {
  const run = sub !== undefined && Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
  if (!run) throw new CliError('VALIDATION', `audit needs one of: ${Object.keys(SUBCOMMANDS).join(', ')}`);
  await signIn(ctx);
  return run(ctx);
}
