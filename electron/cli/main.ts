// The `clientele` command line: a third door into the same core (every command is a contract
// method call, so validation and permissions are the core's, not the CLI's). Commands live in
// commands/, one file per group; session.ts holds what they share.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createCore } from '../core/create-core.ts';
import { createCoreInWorker } from '../core/worker/core-in-worker.ts';
import { defaultDataDir } from '../core/data-dir.ts';
import { cliClock, TEST_NOW_VARIABLE } from './clock.ts';
import { audit } from './commands/audit.ts';
import { backup, restore, verifyBackup } from './commands/backup.ts';
import { contracts } from './commands/contracts.ts';
import { sales } from './commands/sales.ts';
import { records } from './commands/records.ts';
import { visits } from './commands/visits.ts';
import { surveys } from './commands/surveys.ts';
import { today } from './commands/today.ts';
import { logo } from './commands/logo.ts';
import { attachments } from './commands/attachments.ts';
import { exportCommand } from './commands/exports.ts';
import { duplicates } from './commands/duplicates.ts';
import { grading } from './commands/grading.ts';
import { churn } from './commands/churn.ts';
import { points } from './commands/points.ts';
import { performance } from './commands/performance.ts';
import { events } from './commands/events.ts';
import { importCommand } from './commands/imports.ts';
import { check, init, rekey, seed, serve, status } from './commands/system.ts';
import { passwd, users } from './commands/users.ts';
import { CliError, type CliContext } from './session.ts';

