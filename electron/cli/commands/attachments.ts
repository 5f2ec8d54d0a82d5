// `clientele attachments ...`: files kept with customers and contracts, from the command line. A
// file goes in as a path through the core's file channel (checked and read by the core, under the
// shop's limit, exactly as the Electron app's), then `attachments.add`; a saved copy is written
// straight into the file the user named and nowhere else (no temporary copy beside it: decrypted
// bytes exist only where the user chose), and removed again if the transfer fails.
import { open, unlink } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Attachment, AttachmentOwner, DamagedAttachment } from '../../../shared/api/attachments.ts';
import { contractNumberKey } from '../../../shared/api/contracts.ts';
import { AppFailure } from '../../../shared/errors.ts';
import { fileSystemFailure } from '../../core/fs-failure.ts';
import { stagePath } from '../files.ts';
import { call, CliError, print, SESSION, signIn, type CliContext } from '../session.ts';

/** What the CLI says about an attachment. */
function facts(attachment: Attachment) {
  const { id, owner, name, description, size, type, sha256, createdAt, createdByName } = attachment;
  return { id, owner, name, description, size, type, sha256, createdAt, createdByName };
}

/** `contract:NUMBER` or `customer:CODE` → the owner, found through the methods the app uses (so scope applies). */
async function ownerNamed(ctx: CliContext, to: string | undefined): Promise<AttachmentOwner & { label: string }> {
  const match = /^(contract|customer):(.+)$/.exec(to ?? '');
  if (!match) throw new CliError('VALIDATION', 'attachments add needs --to contract:NUMBER or --to customer:CODE');
  const [, kind, wanted] = match as unknown as [string, 'contract' | 'customer', string]; // both groups matched
  if (kind === 'contract') {
    const key = contractNumberKey(wanted);
    const { rows } = await call(ctx, 'contracts.list', { q: wanted.trim(), sort: 'number', limit: 100 });
    const contract = rows.find((row) => contractNumberKey(row.number) === key);
    if (!contract) throw new CliError('NOT_FOUND', `no contract numbered ${wanted} (or not one you may see)`, { reason: 'owner' });
    return { kind, id: contract.id, label: `contract ${contract.number} (${contract.customerName})` };
  }
  const code = wanted.trim().toUpperCase();
  const { rows } = await call(ctx, 'customers.list', { q: wanted.trim(), limit: 100 });
  const customer = rows.find((row) => row.code.toUpperCase() === code);
  if (!customer) throw new CliError('NOT_FOUND', `no customer with the code ${wanted} (or not one you may see)`, { reason: 'owner' });
  return { kind, id: customer.id, label: `customer ${customer.code} (${customer.name})` };
}

/**
 * `attachments add --to OWNER FILE...`: each file staged from its path and kept with the owner. A
 * file that is refused (too large, empty, unreadable) is named with its reason and the others are
 * still added; the exit code is 1 when any was refused.
 */
async function add(ctx: CliContext): Promise<number> {
  if (ctx.args.length === 0) throw new CliError('VALIDATION', 'attachments add needs at least one FILE: clientele attachments add --to customer:CODE FILE...');
  const owner = await ownerNamed(ctx, ctx.options.to);
  const added: ReturnType<typeof facts>[] = [];
  const refused: { file: string; error: { code: string; message: string; details?: unknown } }[] = [];
  for (const file of ctx.args) {
    try {
      const upload = await stagePath(ctx, 'attachment', file);
      added.push(facts(await call(ctx, 'attachments.add', { owner: { kind: owner.kind, id: owner.id }, file: { upload: upload.upload } })));
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      refused.push({ file: resolve(file), error: error.details === undefined ? { code: error.code, message: error.message } : { code: error.code, message: error.message, details: error.details } });
      if (!ctx.json) process.stderr.write(`clientele attachments add: ${resolve(file)}: ${error.code}: ${error.message}\n`);
    }
  }
  const lines = added.map((a) => `added #${a.id} ${a.name} (${a.type}, ${a.size} bytes, sha256 ${a.sha256}) to ${owner.label}`);
  print(ctx, { owner: { kind: owner.kind, id: owner.id }, added, refused }, lines.join('\n') || `nothing added to ${owner.label}`);
  return refused.length > 0 ? 1 : 0;
}

