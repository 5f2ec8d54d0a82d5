// Browser mode's file doors, under the same rules as /api/invoke (token, session cookie, Host and
// Origin: checked by server.ts before these run). The bytes stream both ways: an upload's body
// goes to the core a chunk at a time (the core pulls; the socket is paused meanwhile), and a
// download is written as the core reads it, waiting for the socket to drain. Nothing here holds a
// whole file.
import type http from 'node:http';
import type { Core } from '../core/core-types.ts';
import type { OutgoingFile } from '../core/files/sources.ts';
import { AppFailure, fail, type Result } from '../../shared/errors.ts';
import { SECURITY_HEADERS } from './security.ts';
import { garbageCounter } from '../core/files/collect.ts';

/**
 * Types a browser may show inline (the logo, an attachment's preview); anything else is sent as
 * application/octet-stream to be saved. The type is the core's, sniffed from the content.
 */
const INLINE_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf']);

/**
 * For a file's own response: nothing in it may run or load anything (an SVG or HTML that got
 * through as an image would still be inert), and no page may frame it.
 */
export const DOWNLOAD_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'none'";

export type FileRouteContext = {
  core: Core;
  sessionKey: string;
  /** Headers the server adds to every answer here (a Set-Cookie for a new browser session). */
  extraHeaders: Record<string, string>;
  sendResult(res: http.ServerResponse, status: number, result: Result<unknown>, extra?: Record<string, string>): void;
};

/** The body's chunks; a connection that breaks mid-way ends them with IO 'interrupted'. */
async function* bodyOf(req: http.IncomingMessage): AsyncGenerator<Uint8Array> {
  // Not destroyed when the core stops reading early (too large, refused): the answer must still go out.
  const iterator = req.iterator({ destroyOnReturn: false });
  const moved = garbageCounter();
  try {
    for await (const chunk of iterator) {
      yield chunk as Buffer;
      moved((chunk as Buffer).length);
    }
  } catch (error) {
    throw new AppFailure('IO', `the upload stopped before its end (${(error as Error).message})`, { reason: 'interrupted' });
  }
}

/** POST /api/upload?purpose=logo&name=<file name>: the raw body is the file. */
export async function handleUpload(ctx: FileRouteContext, req: http.IncomingMessage, res: http.ServerResponse, query: URLSearchParams): Promise<void> {
  const header = req.headers['content-length'];
  const declared = header === undefined ? null : Number(header);
  if (declared !== null && (!Number.isSafeInteger(declared) || declared < 0)) {
    ctx.sendResult(res, 400, fail('VALIDATION', 'web: Content-Length is not a size'), ctx.extraHeaders);
    return;
  }
  const purpose = query.get('purpose') ?? '';
  const name = (query.get('name') ?? '').slice(0, 1000) || 'file';
  const result = await ctx.core.upload(ctx.sessionKey, purpose, { name, declaredSize: declared, chunks: bodyOf(req) });
  if (res.destroyed) return;
  if (!req.complete) {
    // Refused before the end of the body (too large, not allowed): drop the rest as it comes, so
    // the browser reads this answer instead of a reset connection, then close the connection.
    req.resume();
    ctx.sendResult(res, result.ok ? 200 : statusOf(result), result, { ...ctx.extraHeaders, Connection: 'close' });
    return;
  }
  ctx.sendResult(res, 200, result, ctx.extraHeaders);
}

function statusOf(result: Result<unknown>): number {
  if (result.ok) return 200;
  switch (result.error.code) {
    case 'TOO_LARGE':
      return 413;
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
    case 'PASSWORD_CHANGE_REQUIRED':
      return 403;
    case 'NOT_FOUND':
      return 404;
    default:
      return 400;
  }
}

/** `filename*` for any name, with an ASCII fallback for old clients. */
function contentDisposition(inline: boolean, name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** A download's response headers, for both doors (browser mode and the app's own protocol). */
export function downloadHeaders(file: Omit<OutgoingFile, 'chunks'>): Record<string, string> {
  const inline = INLINE_TYPES.has(file.type);
  return {
    ...SECURITY_HEADERS,
    'Content-Security-Policy': DOWNLOAD_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Content-Type': inline ? file.type : 'application/octet-stream',
    'Content-Disposition': contentDisposition(inline, file.name),
    'Content-Length': String(file.size),
    // The id names these bytes for good (content-addressed), for this session only.
    'Cache-Control': 'private, max-age=3600',
  };
}

/** GET /api/download/<id>: a file a method gave this browser's session, streamed. */
export async function handleDownload(ctx: FileRouteContext, res: http.ServerResponse, id: string): Promise<void> {
  const result = await ctx.core.download(ctx.sessionKey, id);
  if (!result.ok) {
    ctx.sendResult(res, statusOf(result), result, ctx.extraHeaders);
    return;
  }
  const file = result.value;
  res.writeHead(200, { ...downloadHeaders(file), ...ctx.extraHeaders });
  const closed = new Promise<void>((resolve) => res.once('close', resolve));
  try {
    for await (const chunk of file.chunks) {
      if (res.destroyed) break; // the browser went away: stop reading (the core's stream is closed)
      // Each chunk may be a view of memory the next one reuses (files/port-stream.ts): the next is
      // asked for only once this one has been handed to the socket.
      await Promise.race([new Promise<void>((resolve) => res.write(chunk, () => resolve())), closed]);
    }
    res.end();
  } catch (error) {
    // Damaged bytes (CORRUPT) or a failed read after the headers went out: cut the response short,
    // so the browser sees a failed transfer, never a complete-looking file.
    console.error(`web: download ${id} stopped`, error instanceof Error ? error.message : error);
    res.destroy();
  }
}
