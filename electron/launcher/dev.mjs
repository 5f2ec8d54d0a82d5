// `npm run dev`: the renderer from Vite's dev server (hot reload) against the real core. Starts
// `clientele serve` on a seeded data folder (.clientele-dev/, made on first run with the CLI's own
// init and seed) and Vite with /api proxied to it (renderer/vite.config.ts, apiProxy). Prints the
// address to open, with the server's launch token, and the user name and password to sign in with.
//
//   npm run dev                      # .clientele-dev/, 1,000 demo customers
//   npm run dev -- --data-dir DIR    # another folder (made and seeded the same way when empty)
//   npm run dev -- --port 5180       # Vite's port (default 5173, the next free one if taken)
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { createServer } from 'vite';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'electron/cli/bin.mjs');
const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: path.join(root, '.clientele-dev') },
    port: { type: 'string', default: '5173' },
    customers: { type: 'string', default: '1000' },
  },
});
const dataDir = path.resolve(values['data-dir']);
// Demo data only: a fixed owner, so the folder can be signed in to after every restart.
const OWNER = process.env.CLIENTELE_DEV_USER ?? 'owner';
const PASSWORD = process.env.CLIENTELE_DEV_PASSWORD ?? 'dev-shop-password-2026';
const cliEnv = { ...process.env, CLIENTELE_PASSWORD: PASSWORD };

/** Runs one CLI command to its end; exits on failure with the CLI's own message. */
function run(args) {
  const result = spawnSync(process.execPath, [cli, ...args, '--data-dir', dataDir], { cwd: root, env: cliEnv, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (result.status !== 0) {
    console.error(`dev: clientele ${args[0]} failed (exit ${result.status})`);
    process.exit(1);
  }
  return result.stdout;
}

if (!fs.existsSync(path.join(dataDir, 'clientele.db'))) {
  console.log(`dev: creating a demo shop in ${dataDir}`);
  run(['init', '--shop', '演示五金店', '--owner', OWNER, '--json']);
  console.log(run(['seed', '--user', OWNER, '--customers', values.customers]).trim());
}

// The server prints its address (`http://127.0.0.1:PORT/#token=...`) once it listens.
const server = spawn(process.execPath, [cli, 'serve', '--data-dir', dataDir], { cwd: root, env: process.env, stdio: ['ignore', 'pipe', 'inherit'] });
// Whatever happens to this script, the server it started stops with it.
process.once('exit', () => server.exitCode === null && server.kill('SIGTERM'));
const serverUrl = await new Promise((resolve, reject) => {
  const lines = readline.createInterface({ input: server.stdout });
  lines.on('line', (line) => {
    const address = /http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+/.exec(line);
    if (address) resolve(new URL(address[0]));
  });
  server.once('exit', (code) => reject(new Error(`dev: clientele serve exited (${code}) before printing its address`)));
});
const token = new URLSearchParams(serverUrl.hash.slice(1)).get('token');

process.env.CLIENTELE_DEV_API = serverUrl.origin;
const vite = await createServer({ configFile: path.join(root, 'renderer/vite.config.ts'), server: { port: Number(values.port) } });
await vite.listen();
const devUrl = new URL(vite.resolvedUrls?.local[0] ?? `http://127.0.0.1:${values.port}/`);
devUrl.hash = `token=${token}`;
console.log(`\ndev: clientele serve ${serverUrl.origin} (data: ${dataDir})`);
console.log(`dev: open ${devUrl.href}`);
console.log(`dev: sign in as ${OWNER} / ${PASSWORD}; Ctrl+C stops both\n`);

let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  await vite.close();
  if (server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
  process.exit(code);
}
process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));
server.on('exit', (code) => {
  if (!stopping) console.error(`dev: clientele serve exited (${code})`);
  void stop(code ?? 1);
});
