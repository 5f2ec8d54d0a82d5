// Set-up and the database as a whole: init, status, check, seed, serve, rekey.
import { resolve } from 'node:path';
import { call, CliError, print, SESSION, signIn, type CliContext } from '../session.ts';
import { readSecret } from '../prompt.ts';
import type { JobName } from '../../../shared/api/jobs.ts';

export async function init(ctx: CliContext): Promise<number> {
  const { shop, owner } = ctx.options;
  if (!shop || !owner) throw new CliError('VALIDATION', 'init needs --shop NAME and --owner USER');
  const password = await readSecret('CLIENTELE_PASSWORD', `New password for ${owner} (at least 10 characters): `);
  const created = await call(ctx, 'setup.create', { shopName: shop, ownerUsername: owner, password });
  print(
    ctx,
    { recoveryKey: created.recoveryKey, dataDir: ctx.dataDir },
    `Created the encrypted database in ${ctx.dataDir}\n\nRecovery key (store it safely; it is shown only once):\n\n  ${created.recoveryKey}\n`,
  );
  return 0;
}

export async function status(ctx: CliContext): Promise<number> {
  await signIn(ctx);
  const report = await call(ctx, 'system.status', {});
  const counts = Object.entries(report.counts).map(([table, n]) => `  ${table}: ${n}`);
  const files = Object.entries(report.files).map(([file, n]) => `  ${file}: ${n} bytes`);
  print(ctx, report, [`schema version ${report.schemaVersion}, cipher ${report.cipher}`, 'rows:', ...counts, 'files:', ...files].join('\n'));
  return 0;
}

export async function check(ctx: CliContext): Promise<number> {
  await signIn(ctx);
  const report = await call(ctx, 'system.check', {});
  print(ctx, report, report.ok ? 'integrity check: ok' : `integrity check FAILED:\n${report.problems.map((p) => `  ${p}`).join('\n')}`);
  return report.ok ? 0 : 1;
}

/**
 * Prints a job's progress as the core reports it, once per whole percent; on stderr under --json,
 * so stdout stays one JSON value. Returns the unsubscribe function.
 */
function showProgress(ctx: CliContext, job: JobName): () => void {
  const out = ctx.json ? process.stderr : process.stdout;
  let shown = -1;
  return ctx.core.onEvent(SESSION, (event) => {
    if (event.type !== 'progress' || event.job !== job) return;
    const percent = event.total > 0 ? Math.floor((event.done / event.total) * 100) : 100;
    if (percent === shown) return;
    shown = percent;
    out.write(`${job}: ${percent}% (${event.done}/${event.total})\n`);
  });
}

export async function seed(ctx: CliContext): Promise<number> {
  await signIn(ctx);
  const customers = ctx.options.customers === undefined ? 0 : Number(ctx.options.customers);
  const records = ctx.options.records === undefined ? 0 : Number(ctx.options.records);
  const visits = ctx.options.visits === undefined ? 0 : Number(ctx.options.visits);
  const surveys = ctx.options.surveys === undefined ? 0 : Number(ctx.options.surveys);
  const complaints = ctx.options.complaints === undefined ? 0 : Number(ctx.options.complaints);
  const sales = ctx.options.sales === undefined ? 0 : Number(ctx.options.sales);
  if (customers === 0 && records === 0 && visits === 0 && surveys === 0 && complaints === 0 && sales === 0) throw new CliError('VALIDATION', 'seed needs --customers N, --records N, --visits N, --surveys N, --complaints N and/or --sales N');
  const seedValue = ctx.options.seed === undefined ? 1 : Number(ctx.options.seed);
  const stop = showProgress(ctx, 'seed');
  try {
    const done = await call(ctx, 'system.seed', { customers, records, visits, surveys, complaints, sales, seed: seedValue });
    const recordLine = done.records > 0 ? `; ${done.records} records in ${(done.recordsMs / 1000).toFixed(1)} s (${Math.round(done.records / Math.max(done.recordsMs / 1000, 0.001))} records/s, search index included)` : '';
    print(ctx, done, `seeded ${done.customers} customers with ${done.contacts} contacts, ${done.contracts} contracts and ${done.attachments} attachments${recordLine}${done.visits > 0 ? `; ${done.visits} visits` : ''}${done.surveys > 0 ? `; ${done.surveys} surveys` : ''}${done.complaints > 0 ? `; ${done.complaints} complaints` : ''}${done.sales > 0 ? `; ${done.sales} sales (${done.saleLines} lines)` : ''} in ${(done.ms / 1000).toFixed(1)} s`);
    return 0;
  } finally {
    stop();
  }
}

export async function serve(ctx: CliContext): Promise<number> {
  const { startWebServer } = await import('../../web/server.ts');
  const port = ctx.options.port === undefined ? 0 : Number(ctx.options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError('VALIDATION', '--port must be a number from 0 to 65535');
  // CLIENTELE_RENDERER_DIR lets a developer (or a parallel test run) serve another build of the renderer.
  const staticDir = process.env.CLIENTELE_RENDERER_DIR ?? resolve(import.meta.dirname, '../../../build/out/renderer');
  const server = await startWebServer({ core: ctx.core, staticDir, port });
  print(ctx, { url: server.url }, `Clientele browser mode (data: ${ctx.dataDir})\nOpen: ${server.url}\nPress Ctrl+C to stop.`);
  await new Promise<void>((stop) => {
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  // The automatic backup on exit first, while the signed-in sessions keep the database open:
  // closing the web server ends its sessions, and the last one to end closes the database.
  await ctx.core.shutdown();
  await server.close();
  return 0;
}

/** A new database key, every remaining key slot resealed to it; progress as the core reports it. */
export async function rekey(ctx: CliContext): Promise<number> {
  await signIn(ctx);
  const stop = showProgress(ctx, 'rekey');
  try {
    const done = await call(ctx, 'system.rekey', {});
    print(ctx, done, `re-keyed the database in ${(done.ms / 1000).toFixed(1)} s; every remaining user's key slot holds the new key, and other sessions were signed out`);
    return 0;
  } finally {
    stop();
  }
}
