// Where a file's bytes come from when a door hands one to the core. Browser mode streams them
// (chunks of the HTTP body); the Electron app and the CLI name a path the user chose, and the core
// reads it itself, after checking what it is: a regular file (no symlink, device, pipe or folder),
// no larger than the purpose allows. Neither holds the whole file.
import { constants } from 'node:fs';
import { lstat, open } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { AppFailure } from '../../../shared/errors.ts';
import { fileSystemFailure } from '../fs-failure.ts';
import { cleanFileName } from './file-names.ts';

/**
 * A file on its way in: its name (for the user's eyes only) and its bytes as a stream of chunks,
 * each valid only until the next one is asked for (the door may reuse its memory).
 */
export type FileSource = {
  name: string;
  /** What the door was told (Content-Length, the file's size), checked against the limit before any byte is read. */
  declaredSize: number | null;
  chunks: AsyncIterable<Uint8Array>;
  /** Lets go of what the source holds open (a file handle), whether or not the chunks were read. */
  close(): Promise<void>;
};

/** What a door passes to the core: a stream of bytes, or the path of a file the user chose. */
export type IncomingFile = { name: string; declaredSize: number | null; chunks: AsyncIterable<Uint8Array> } | { path: string; name?: string };

/** A file on its way out of the core. */
export type OutgoingFile = { name: string; type: string; size: number; chunks: AsyncIterable<Uint8Array> };

const READ_BYTES = 256 * 1024;

function refusedPath(path: string, why: string, reason: 'path' | 'link' | 'notFile' | 'changed'): AppFailure {
  return new AppFailure('VALIDATION', `${path}: ${why}`, { reason, path });
}

/**
 * Opens a path for reading after checking it: absolute, a regular file and not a link to one (a
 * link could lead anywhere), a device or a pipe (reading could block or never end), within
 * `maxBytes`. The file is opened without following links and checked again through the open
 * handle, so it cannot be swapped between the check and the read.
 */
export async function openPathSource(path: string, maxBytes: number, name?: string): Promise<FileSource> {
  if (!isAbsolute(path) || path.includes('\0')) throw refusedPath(path, 'not an absolute path', 'path');
  let handle;
  try {
    const seen = await lstat(path);
    if (seen.isSymbolicLink()) throw refusedPath(path, 'a symbolic link; choose the file itself', 'link');
    if (!seen.isFile()) throw refusedPath(path, 'not a regular file (a folder, device or pipe)', 'notFile');
    if (seen.size > maxBytes) throw new AppFailure('TOO_LARGE', `${path}: the file is larger than ${maxBytes} bytes`, { limit: maxBytes, size: seen.size });
    handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    const opened = await handle.stat();
    if (!opened.isFile() || opened.ino !== seen.ino || opened.dev !== seen.dev) throw refusedPath(path, 'the file changed while it was being opened', 'changed');
  } catch (error) {
    await handle?.close();
    if (error instanceof AppFailure) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw refusedPath(path, 'a symbolic link; choose the file itself', 'link');
    throw fileSystemFailure(error) ?? error;
  }
  const file = handle;
  const size = (await file.stat()).size;
  let closed: Promise<void> | null = null;
  const close = () => (closed ??= file.close());
  async function* chunks(): AsyncGenerator<Uint8Array> {
    // One buffer for every read, as for a stream through the door (files/port-stream.ts): each
    // chunk is valid until the next is asked for, and the blob store copies what it keeps. A fresh
    // buffer per read would leave the whole file behind as garbage for the collector.
    const buffer = Buffer.allocUnsafe(READ_BYTES);
    try {
      for (;;) {
        const { bytesRead } = await file.read(buffer, 0, READ_BYTES, null);
        if (bytesRead === 0) return;
        yield buffer.subarray(0, bytesRead);
      }
    } finally {
      await close();
    }
  }
  return { name: cleanFileName(name ?? path), declaredSize: size, chunks: chunks(), close };
}

/** The source for what a door passed in. */
export async function sourceOf(file: IncomingFile, maxBytes: number): Promise<FileSource> {
  if ('path' in file) return openPathSource(file.path, maxBytes, file.name);
  if (file.declaredSize !== null && file.declaredSize > maxBytes) {
    throw new AppFailure('TOO_LARGE', `the file is larger than ${maxBytes} bytes`, { limit: maxBytes, size: file.declaredSize });
  }
  return { name: cleanFileName(file.name), declaredSize: file.declaredSize, chunks: file.chunks, close: async () => undefined };
}
