// Browser mode's file doors under the same rules as /api/invoke, on a real core: POST /api/upload
// and GET /api/download/<id> refuse a missing or wrong token, a foreign Origin or Host, a browser
// that is not signed in, and another browser's download, each with its status code and without
// a byte of the file; what they serve cannot run in the page (sandboxing CSP, nosniff, attachment).
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core-types.ts';
import { DOWNLOAD_CSP } from '../../electron/web/file-routes.ts';
import { startWebServer, type WebServer } from '../../electron/web/server.ts';
import type { Download, Upload } from '../../shared/api/files.ts';
import type { Result } from '../../shared/errors.ts';
import { makeHarness, OWNER_PASSWORD, shopWithRoles, USER_PASSWORD, type Harness } from './harness.ts';

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

const TOKEN = 'file-doors-token-0123456789abcdef';
/** Markers that must never appear in a refusal's body. */
const HTML = Buffer.from('<!doctype html><html><body><script>parent.secret = "HTML-SECRET-4711"</script></body></html>');
const SVG = Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(\'SVG-SECRET-0815\')"><script>fetch("/api/invoke")</script></svg>');

describe('browser-mode file doors', () => {
  let h: Harness;
  let server: WebServer;
  let staticDir: string;
  /** What reached the core's file doors: a refusal at the HTTP door must not. */
  const reached: string[] = [];

  /** Raw http.request: fetch refuses to set Host and hides Set-Cookie. */
  function request(options: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer }): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: server.port, method: options.method ?? 'GET', path: options.path, headers: { Host: `127.0.0.1:${server.port}`, ...options.headers } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(options.body);
    });
  }

  const auth = { authorization: `Bearer ${TOKEN}` };
  const cookieOf = (answer: Answer) => (answer.headers['set-cookie']?.[0] ?? '').split(';')[0]!; // name=value, before the attributes

  /** A browser that signed in: its session cookie. */
  async function signedInBrowser(username: string, password: string): Promise<string> {
    const answer = await request({ method: 'POST', path: '/api/invoke', headers: { ...auth, 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify({ method: 'auth.signIn', input: { username, password } })) });
    expect((JSON.parse(answer.body.toString()) as Result<unknown>).ok).toBe(true);
    return cookieOf(answer);
  }

  async function invoke<T>(cookie: string, method: string, input: unknown): Promise<T> {
    const answer = await request({ method: 'POST', path: '/api/invoke', headers: { ...auth, cookie, 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify({ method, input })) });
    const result = JSON.parse(answer.body.toString()) as Result<T>;
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.value;
  }

  function upload(headers: Record<string, string>, bytes: Buffer, query = 'purpose=attachment&name=page.html'): Promise<Answer> {
    return request({ method: 'POST', path: `/api/upload?${query}`, headers: { 'content-type': 'application/octet-stream', ...headers }, body: bytes });
  }

  /** A refusal: the status, the error code, a JSON body and nothing of the file in it. */
  function expectRefused(answer: Answer, status: number, code: string): void {
    expect(answer.status, answer.body.toString()).toBe(status);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    const result = JSON.parse(answer.body.toString()) as Result<unknown>;
    expect(result.ok ? 'OK' : result.error.code).toBe(code);
    for (const marker of ['HTML-SECRET', 'SVG-SECRET']) expect(answer.body.includes(marker)).toBe(false);
  }

  let owner: string;
  let html: Download;
  let svg: Download;

  beforeAll(async () => {
    h = makeHarness();
    await shopWithRoles(h);
    const core = h.core;
    const spied: Core = {
      ...core,
      invoke: (...args) => core.invoke(...args),
      onEvent: (...args) => core.onEvent(...args),
      endSession: (key) => core.endSession(key),
      upload: (key, purpose, file) => (reached.push(`upload ${key}`), core.upload(key, purpose, file)),
      download: (key, id) => (reached.push(`download ${key}`), core.download(key, id)),
    };
    staticDir = mkdtempSync(join(tmpdir(), 'clientele-file-doors-'));
    server = await startWebServer({ core: spied, staticDir, token: TOKEN });
    owner = await signedInBrowser('boss', OWNER_PASSWORD);
    const staged = async (bytes: Buffer, name: string) => {
      const answer = await upload({ ...auth, cookie: owner }, bytes, `purpose=attachment&name=${name}`);
      const result = JSON.parse(answer.body.toString()) as Result<Upload>;
      if (!result.ok) throw new Error(`upload: ${result.error.code} ${result.error.message}`);
      return invoke<Download>(owner, 'files.preview', { file: { upload: result.value.upload } });
    };
    html = await staged(HTML, 'page.html');
    svg = await staged(SVG, 'logo.svg');
    reached.length = 0;
  }, 120_000);
  afterAll(async () => {
    await server.close();
    h.cleanup();
    rmSync(staticDir, { recursive: true, force: true });
  });

  it('serves an uploaded HTML or SVG file inert: a download to save, never a page (sandboxing CSP, nosniff, attachment)', async () => {
    for (const [file, bytes, name] of [
      [html, HTML, 'page.html'],
      [svg, SVG, 'logo.svg'],
    ] as const) {
      const answer = await request({ path: `/api/download/${file.download}`, headers: { ...auth, cookie: owner } });
      expect(answer.status).toBe(200);
      expect(answer.body.equals(bytes)).toBe(true);
      expect(answer.headers['content-type']).toBe('application/octet-stream');
      expect(answer.headers['content-disposition']).toBe(`attachment; filename="${name}"; filename*=UTF-8''${name}`);
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['content-security-policy']).toBe(DOWNLOAD_CSP);
      expect(DOWNLOAD_CSP).toMatch(/(^|; )sandbox(;|$)/);
      expect(DOWNLOAD_CSP).toContain("default-src 'none'");
      expect(answer.headers['x-frame-options']).toBe('DENY');
    }
    // The token may come in the query for a download (an <img> cannot send a header).
    const byQuery = await request({ path: `/api/download/${svg.download}?token=${TOKEN}`, headers: { cookie: owner } });
    expect(byQuery.status).toBe(200);
  });

  it('refuses an upload without the right token, from a foreign Origin or Host, or from a browser not signed in; the core never sees it', async () => {
    reached.length = 0;
    const port = server.port;
    expectRefused(await upload({ cookie: owner }, HTML), 401, 'UNAUTHENTICATED');
    expectRefused(await upload({ authorization: 'Bearer wrong-token-0123456789abcdef', cookie: owner }, HTML), 401, 'UNAUTHENTICATED');
    // The query-string token is for downloads and events only.
    expectRefused(await upload({ cookie: owner }, HTML, `purpose=attachment&name=x.html&token=${TOKEN}`), 401, 'UNAUTHENTICATED');
    expectRefused(await upload({ ...auth, cookie: owner, origin: 'http://evil.example' }, HTML), 403, 'FORBIDDEN');
    expectRefused(await upload({ ...auth, cookie: owner, origin: `http://127.0.0.1:${port + 1}` }, HTML), 403, 'FORBIDDEN');
    expectRefused(await upload({ ...auth, cookie: owner, Host: `evil.example:${port}` }, HTML), 403, 'FORBIDDEN');
    expect(reached).toEqual([]);
    expectRefused(await request({ method: 'GET', path: '/api/upload?purpose=attachment', headers: { ...auth, cookie: owner } }), 405, 'VALIDATION');

    // Past the door, the core judges the session: a browser without one, or with a made-up cookie, is not signed in.
    expectRefused(await upload(auth, HTML), 401, 'UNAUTHENTICATED');
    expectRefused(await upload({ ...auth, cookie: `${server.cookieName}=${'A'.repeat(43)}` }, HTML), 401, 'UNAUTHENTICATED');
    expect(reached).toHaveLength(2);
  });

  it("refuses a download without the right token, from a foreign Origin or Host, to another browser, or that does not exist; no byte leaks", async () => {
    reached.length = 0;
    const port = server.port;
    const path = `/api/download/${html.download}`;
    expectRefused(await request({ path, headers: { cookie: owner } }), 401, 'UNAUTHENTICATED');
    expectRefused(await request({ path: `${path}?token=wrong-token-0123456789abcdef`, headers: { cookie: owner } }), 401, 'UNAUTHENTICATED');
    expectRefused(await request({ path, headers: { ...auth, cookie: owner, origin: 'http://evil.example' } }), 403, 'FORBIDDEN');
    expectRefused(await request({ path, headers: { ...auth, cookie: owner, Host: `localhost.evil.example:${port}` } }), 403, 'FORBIDDEN');
    expectRefused(await request({ method: 'POST', path, headers: { ...auth, cookie: owner } }), 405, 'VALIDATION');
    expect(reached).toEqual([]);

    // Another browser of the same user, and one of another user: the id is the asking session's only.
    const sameUser = await signedInBrowser('boss', OWNER_PASSWORD);
    const staff = await signedInBrowser('staff', USER_PASSWORD);
    expectRefused(await request({ path, headers: { ...auth, cookie: sameUser } }), 404, 'NOT_FOUND');
    expectRefused(await request({ path, headers: { ...auth, cookie: staff } }), 404, 'NOT_FOUND');
    // No cookie (a new browser) and a made-up one: not signed in.
    expectRefused(await request({ path, headers: auth }), 401, 'UNAUTHENTICATED');
    expectRefused(await request({ path, headers: { ...auth, cookie: `${server.cookieName}=${'B'.repeat(43)}` } }), 401, 'UNAUTHENTICATED');
    // Ids that were never given: well-formed, malformed, a path.
    for (const id of ['A'.repeat(22), 'not-an-id', '..%2F..%2Fclientele.db', `${html.download}x`]) {
      expectRefused(await request({ path: `/api/download/${id}`, headers: { ...auth, cookie: owner } }), 404, 'NOT_FOUND');
    }
    // The owner's own browser still gets it: nothing above used it up.
    expect((await request({ path, headers: { ...auth, cookie: owner } })).status).toBe(200);
  });

  it('a browser that signed out loses its downloads and may not upload', async () => {
    const leaving = await signedInBrowser('boss', OWNER_PASSWORD);
    const staged = JSON.parse((await upload({ ...auth, cookie: leaving }, SVG, 'purpose=attachment&name=a.svg')).body.toString()) as Result<Upload>;
    if (!staged.ok) throw new Error(staged.error.message);
    const mine = await invoke<Download>(leaving, 'files.preview', { file: { upload: staged.value.upload } });
    expect((await request({ path: `/api/download/${mine.download}`, headers: { ...auth, cookie: leaving } })).status).toBe(200);
    await invoke(leaving, 'auth.signOut', {});
    expectRefused(await request({ path: `/api/download/${mine.download}`, headers: { ...auth, cookie: leaving } }), 401, 'UNAUTHENTICATED');
    expectRefused(await upload({ ...auth, cookie: leaving }, HTML), 401, 'UNAUTHENTICATED');
    // Signing in again makes a new session: the old session's download stays gone.
    const back = await signedInBrowser('boss', OWNER_PASSWORD);
    expectRefused(await request({ path: `/api/download/${mine.download}`, headers: { ...auth, cookie: back } }), 404, 'NOT_FOUND');
  });
});
