// Browser mode: the same contract as the Electron IPC door, over loopback HTTP. Anyone on this PC
// can reach 127.0.0.1, and any web page the user opens can try to, so every request must carry the
// per-launch token, and foreign Host (DNS rebinding) and Origin (cross-site) headers are refused.
//
// The token opens the door, not a session: the printed address gets anyone who has it as far as
// the sign-in screen. Each browser gets its own session id in an HttpOnly, SameSite=Strict cookie,
// and the core's session key is `web:<that id>`; a successful sign-in always moves the browser to
// a fresh id (an id planted beforehand is worth nothing), and signing out ends that browser's
// session only. Tools keep the cookie like a browser does (curl -c/-b), or sign in on each call.
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Core, CoreEvent } from '../core/core-types.ts';
import { fail, type Result } from '../../shared/errors.ts';
import { SECURITY_HEADERS, contentTypeFor, isInside, resolveStaticPath, safeEqual } from './security.ts';
import { handleDownload, handleUpload } from './file-routes.ts';

export const MAX_BODY_BYTES = 10 * 1024 * 1024;
/** Comment lines keep idle event streams from being dropped and reveal dead ones. */
const HEARTBEAT_MS = 25_000;
/** Browser sessions remembered at once; past that the least recently used one is ended. */
export const MAX_BROWSER_SESSIONS = 1000;
/** The methods that start a session: on success the browser gets a fresh session id. */
const SESSION_STARTERS: ReadonlySet<string> = new Set(['auth.signIn', 'auth.recover', 'setup.create']);

export type WebServerOptions = {
  core: Core;
  /** The built renderer (`build/out/renderer`). */
  staticDir: string;
  /** 0 or absent: any free port. */
  port?: number;
  /** Only loopback is accepted; the option exists so callers say it explicitly. */
  host?: string;
  /** A fixed token (tests); by default a random one per launch. */
  token?: string;
};

export type WebServer = {
  /** `http://127.0.0.1:PORT/#token=...`: what the user opens. */
  url: string;
  port: number;
  token: string;
  /** The name of the session cookie (per port: browsers share cookies between ports of one host). */
  cookieName: string;
  /** Stops listening, ends event streams and forgets this door's sessions. Does not close the core. */
  close(): Promise<void>;
};

type Query = URLSearchParams;

function send(res: http.ServerResponse, status: number, body: string, headers: Record<string, string>): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, { ...SECURITY_HEADERS, 'Cache-Control': 'no-store', ...headers, 'Content-Length': String(Buffer.byteLength(body)) });
  res.end(body);
}

function sendResult(res: http.ServerResponse, status: number, result: Result<unknown>, extra: Record<string, string> = {}): void {
  send(res, status, JSON.stringify(result), { 'Content-Type': 'application/json; charset=utf-8', ...extra });
}

function sendText(res: http.ServerResponse, status: number, text: string): void {
  send(res, status, text, { 'Content-Type': 'text/plain; charset=utf-8' });
}

/** Reads at most `limit` bytes; past that it stops keeping chunks and reports 'too-large'. */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      resolve('too-large');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return; // drained and dropped, so the client can still read our 413
      size += chunk.length;
      if (size > limit) {
        done = true;
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

/** The value of one cookie in a Cookie header, or null. */
export function presentedCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at !== -1 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return null;
}

