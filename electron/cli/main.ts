// The `clientele` command line: a third door into the same core (every command is a contract
// method call, so validation and permissions are the core's, not the CLI's).
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract.ts';

import { createCore } from '../core/create-core.ts';
import type { Core } from '../core/core-types.ts';
import { defaultDataDir } from '../core/data-dir.ts';
import { readSecret } from './prompt.ts';

const USAGE = `Usage: clientele <command> [options]

Commands:
  init    --shop NAME --owner USER        create the encrypted database (password: CLIENTELE_PASSWORD or prompt)
  status  --user USER                     schema version, cipher, row counts, file sizes
  check   --user USER                     integrity check
  seed    --user USER --customers N [--seed S]   fill with deterministic demo data
  serve   [--port N]                      start browser mode and print its URL

Options for every command:
  --data-dir DIR   data folder (default: CLIENTELE_DATA_DIR or the app's user-data folder)
  --json           machine-readable output
`;

class CliError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const SESSION = `cli:${process.pid}`;

async function call<M extends MethodName>(core: Core, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const result = await core.invoke(SESSION, method, input);
  if (!result.ok) throw new CliError(result.error.code, result.error.message);
  return result.value as MethodOutput<M>; // the core answered this method's output
}


async function signIn(core: Core, user: string | undefined): Promise<void> {
  if (!user) throw new CliError('VALIDATION', 'this command needs --user USER (the password comes from CLIENTELE_PASSWORD or a prompt)');
  const password = await readSecret('CLIENTELE_PASSWORD', `Password for ${user}: `);
  await call(core, 'auth.signIn', { username: user, password });
}

function print(json: boolean, value: unknown, text: string): void {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);
}

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
        seed: { type: 'string' },
        port: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    process.stderr.write(`clientele: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (values.help || !command) {
    process.stdout.write(USAGE);
    return command || values.help ? 0 : 2;
  }
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  const json = values.json ?? false;
  const core = createCore({ dataDir });
  try {
    switch (command) {
      case 'init': {
        if (!values.shop || !values.owner) throw new CliError('VALIDATION', 'init needs --shop NAME and --owner USER');
        const password = await readSecret('CLIENTELE_PASSWORD', `New password for ${values.owner} (at least 10 characters): `);
        const created = await call(core, 'setup.create', { shopName: values.shop, ownerUsername: values.owner, password });
        print(
          json,
          { recoveryKey: created.recoveryKey, dataDir },
          `Created the encrypted database in ${dataDir}\n\nRecovery key (store it safely; it is shown only once):\n\n  ${created.recoveryKey}\n`,
        );
        return 0;
      }
      case 'status': {
        await signIn(core, values.user);
        const status = await call(core, 'system.status', {});
        const counts = Object.entries(status.counts).map(([table, n]) => `  ${table}: ${n}`);
        const files = Object.entries(status.files).map(([file, n]) => `  ${file}: ${n} bytes`);
        print(json, status, [`schema version ${status.schemaVersion}, cipher ${status.cipher}`, 'rows:', ...counts, 'files:', ...files].join('\n'));
        return 0;
      }
      case 'check': {
        await signIn(core, values.user);
        const report = await call(core, 'system.check', {});
        print(json, report, report.ok ? 'integrity check: ok' : `integrity check FAILED:\n${report.problems.map((p) => `  ${p}`).join('\n')}`);
        return report.ok ? 0 : 1;
      }
      case 'seed': {
        await signIn(core, values.user);
        const customers = Number(values.customers);
        const seed = values.seed === undefined ? 1 : Number(values.seed);
        const done = await call(core, 'system.seed', { customers, seed });
        print(json, done, `seeded ${done.customers} customers with ${done.contacts} contacts in ${(done.ms / 1000).toFixed(1)} s`);
        return 0;
      }
      case 'serve': {
        const { startWebServer } = await import('../web/server.ts');
        const port = values.port === undefined ? 0 : Number(values.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError('VALIDATION', '--port must be a number from 0 to 65535');
        const server = await startWebServer({ core, staticDir: resolve(import.meta.dirname, '../../build/out/renderer'), port });
        print(json, { url: server.url }, `Clientele browser mode (data: ${dataDir})\nOpen: ${server.url}\nPress Ctrl+C to stop.`);
        await new Promise<void>((stop) => {
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        await server.close();
        return 0;
      }
      default:
        throw new CliError('VALIDATION', `unknown command "${command}"\n\n${USAGE}`);
    }
  } catch (error) {
    const code = error instanceof CliError ? error.code : 'INTERNAL';
    const message = (error as Error).message;
    if (json) process.stderr.write(`${JSON.stringify({ error: { code, message } })}\n`);
    else process.stderr.write(`clientele ${command}: ${code}: ${message}\n`);
    return 1;
  } finally {
    core.close();
  }
}
