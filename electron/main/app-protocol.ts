// The app is served from `app://clientele/`, never from file:// (every file:// page shares one
// origin) nor from a remote URL. Same headers and path checks as browser mode (electron/web).
import fs from 'node:fs';
import { protocol } from 'electron';
import { SECURITY_HEADERS, contentTypeFor, resolveStaticPath } from '../web/security.ts';
import { downloadHeaders } from '../web/file-routes.ts';
import type { OutgoingFile } from '../core/files/sources.ts';
import type { Result } from '../../shared/errors.ts';

export const APP_SCHEME = 'app';
export const APP_HOST = 'clientele';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** Must run before `app` is ready: standard + secure gives the scheme a real origin and a secure context. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** The same headers as browser mode's download door (electron/web/file-routes.ts), streamed as the core reads. */
async function downloadResponse(download: (id: string) => Promise<Result<OutgoingFile>>, id: string): Promise<Response> {
  const result = await download(id);
  if (!result.ok) return notFound();
  const file = result.value;
  const iterator = file.chunks[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await iterator.next();
        if (next.done) controller.close();
        else controller.enqueue(new Uint8Array(next.value)); // a copy: the chunk's memory is reused for the next one
      } catch (error) {
        controller.error(error); // damaged bytes: the transfer fails, never a complete-looking file
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(body as ReadableStream<Uint8Array<ArrayBuffer>>, { status: 200, headers: downloadHeaders(file) }); // chunks are copied into plain ArrayBuffers above
}

export function serveAppProtocol(rendererDir: string, download: (id: string) => Promise<Result<OutgoingFile>>): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host === APP_HOST && request.method === 'GET' && url.pathname.startsWith('/api/download/')) {
      return downloadResponse(download, url.pathname.slice('/api/download/'.length));
    }
    if (url.host !== APP_HOST || (request.method !== 'GET' && request.method !== 'HEAD')) return notFound();
    const file = resolveStaticPath(rendererDir, url.pathname);
    if (!file) return notFound();
    let data: Buffer;
    try {
      // Read whole: the renderer's files are small, and readFile works inside asar archives.
      data = await fs.promises.readFile(file);
    } catch {
      return notFound();
    }
    const headers = { ...SECURITY_HEADERS, 'Content-Type': contentTypeFor(file), 'Cache-Control': 'no-cache' };
    const body = request.method === 'HEAD' ? null : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    return new Response(body as Uint8Array<ArrayBuffer> | null, { status: 200, headers }); // readFile never returns a SharedArrayBuffer
  });
}