/** Exit codes of a signal, as the shell reports them. */
const SIGNAL_EXIT: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };

/**
 * `attachments get ID --out FILE [--force]`: a copy (the export right, audited) written into FILE
 * itself, created new unless --force. If the transfer fails (a damaged file: CORRUPT; a full disk;
 * Ctrl-C) FILE is removed, so no partial or damaged copy is left.
 */
async function get(ctx: CliContext): Promise<number> {
  const id = Number(ctx.args[0]);
  if (!Number.isInteger(id) || id <= 0) throw new CliError('VALIDATION', 'attachments get needs the attachment\'s id: clientele attachments get ID --out FILE');
  if (!ctx.options.out) throw new CliError('VALIDATION', 'attachments get needs --out FILE (where the copy goes)');
  const file = resolve(ctx.options.out);
  const force = ctx.options.force ?? false;
  let handle;
  try {
    handle = await open(file, force ? 'w' : 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new CliError('CONFLICT', `${file} already exists; pass --force to overwrite it`);
    throw new CliError('IO', `cannot write ${file}: ${fileSystemFailure(error)?.message ?? (error as Error).message}`);
  }
  const written = handle;
  let removed = false;
  const remove = async () => {
    if (removed) return;
    removed = true;
    await written.close().catch(() => undefined);
    await unlink(file).catch(() => undefined);
  };
  // Interrupted: no finally runs on a signal, so the partial file is removed here.
  const onSignal = (signal: NodeJS.Signals) => {
    void remove().finally(() => {
      ctx.core.close();
      process.exit(SIGNAL_EXIT[signal] ?? 1);
    });
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const download = await call(ctx, 'attachments.saveCopy', { id });
    const result = await ctx.core.download(SESSION, download.download);
    if (!result.ok) throw new CliError(result.error.code, result.error.message, result.error.details);
    let size = 0;
    for await (const chunk of result.value.chunks) {
      for (let at = 0; at < chunk.byteLength; ) at += (await written.write(chunk, at)).bytesWritten;
      size += chunk.byteLength;
    }
    await written.sync();
    await written.close();
    print(ctx, { id, name: download.name, type: download.type, size, sha256: download.sha256, file }, `wrote ${download.name} (${download.type}, ${size} bytes, sha256 ${download.sha256}) to ${file}`);
    return 0;
  } catch (error) {
    await remove();
    if (error instanceof CliError) throw error;
    // The core's own failures (a damaged file: CORRUPT, naming it) keep their code; the disk's are said as IO.
    if (error instanceof AppFailure) throw new CliError(error.code, `${error.message}; ${file} was removed`, error.details);
    throw new CliError('IO', `cannot write ${file}: ${fileSystemFailure(error)?.message ?? (error as Error).message}`);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function damagedLine(file: DamagedAttachment): string {
  return `#${file.id} ${file.name} (${file.owner.kind} ${file.owner.id}, ${file.customerName || 'no customer'})`;
}

/** `attachments verify`: every stored file re-hashed; each damaged one named; exit 1 if any. */
async function verify(ctx: CliContext): Promise<number> {
  const verdict = await call(ctx, 'attachments.verify', {});
  if (verdict.damaged.length === 0) {
    print(ctx, verdict, `attachments intact: ${verdict.checked} files checked`);
    return 0;
  }
  const message = `${verdict.damaged.length} of ${verdict.checked} attached files are damaged: ${verdict.damaged.map(damagedLine).join('; ')}`;
  if (ctx.json) print(ctx, { ...verdict, message }, message);
  else process.stderr.write(`clientele attachments verify: ${message}\n`);
  return 1;
}

const SUBCOMMANDS: Record<string, (ctx: CliContext) => Promise<number>> = { add, get, verify };

export async function attachments(ctx: CliContext, sub: string | undefined): Promise<number> {
  const run = sub !== undefined && Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
  if (!run) throw new CliError('VALIDATION', `attachments needs one of: ${Object.keys(SUBCOMMANDS).join(', ')}`);
  await signIn(ctx);
  return run(ctx);
}
