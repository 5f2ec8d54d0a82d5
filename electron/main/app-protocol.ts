// The app is served from `app://clientele/`, never from file:// (every file:// page shares one
// origin) nor from a remote URL. Same headers and path checks as browser mode (electron/web).
import fs from 'node:fs';
import { protocol } from 'electron';
import { SECURITY_HEADERS, contentTypeFor, resolveStaticPath } from '../web/security.ts';

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

export function serveAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
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