const USAGE = `Usage: clientele <command> [options]

Commands:
  init    --shop NAME --owner USER        create the encrypted database (password: CLIENTELE_PASSWORD or prompt)
  status  --user USER                     schema version, cipher, row counts, file sizes
  check   --user USER                     integrity check
  seed    --user USER [--customers N] [--records N] [--visits N] [--surveys N] [--complaints N] [--sales N] [--seed S]
                                          fill with deterministic demo data (records go to the shop's customers,
                                          some of them about 2,000 each; up to 1,000,000; visits over the active
                                          staff and the eight weeks around today, past ones mostly done)
  serve   [--port N]                      start browser mode and print its URL
  passwd  --user USER                     change your own password (old: CLIENTELE_PASSWORD, new: CLIENTELE_NEW_PASSWORD)

  users list                 --user OWNER              every user, role and state
  users add NAME             --user OWNER --role ROLE [--display-name X]
                                                       new user (initial password: CLIENTELE_NEW_PASSWORD or prompt;
                                                       they must change it at first sign-in); ROLE: owner|manager|staff|viewer
  users set-role NAME        --user OWNER --role ROLE  change a user's role
  users reset-password NAME  --user OWNER              new initial password (CLIENTELE_NEW_PASSWORD or prompt)
  users deactivate NAME      --user OWNER              remove the user's key slot and end their sessions
  users reactivate NAME      --user OWNER              give them a new key slot (password: CLIENTELE_NEW_PASSWORD or prompt)

  audit verify               --user OWNER              re-compute the hash chain; exit 1 naming the first altered entry
  audit export --out FILE.csv [--force] --user OWNER   the audit log as CSV (UTF-8 with BOM, opens in Excel)
  rekey                      --user OWNER              new database key for every remaining user (after removing someone)

  logo get [--out FILE [--force]] --user USER          the shop logo's type and size; --out saves it to FILE (never
                                                       overwriting one without --force)
  logo set FILE              --user OWNER              a PNG or JPEG (up to 2 MB) becomes the shop logo
  logo remove                --user OWNER              no shop logo any more

  attachments add --to contract:NUMBER|customer:CODE FILE... --user USER
                                                       keep each FILE with the contract or customer (up to the shop's
                                                       limit, 100 MB unless the owner changed it); exit 1 if any is refused
  attachments get ID --out FILE [--force] --user USER  save a copy of attachment ID into FILE (never overwriting one
                                                       without --force; removed again if the file turns out damaged)
  attachments verify         --user USER               re-hash every attached file; exit 1 naming each damaged one

  contracts list [--status S] [--expiring-within DAYS] --user USER
                                                       the contracts the user sees, soonest end first; S: draft|active|
                                                       expiring|expired|terminated|renewed; DAYS: ending from today to today+DAYS
  contracts add --customer CODE --number N --title T [--amount 1234.50 --currency CNY] [--signed YYYY-MM-DD]
                [--start YYYY-MM-DD --end YYYY-MM-DD] [--type sales|service|framework|nda|other] --user USER
                                                       a new contract for the customer with that code (the amount as
                                                       decimal text in the currency's units; no signed date: a draft)

  sales add --customer CODE --line "name,qty,price[,discount]" [--line ...] [--date YYYY-MM-DD] [--currency CNY] --user USER
                                                       a sale for the customer with that code (quantity and prices as
                                                       decimal text: "茶叶,1.5,12.50"; no date: today)
  sales list [--customer CODE] --user USER             the sales the user sees, newest first
  sales check                --user USER               the sales summaries against a full recomputation; exit 1 if they differ

  records add --customer CODE --kind service|communication [--at ISO] [--content TEXT] [--staff USER]
              [--phase presale|insale|aftersale] [--service-kind K] [--status open|done]
              [--channel phone|email|meeting|visit|wechat|other] [--follow-up YYYY-MM-DD] --user USER
                                                       a service or communication record for the customer with that
                                                       code (--at: local time, default now)

  visits list [--staff USER] --from YYYY-MM-DD [--to YYYY-MM-DD] --user USER
                                                       the visits planned in those days (up to 42), one staff member's or
                                                       the whole shop's, by day and time; overlapping ones marked
  visits add --customer CODE --day YYYY-MM-DD --time HH:MM --purpose TEXT [--staff USER] [--duration MINUTES]
             [--contact NAME] [--address TEXT] [--agenda TEXT] --user USER
                                                       plan a visit (staff: you unless named; duration 60; address: the
                                                       customer's); warns of the staff member's overlapping visits

  surveys add --customer CODE [--scores quality=4,attitude=2] [--nps 0-10] [--channel phone|visit|wechat|paper]
              [--record ID] [--visit ID] [--at ISO] [--comment TEXT] --user USER
                                                       a satisfaction survey (scores by dimension key, 1-5; at least one
                                                       score or the NPS); a low score opens a complaint, reported with
                                                       its deadline and assignee

  today --user USER [--date YYYY-MM-DD] [--scope mine|everyone]
                                                       the Today inbox: visits, follow-ups and return visits due,
                                                       complaints near their deadline, contracts expiring, birthdays and
                                                       anniversaries of the week (staff: their own; default today)

  export ENTITY --format csv|xlsx --out FILE [--force] [--encoding gbk] [--lang zh-CN|en-US] --user USER
                                                       ENTITY: customers|contacts|contracts|records|surveys, the whole list
                                                       as the user sees it, to CSV (UTF-8 with BOM; --encoding gbk writes
                                                       GB18030 for old Excel) or .xlsx; audited; FILE kept unless --force

  duplicates list --user USER                          groups of possible duplicate customers (same phone, e-mail or a
                                                       similar name), largest first, with the reason of each

  grading propose            --user OWNER              a value grading proposal (ABC on the last 12 months' revenue, RFM,
                                                       the shop's rules) with every suggested change and its reason
  grading show ID            --user OWNER              a proposal and its items
  grading apply ID [--accept-all] --user OWNER         change the accepted items' grades (--accept-all: accept every
                                                       pending item first); customers edited since are skipped

  churn list [--rule interval|cadence|satisfaction|complaints|contract] --user USER
                                                       the churn warnings the user sees, by value at risk (the last 12
                                                       months' revenue), each with its reasons and their facts

  points add --customer CODE --points N --reason TEXT --user USER
                                                       a points correction by hand with its reason (points.adjust;
                                                       --points=-N takes points away, never below 0)
  points balance --customer CODE --user USER           a member's tier, balance, points expiring next month, latest entries
  points check               --user USER               every member's balance against the sum of their points ledger

  events list [--when upcoming|past|all] --user USER   the customer events the user sees (upcoming: soonest first; past and
                                                       all: latest first), each with its invitations by reply and attended

  performance --from YYYY-MM-DD --to YYYY-MM-DD [--staff USER|all] --user USER
                                                       staff performance over those local days: customers by grade, visits
                                                       planned/done, return visits overdue, complaints closed (on time),
                                                       surveys (CSAT, NPS), revenue, new customers, churn risks (staff: their
                                                       own; owner and managers anyone's, or all)

  backup --to FOLDER         --user OWNER              write a verified Clientele-<shop>-<date>.clbak into FOLDER (progress on stderr)
  verify-backup FILE         --user USER | --recovery-key KEY
                                                       check a backup and show its manifest (password valid when it was made);
                                                       without --data-dir no data folder is opened
  restore FILE               --user OWNER | --recovery-key KEY
                                                       restore into an empty --data-dir, or over an existing shop: --user OWNER
                                                       signs in with a password valid now, the backup opens with --backup-user
                                                       (default: --user) and CLIENTELE_BACKUP_PASSWORD (default: CLIENTELE_PASSWORD)
                                                       or --recovery-key; the current data is moved aside to backups/

  import customers FILE [--encoding utf8|utf8bom|gb18030|utf16le|utf16be] [--mapping FILE.json]
                   [--on-duplicate skip|update|create] [--match-on phone|email|name-address] [--dry-run]
                   [--out REJECTED.csv [--force]] [--lang zh-CN|en-US] --user USER
                                                       import customers from a .csv/.txt/.xlsx/.xls file (header row and
                                                       columns found as the wizard finds them; --mapping overrides:
                                                       {"columns": {"name": "客户名称", "contactMobile": 2}}); exit 1 if any
                                                       row was refused (--out writes those rows with an error column)
  import undo BATCH          --user USER               undo an import batch (refused if its customers were edited since)
  import list                --user USER               the import batches, newest first

Options for every command:
  --data-dir DIR   data folder (default: CLIENTELE_DATA_DIR or the app's user-data folder)
  --json           machine-readable output
  --user USER      who runs the command; their password comes from CLIENTELE_PASSWORD or a prompt
`;