function parseInvocation(body: Buffer): { method: string; input: unknown } | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const { method, input } = parsed as { method?: unknown; input?: unknown }; // shape checked just below
  if (typeof method !== 'string' || method.length === 0 || method.length > 200) return null;
  // A missing input means "no arguments"; the core's schema decides whether that is enough.
  return { method, input: input === undefined ? {} : input };
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const { core, staticDir } = options;
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') throw new Error(`startWebServer: browser mode binds 127.0.0.1 only, not ${host}`);
  const token = options.token ?? randomBytes(32).toString('base64url');
  if (token.length < 16) throw new Error('startWebServer: the token must have at least 16 characters');

  let allowedHosts = new Set<string>();
  let allowedOrigins = new Set<string>();
  let cookieName = 'clientele-session';
  const streams = new Set<http.ServerResponse>();
  /** Session ids this server gave out, least recently used first. Only these are accepted. */
  const browserSessions = new Set<string>();

  function remember(id: string): void {
    browserSessions.delete(id);
    browserSessions.add(id);
    for (const oldest of browserSessions) {
      if (browserSessions.size <= MAX_BROWSER_SESSIONS) break;
      browserSessions.delete(oldest);
      core.endSession(`web:${oldest}`);
    }
  }

  function sessionCookie(id: string): string {
    return `${cookieName}=${id}; HttpOnly; SameSite=Strict; Path=/`;
  }

  /** This browser's session id (from its cookie), or a new one with the Set-Cookie header that gives it. */
  function browserSession(req: http.IncomingMessage): { id: string; setCookie: string | null } {
    const presented = presentedCookie(req.headers.cookie, cookieName);
    if (presented !== null && browserSessions.has(presented)) {
      remember(presented);
      return { id: presented, setCookie: null };
    }
    const id = randomBytes(32).toString('base64url');
    remember(id);
    return { id, setCookie: sessionCookie(id) };
  }

  function authorised(req: http.IncomingMessage, query: Query | null): boolean {
    const header = req.headers.authorization;
    let presented: string | null = null;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      presented = match?.[1] ?? null;
    } else if (query) {
      presented = query.get('token');
    }
    return presented !== null && safeEqual(presented, token);
  }

  async function handleInvoke(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readBody(req, MAX_BODY_BYTES);
    if (body === 'too-large') {
      sendResult(res, 413, fail('TOO_LARGE', `web: the request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB`, { limit: MAX_BODY_BYTES }), {
        Connection: 'close',
      });
      return;
    }
    const call = parseInvocation(body);
    if (!call) {
      sendResult(res, 400, fail('VALIDATION', 'web: the body must be JSON {"method": "area.verb", "input": {...}}'));
      return;
    }
    const browser = browserSession(req);
    // A sign-in runs under a fresh id, which the browser gets only if it succeeds; its old
    // session ends then. Requests still under the old id (sent before the answer) stay signed out.
    const starting = SESSION_STARTERS.has(call.method) ? randomBytes(32).toString('base64url') : null;
    const sessionId = starting ?? browser.id;
    let result: Result<unknown>;
    try {
      result = await core.invoke(`web:${sessionId}`, call.method, call.input);
    } catch (cause) {
      // The core answers with values; a throw is a bug, and its message may hold internals.
      console.error(`web: ${call.method} threw`, cause);
      if (starting) core.endSession(`web:${starting}`);
      sendResult(res, 500, fail('INTERNAL', `${call.method}: internal error`));
      return;
    }
    let setCookie = browser.setCookie;
    if (starting && result.ok) {
      core.endSession(`web:${browser.id}`);
      remember(starting);
      setCookie = sessionCookie(starting);
    } else if (starting) {
      core.endSession(`web:${starting}`);
    }
    if (res.destroyed) return;
    sendResult(res, 200, result, setCookie ? { 'Set-Cookie': setCookie } : {});
  }

  function handleEvents(req: http.IncomingMessage, res: http.ServerResponse): void {
    const browser = browserSession(req);
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      ...(browser.setCookie ? { 'Set-Cookie': browser.setCookie } : {}),
    });
    res.write('retry: 2000\n\n');
    streams.add(res);
    // Named events (`event: progress`), so the renderer can addEventListener per type.
    const unsubscribe = core.onEvent(`web:${browser.id}`, (event: CoreEvent) => {
      res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    const stop = (): void => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(res);
    };
    req.on('close', stop);
    res.on('close', stop);
  }

  async function handleStatic(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): Promise<void> {
    const resolved = resolveStaticPath(staticDir, pathname);
    if (!resolved) {
      sendText(res, 404, 'Not found');
      return;
    }
    let realRoot: string;
    try {
      realRoot = await fs.promises.realpath(staticDir);
    } catch {
      sendText(res, 503, 'The renderer is not built: run `npm run build:renderer`.');
      return;
    }
    let filePath: string;
    let stat: fs.Stats;
    try {
      // realpath follows symlinks, so a link inside the build cannot point outside it.
      filePath = await fs.promises.realpath(resolved);
      stat = await fs.promises.stat(filePath);
      if (stat.isDirectory()) {
        filePath = await fs.promises.realpath(`${filePath}/index.html`);
        stat = await fs.promises.stat(filePath);
      }
    } catch {
      sendText(res, 404, 'Not found');
      return;
    }
    if (!isInside(realRoot, filePath) || !stat.isFile()) {
      sendText(res, 404, 'Not found');
      return;
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': contentTypeFor(filePath),
      'Content-Length': String(stat.size),
      // Loopback is cheap; never serve a stale renderer after a rebuild.
      'Cache-Control': 'no-cache',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = fs.createReadStream(filePath);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const origin = req.headers.origin;
    if (!allowedHosts.has(req.headers.host ?? '') || (origin !== undefined && !allowedOrigins.has(origin))) {
      sendResult(res, 403, fail('FORBIDDEN', 'web: foreign Host or Origin'));
      return;
    }
    // Parsed by hand: `new URL('//x/y', base)` would treat the path as a host.
    const rawUrl = req.url ?? '/';
    const queryAt = rawUrl.indexOf('?');
    const pathname = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
    const query = new URLSearchParams(queryAt === -1 ? '' : rawUrl.slice(queryAt + 1));
    if (!pathname.startsWith('/')) {
      sendText(res, 400, 'Bad request');
      return;
    }

    if (pathname === '/api/invoke') {
      if (req.method !== 'POST') {
        sendResult(res, 405, fail('VALIDATION', 'web: /api/invoke takes POST'), { Allow: 'POST' });
        return;
      }
      if (!authorised(req, null)) {
        // details.reason tells the page to explain where the address comes from, not to offer sign-in.
        sendResult(res, 401, fail('UNAUTHENTICATED', 'web: missing or wrong token', { reason: 'token' }));
        return;
      }
      await handleInvoke(req, res);
      return;
    }
    if (pathname === '/api/events') {
      if (req.method !== 'GET') {
        sendResult(res, 405, fail('VALIDATION', 'web: /api/events takes GET'), { Allow: 'GET' });
        return;
      }
      // EventSource cannot set headers, hence the query-string token here (and only here).
      if (!authorised(req, query)) {
        sendResult(res, 401, fail('UNAUTHENTICATED', 'web: missing or wrong token', { reason: 'token' }));
        return;
      }
      handleEvents(req, res);
      return;
    }
    if (pathname === '/api/upload' || pathname.startsWith('/api/download/')) {
      const upload = pathname === '/api/upload';
      if (req.method !== (upload ? 'POST' : 'GET')) {
        sendResult(res, 405, fail('VALIDATION', `web: ${upload ? '/api/upload takes POST' : '/api/download takes GET'}`), { Allow: upload ? 'POST' : 'GET' });
        return;
      }
      // A download may be an <img> source, which cannot send a header: the token may come in the query, as for events.
      if (!authorised(req, upload ? null : query)) {
        sendResult(res, 401, fail('UNAUTHENTICATED', 'web: missing or wrong token', { reason: 'token' }));
        return;
      }
      const browser = browserSession(req);
      const extraHeaders: Record<string, string> = browser.setCookie ? { 'Set-Cookie': browser.setCookie } : {};
      const files = { core, sessionKey: `web:${browser.id}`, extraHeaders, sendResult };
      if (upload) await handleUpload(files, req, res, query);
      else await handleDownload(files, res, pathname.slice('/api/download/'.length));
      return;
    }
    if (pathname.startsWith('/api/')) {
      sendResult(res, 404, fail('NOT_FOUND', `web: no such endpoint ${pathname}`));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'Method not allowed', { 'Content-Type': 'text/plain; charset=utf-8', Allow: 'GET, HEAD' });
      return;
    }
    await handleStatic(req, res, pathname);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((cause: unknown) => {
      console.error('web: request failed', cause);
      if (!res.headersSent) sendResult(res, 500, fail('INTERNAL', 'web: internal error'));
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port; // listening on TCP, so the address is an AddressInfo
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  allowedOrigins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  cookieName = `clientele-session-${port}`;

  let closing: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    cookieName,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const stream of streams) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
        for (const id of browserSessions) core.endSession(`web:${id}`);
        browserSessions.clear();
      });
      return closing;
    },
  };
}
