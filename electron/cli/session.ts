// What every command shares: calling the core as this process's session, signing in, printing.
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract.ts';
import type { SessionInfo } from '../../shared/api/auth.ts';
import type { Core } from '../core/core-types.ts';
import { readSecret } from './prompt.ts';

export class CliError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** The core's error details (which field, which rule), shown under --json. */
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** The parsed command line, as every command sees it. */
export type CliContext = {
  core: Core;
  dataDir: string;
  json: boolean;
  /** Positionals after the command (and sub-command) names. */
  args: string[];
  options: {
    user?: string;
    shop?: string;
    owner?: string;
    customers?: string;
    seed?: string;
    port?: string;
    role?: string;
    'display-name'?: string;
    out?: string;
    force?: boolean;
    to?: string;
    'recovery-key'?: string;
    'backup-user'?: string;
    // contracts (commands/contracts.ts)
    status?: string;
    'expiring-within'?: string;
    customer?: string;
    number?: string;
    title?: string;
    amount?: string;
    currency?: string;
    signed?: string;
    start?: string;
    end?: string;
    type?: string;
    // records (commands/records.ts; `seed --records`)
    records?: string;
    kind?: string;
    at?: string;
    content?: string;
    staff?: string;
    phase?: string;
    'service-kind'?: string;
    channel?: string;
    'follow-up'?: string;
    // visits (commands/visits.ts; `seed --visits`; --staff and --customer above, --to also backup's)
    visits?: string;
    from?: string;
    day?: string;
    time?: string;
    duration?: string;
    purpose?: string;
    contact?: string;
    address?: string;
    agenda?: string;
    // surveys (commands/surveys.ts; `seed --surveys`; --customer, --at, --channel above)
    surveys?: string;
    scores?: string;
    nps?: string;
    record?: string;
    visit?: string;
    comment?: string;
    // complaints (`seed --complaints`)
    complaints?: string;
    // sales (commands/sales.ts; `seed --sales`)
    line?: string[];
    sales?: string;
    // import (commands/imports.ts; --encoding, --out, --force, --lang shared)
    mapping?: string;
    'on-duplicate'?: string;
    'match-on'?: string;
    'dry-run'?: boolean;
    // grading (commands/grading.ts)
    'accept-all'?: boolean;
    // churn (commands/churn.ts)
    rule?: string;
    // events (commands/events.ts)
    when?: string;
    // points (commands/points.ts; --customer shared)
    points?: string;
    reason?: string;
    // today (commands/today.ts)
    date?: string;
    scope?: string;
    // export (commands/exports.ts)
    format?: string;
    encoding?: string;
    lang?: string;
  };
};

/** The CLI's session key: one per process, like one window. */
export const SESSION = `cli:${process.pid}`;

function mustChangeMessage(user: string): string {
  return `${user} signed in with an initial or reset password and must choose their own first: sign in to the app, or run \`clientele passwd --user ${user}\``;
}

export async function call<M extends MethodName>(ctx: CliContext, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const result = await ctx.core.invoke(SESSION, method, input);
  if (!result.ok) {
    const { code, message, details } = result.error;
    if (code === 'PASSWORD_CHANGE_REQUIRED') throw new CliError(code, `${message}\n${mustChangeMessage(ctx.options.user ?? 'this user')}`);
    throw new CliError(code, message, details);
  }
  return result.value as MethodOutput<M>; // the core answered this method's output
}

/**
 * Signs in as --user with the password from CLIENTELE_PASSWORD (or a prompt). A user who must
 * change their password is stopped here with a clear message, unless the command is the change.
 */
export async function signIn(ctx: CliContext, options: { allowPasswordChange?: boolean } = {}): Promise<{ session: SessionInfo; password: string }> {
  const user = ctx.options.user;
  if (!user) throw new CliError('VALIDATION', 'this command needs --user USER (the password comes from CLIENTELE_PASSWORD or a prompt)');
  const password = await readSecret('CLIENTELE_PASSWORD', `Password for ${user}: `);
  const session = await call(ctx, 'auth.signIn', { username: user, password });
  if (session.user.mustChangePassword && !options.allowPasswordChange) throw new CliError('PASSWORD_CHANGE_REQUIRED', mustChangeMessage(user));
  return { session, password };
}

/** A new password for someone: CLIENTELE_NEW_PASSWORD, or typed twice at a prompt. */
export async function readNewPassword(question: string): Promise<string> {
  const first = await readSecret('CLIENTELE_NEW_PASSWORD', question);
  if (process.env.CLIENTELE_NEW_PASSWORD) return first;
  const again = await readSecret('CLIENTELE_NEW_PASSWORD', 'Type it again: ');
  if (again !== first) throw new CliError('VALIDATION', 'the two passwords differ');
  return first;
}

export function print(ctx: CliContext, value: unknown, text: string): void {
  process.stdout.write(ctx.json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);
}

/** A fixed-width text table. */
export function table(header: string[], rows: string[][]): string {
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0); // CJK takes two columns
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) => cells.map((c, i) => c + ' '.repeat(widths[i]! - width(c))).join('  ').trimEnd(); // widths has one per column
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
