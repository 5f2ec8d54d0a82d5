// Files through the command line's door: the CLI passes the core a path (the core checks it and
// reads it itself, under the same limits and permissions as every door), and saves what the core
// gives out to a path, a chunk at a time.
import { randomBytes } from 'node:crypto';
import { existsSync, unlinkSync } from 'node:fs';
import { link, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Download, FilePurpose, Upload } from '../../shared/api/files.ts';
import { AppFailure } from '../../shared/errors.ts';
import { fileSystemFailure } from '../core/fs-failure.ts';
import { CliError, SESSION, type CliContext } from './session.ts';

/** Stages the file at `path` for `purpose`; the answer names it in the next call ({ upload: id }). */
export async function stagePath(ctx: CliContext, purpose: FilePurpose, path: string): Promise<Upload> {
  // Made absolute here only; links, folders, devices, sizes and permissions are the core's to judge.
  const result = await ctx.core.upload(SESSION, purpose, { path: resolve(path) });
  if (!result.ok) throw new CliError(result.error.code, result.error.message, result.error.details);
  return result.value;
}

/** Refuses an existing `--out` file unless `--force`, before any work is done. */
export function checkOut(out: string, force: boolean): string {
  const file = resolve(out);
  if (!force && existsSync(file)) throw new CliError('CONFLICT', `${file} already exists; pass --force to overwrite it`);
  return file;
}

/**
 * Writes a download to `file`. The bytes go to a temporary file beside it, which becomes `file`
 * only once every byte arrived and is on disk: a failed transfer (a damaged blob, a full disk) or
 * Ctrl-C leaves no half-made file. Without `force` an existing file is never replaced, even one
 * that appeared during the transfer (link() refuses where rename() would overwrite).
 */
export async function saveDownload(ctx: CliContext, download: Download, file: string, force: boolean): Promise<void> {
  const result = await ctx.core.download(SESSION, download.download);
  if (!result.ok) throw new CliError(result.error.code, result.error.message, result.error.details);
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.part`);
  const cleanUp = () => {
    try {
      unlinkSync(temp);
    } catch {
      // never made, or already gone
    }
  };
  // Interrupted by the user: no finally block runs on a signal, so remove the partial file here.
  const onSignal = (signal: NodeJS.Signals) => {
    cleanUp();
    ctx.core.close();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let handle;
  try {
    try {
      handle = await open(temp, 'wx', 0o600);
    } catch (error) {
      throw new CliError('IO', `cannot write ${file}: ${fileSystemFailure(error)?.message ?? (error as Error).message}`);
    }
    for await (const chunk of result.value.chunks) {
      for (let at = 0; at < chunk.byteLength; ) at += (await handle.write(chunk, at)).bytesWritten;
    }
    await handle.sync();
    await handle.close();
    handle = undefined;
    if (force) {
      await rename(temp, file);
    } else {
      let linked = false;
      try {
        await link(temp, file);
        linked = true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST' || existsSync(file)) throw new CliError('CONFLICT', `${file} already exists; pass --force to overwrite it`);
      }
      // Without hard links (a FAT-formatted USB stick) the check just above has to do.
      if (linked) await unlink(temp);
      else await rename(temp, file);
    }
  } catch (error) {
    await handle?.close().catch(() => undefined);
    cleanUp();
    if (error instanceof CliError) throw error;
    // The core's own failures (a damaged blob: CORRUPT) keep their code; the disk's are said as IO.
    if (error instanceof AppFailure) throw new CliError(error.code, error.message, error.details);
    throw new CliError('IO', `cannot write ${file}: ${fileSystemFailure(error)?.message ?? (error as Error).message}`);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