/** Commands with sub-commands take the next positional as it. */
const COMMANDS: Record<string, (ctx: CliContext, sub: string | undefined) => Promise<number>> = {
  init,
  status,
  check,
  seed,
  serve,
  rekey,
  passwd,
  users,
  audit,
  backup,
  'verify-backup': verifyBackup,
  restore,
  logo,
  attachments,
  contracts,
  sales,
  records,
  visits,
  surveys,
  today,
  export: exportCommand,
  duplicates,
  grading,
  churn,
  points,
  performance,
  events,
  import: importCommand,
};
const GROUPS = new Set(['users', 'audit', 'logo', 'contracts', 'sales', 'attachments', 'records', 'visits', 'surveys', 'export', 'duplicates', 'grading', 'churn', 'points', 'events', 'import']);

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string' },
        json: { type: 'boolean', default: false },
        user: { type: 'string' },
        shop: { type: 'string' },
        owner: { type: 'string' },
        customers: { type: 'string' },
        records: { type: 'string' },
        seed: { type: 'string' },
        port: { type: 'string' },
        role: { type: 'string' },
        'display-name': { type: 'string' },
        out: { type: 'string' },
        force: { type: 'boolean', default: false },
        to: { type: 'string' },
        'recovery-key': { type: 'string' },
        'backup-user': { type: 'string' },
        // contracts
        status: { type: 'string' },
        'expiring-within': { type: 'string' },
        customer: { type: 'string' },
        number: { type: 'string' },
        title: { type: 'string' },
        amount: { type: 'string' },
        currency: { type: 'string' },
        signed: { type: 'string' },
        start: { type: 'string' },
        end: { type: 'string' },
        type: { type: 'string' },
        // records
        kind: { type: 'string' },
        at: { type: 'string' },
        content: { type: 'string' },
        staff: { type: 'string' },
        phase: { type: 'string' },
        'service-kind': { type: 'string' },
        channel: { type: 'string' },
        'follow-up': { type: 'string' },
        // visits (--to is also backup's folder; --staff and --customer are shared)
        visits: { type: 'string' },
        from: { type: 'string' },
        day: { type: 'string' },
        time: { type: 'string' },
        duration: { type: 'string' },
        purpose: { type: 'string' },
        contact: { type: 'string' },
        address: { type: 'string' },
        agenda: { type: 'string' },
        // surveys (--customer, --at and --channel are shared)
        surveys: { type: 'string' },
        scores: { type: 'string' },
        nps: { type: 'string' },
        record: { type: 'string' },
        visit: { type: 'string' },
        comment: { type: 'string' },
        // complaints (seed)
        complaints: { type: 'string' },
        // sales (--customer, --currency shared; --sales for seed)
        line: { type: 'string', multiple: true },
        sales: { type: 'string' },
        // today
        date: { type: 'string' },
        scope: { type: 'string' },
        // export
        format: { type: 'string' },
        encoding: { type: 'string' },
        lang: { type: 'string' },
        // import (--encoding, --out, --force and --lang shared)
        mapping: { type: 'string' },
        'on-duplicate': { type: 'string' },
        'match-on': { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        // grading
        'accept-all': { type: 'boolean', default: false },
        // churn
        rule: { type: 'string' },
        when: { type: 'string' },
        // points (--customer shared)
        points: { type: 'string' },
        reason: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    process.stderr.write(`clientele: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    process.stdout.write(USAGE);
    return command || values.help ? 0 : 2;
  }
  const grouped = GROUPS.has(command);
  const sub = grouped ? rest[0] : undefined;
  const label = grouped && sub ? `${command} ${sub}` : command;
  const json = values.json ?? false;
  let clock;
  try {
    clock = cliClock();
  } catch (error) {
    process.stderr.write(`clientele: ${(error as Error).message}\n`);
    return 2;
  }
  // verify-backup without --data-dir works on an empty scratch folder, so it never opens real data.
  const scratch = command === 'verify-backup' && values['data-dir'] === undefined ? mkdtempSync(join(tmpdir(), 'clientele-verify-')) : null;
  const dataDir = scratch ?? resolve(values['data-dir'] ?? defaultDataDir());
  // `serve` is the long-running door (automatic backups); every command names itself to other
  // processes on the folder while it has the database open.
  const holder = command === 'serve' ? { kind: 'serve' as const } : { kind: 'cli' as const, command: label };
  // `serve` runs the core in a worker thread, so a long job there never stalls the HTTP door; the
  // one-shot commands call it in-process through the same interface. The worker reads the real
  // clock itself: only a test's fixed clock (CLIENTELE_TEST_NOW) is passed across.
  const core =
    command === 'serve'
      ? createCoreInWorker({ dataDir, longRunning: true, clock: process.env[TEST_NOW_VARIABLE] ? clock : undefined, holder })
      : createCore({ dataDir, longRunning: false, clock, holder });
  const ctx: CliContext = { core, dataDir, json, args: grouped ? rest.slice(1) : rest, options: values };
  try {
    const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!run) throw new CliError('VALIDATION', `unknown command "${command}"\n\n${USAGE}`);
    return await run(ctx, sub);
  } catch (error) {
    const cliCode = (error as { cliCode?: string }).cliCode;
    const code = error instanceof CliError ? error.code : (cliCode ?? 'INTERNAL');
    const message = (error as Error).message;
    const details = error instanceof CliError ? error.details : undefined;
    if (json) process.stderr.write(`${JSON.stringify({ error: details === undefined ? { code, message } : { code, message, details } })}\n`);
    else process.stderr.write(`clientele ${label}: ${code}: ${message}\n`);
    return 1;
  } finally {
    core.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}
