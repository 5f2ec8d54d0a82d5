// `clientele surveys add ...`: a satisfaction survey from the command line, through the same
// method as the app (validation, scope, permissions, and the complaint a low score opens, are the
// core's). The customer is named by its code, dimensions by their key (`--scores quality=4,attitude=2`),
// the time is ISO 8601 (local time without a zone). Prints the survey and the complaint it opened.
import { SURVEY_CHANNELS, type SurveyChannel } from '../../../shared/api/surveys.ts';
import { cliClock } from '../clock.ts';
import { call, CliError, print, signIn, type CliContext } from '../session.ts';

/** The customer with exactly this code, among those the user sees. */
async function customerByCode(ctx: CliContext, code: string): Promise<{ id: number }> {
  const wanted = code.trim().toUpperCase();
  const page = await call(ctx, 'customers.list', { q: code.trim(), limit: 100 });
  const found = page.rows.find((row) => row.code.toUpperCase() === wanted);
  if (!found) throw new CliError('NOT_FOUND', `no customer with code ${code.trim()} (or not one you see); \`clientele\` takes the code shown in the app, e.g. C000123`);
  return found;
}

/** ISO 8601 (`2026-11-30T14:30`, `2026-11-30`, with or without a zone) → ms; a text without a zone is local time. */
function instant(text: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00`).getTime() : new Date(text).getTime();
  if (Number.isNaN(ms)) throw new CliError('VALIDATION', `--at takes a time as ISO 8601 (such as 2026-11-30T14:30), not "${text}"`);
  return ms;
}

/** A whole number as typed; the core checks its range (a score 1–5, NPS 0–10) and says so. */
function integer(option: string, text: string): number {
  if (!/^-?\d{1,3}$/.test(text.trim())) throw new CliError('VALIDATION', `--${option} takes a whole number, not "${text}"`);
  return Number(text.trim());
}

/** `quality=4,attitude=2` → scores by the dimensions' keys (letter case ignored); an unknown key names the live ones. */
async function scoresOf(ctx: CliContext, text: string | undefined): Promise<{ dimensionId: number; score: number }[]> {
  if (text === undefined || text.trim() === '') return [];
  const dimensions = await call(ctx, 'surveys.dimensions', {});
  const live = dimensions.filter((d) => !d.retired);
  return text.split(',').map((pair) => {
    const match = /^\s*([A-Za-z][\w-]*)\s*=\s*(-?\d+)\s*$/.exec(pair);
    if (!match) throw new CliError('VALIDATION', `--scores takes KEY=SCORE pairs separated by commas (such as quality=4,attitude=2), not "${pair}"`);
    const dimension = dimensions.find((d) => d.key.toLowerCase() === match[1]!.toLowerCase()); // both groups matched
    if (!dimension) throw new CliError('VALIDATION', `--scores: no dimension ${match[1]}; the dimensions asked are ${live.map((d) => d.key).join(', ')}`);
    return { dimensionId: dimension.id, score: Number(match[2]) };
  });
}

/**
 * `surveys add --customer CODE --scores quality=4,attitude=2 --nps 5 [--channel phone|visit|wechat|paper]
 * [--record ID] [--visit ID] [--at ISO] [--comment TEXT]`.
 */
async function add(ctx: CliContext): Promise<number> {
  const o = ctx.options;
  if (!o.customer || (o.scores === undefined && o.nps === undefined)) {
    throw new CliError('VALIDATION', 'surveys add needs --customer CODE and --scores KEY=SCORE,... or --nps 0-10 (or both)');
  }
  if (o.channel !== undefined && !(SURVEY_CHANNELS as readonly string[]).includes(o.channel)) {
    throw new CliError('VALIDATION', `--channel takes one of ${SURVEY_CHANNELS.join(', ')}, not "${o.channel}"`);
  }
  const target = await customerByCode(ctx, o.customer);
  const scores = await scoresOf(ctx, o.scores);
  const made = await call(ctx, 'surveys.create', {
    customerId: target.id,
    at: o.at === undefined ? cliClock()() : instant(o.at),
    channel: (o.channel ?? 'phone') as SurveyChannel, // checked against SURVEY_CHANNELS above
    scores,
    nps: o.nps === undefined ? null : integer('nps', o.nps),
    ...(o.record === undefined ? {} : { recordId: integer('record', o.record) }),
    ...(o.visit === undefined ? {} : { visitId: integer('visit', o.visit) }),
    comment: o.comment ?? '',
  });
  const { actions: _actions, ...survey } = made.survey;
  const s = made.survey;
  const answers = [...s.scores.map((x) => `${x.key}=${x.score}`), ...(s.nps === null ? [] : [`nps=${s.nps}`])].join(', ');
  const c = made.complaint;
  const complaintText = c === null ? '' : `\nlow score: complaint ${c.id} opened, due ${new Date(c.dueAt).toISOString()}, assigned to ${c.assigneeName ?? 'nobody yet'}`;
  print(ctx, { survey, complaint: c }, `survey ${s.id} for ${s.customerName} (${s.customerCode}): ${answers}${complaintText}`);
  return 0;
}

const SUBCOMMANDS: Record<string, (ctx: CliContext) => Promise<number>> = { add };

export async function surveys(ctx: CliContext, sub: string | undefined): Promise<number> {
  const run = sub !== undefined && Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
  if (!run) throw new CliError('VALIDATION', `surveys needs one of: ${Object.keys(SUBCOMMANDS).join(', ')}`);
  await signIn(ctx);
  return run(ctx);
}
