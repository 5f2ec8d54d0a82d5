import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebServer, type WebServer } from '../../electron/web/server.ts';
import type { Core, CoreEvent } from '../../electron/core/core-types.ts';
import { fail, ok, type Result } from '../../shared/errors.ts';

type Call = { sessionKey: string; method: string; input: unknown };

/** Just enough of a Core to see what the door passes through. */
function fakeCore() {
  const calls: Call[] = [];
  const ended: string[] = [];
  const listeners = new Map<string, Set<(event: CoreEvent) => void>>();
  const core: Core = {
    async invoke(sessionKey, method, input): Promise<Result<unknown>> {
      calls.push({ sessionKey, method, input });
      if (method === 'customers.list') return ok({ rows: [], nextCursor: null });
      if (method === 'auth.signIn') return (input as { password?: string }).password === 'right' ? ok({ signedIn: true }) : fail('BAD_PASSWORD', 'auth.signIn: wrong');
      return fail('VALIDATION', `${method}: unknown method`);
    },
    onEvent(sessionKey, listener) {
      const set = listeners.get(sessionKey) ?? new Set();
      set.add(listener);
      listeners.set(sessionKey, set);
      return () => set.delete(listener);
    },
    endSession(sessionKey) {
      ended.push(sessionKey);
    },
    async upload() {
      return fail('NOT_FOUND', 'upload: not part of this fake');
    },
    async download() {
      return fail('NOT_FOUND', 'download: not part of this fake');
    },
    close() {},
    async shutdown() {},
  };
  const emit = (sessionKey: string, event: CoreEvent): void => {
    for (const listener of listeners.get(sessionKey) ?? []) listener(event);
  };
  return { core, calls, ended, emit, listeners };
}

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** The session id a Set-Cookie header gave out. */
function sessionIdOf(answer: Answer): string {
  const match = /^clientele-session-\d+=([^;]+);/.exec(answer.headers['set-cookie']?.[0] ?? '');
  if (!match?.[1]) throw new Error(`no session cookie in ${JSON.stringify(answer.headers)}`);
  return match[1];
}

/** Raw http.request: fetch would normalise `/../` away and refuses to set Host. */
function request(port: number, options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { Host: `127.0.0.1:${port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    // The server may answer 413 and close before a huge body is fully written.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    req.end(options.body);
  });
}

describe('browser-mode web server', () => {
  const token = 'test-token-0123456789abcdefghijklmnop';
  let dir: string;
  let staticDir: string;
  let server: WebServer;
  let fake: ReturnType<typeof fakeCore>;

  const invoke = (body: string, headers: Record<string, string> = {}) =>
    request(server.port, {
      method: 'POST',
      path: '/api/invoke',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, ...headers },
      body,
    });

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clientele-web-'));
    staticDir = path.join(dir, 'renderer');
    fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Clientele</title>');
    fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1);');
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the static dir');
    fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(staticDir, 'link.txt'));
    fake = fakeCore();
    server = await startWebServer({ core: fake.core, staticDir, token });
  });

  afterAll(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('binds loopback and prints a tokenised URL', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=${token}`);
    expect(server.token).toBe(token);
  });

  it('makes a random base64url token of 32 bytes when none is given, and refuses other hosts', async () => {
    const other = await startWebServer({ core: fakeCore().core, staticDir });
    try {
      expect(other.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(other.token).not.toBe(token);
    } finally {
      await other.close();
    }
    await expect(startWebServer({ core: fakeCore().core, staticDir, host: '0.0.0.0' })).rejects.toThrow(/127\.0\.0\.1 only/);
  });

  it('is not reachable on other interfaces', async () => {
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((info) => info && info.family === 'IPv4' && !info.internal);
    if (!external) return; // a machine with loopback only has nothing else to try
    const attempt = new Promise<string>((resolve) => {
      const req = http.request({ host: external.address, port: server.port, path: '/' }, () => resolve('connected'));
      req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      req.end();
    });
    expect(await attempt).toBe('ECONNREFUSED');
  });

  it('answers 401 without a token or with a wrong one', async () => {
    const none = await request(server.port, { method: 'POST', path: '/api/invoke', body: '{"method":"customers.list","input":{}}' });
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', details: { reason: 'token' } } });
    const wrong = await invoke('{"method":"customers.list","input":{}}', { Authorization: `Bearer ${token}x` });
    expect(wrong.status).toBe(401);
    const queryToken = await request(server.port, { method: 'POST', path: `/api/invoke?token=${token}`, body: '{"method":"customers.list"}' });
    expect(queryToken.status).toBe(401);
    expect(fake.calls).toHaveLength(0);
  });

  it('answers 403 for a foreign Host or Origin, even with the token', async () => {
    const body = '{"method":"customers.list","input":{}}';
    expect((await invoke(body, { Host: `evil.example:${server.port}` })).status).toBe(403);
    expect((await invoke(body, { Host: '127.0.0.1:1' })).status).toBe(403);
    expect((await invoke(body, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await invoke(body, { Origin: `http://127.0.0.1:${server.port + 1}` })).status).toBe(403);
    expect((await invoke(body, { Origin: 'null' })).status).toBe(403);
    expect((await request(server.port, { path: '/', headers: { Host: 'rebound.example' } })).status).toBe(403);
    expect(fake.calls).toHaveLength(0);
  });

  it("passes a good call to the core with the browser's session key and answers its result", async () => {
    const answer = await invoke('{"method":"customers.list","input":{"limit":5}}', { Origin: `http://localhost:${server.port}`, Host: `localhost:${server.port}` });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(answer.body)).toEqual({ ok: true, value: { rows: [], nextCursor: null } });
    const id = sessionIdOf(answer);
    expect(fake.calls.at(-1)).toEqual({ sessionKey: `web:${id}`, method: 'customers.list', input: { limit: 5 } });
    expect(fake.calls.at(-1)!.sessionKey).not.toContain(token);
  });

  it('gives each browser its own session id in an HttpOnly, SameSite=Strict cookie, kept while the browser sends it back', async () => {
    const first = await invoke('{"method":"customers.list"}');
    const cookie = first.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(new RegExp(`^${server.cookieName}=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=/$`));
    expect(server.cookieName).toBe(`clientele-session-${server.port}`);
    const id = sessionIdOf(first);
    const again = await invoke('{"method":"customers.list"}', { Cookie: `other=1; ${server.cookieName}=${id}` });
    expect(again.headers['set-cookie']).toBeUndefined();
    expect(fake.calls.at(-1)!.sessionKey).toBe(`web:${id}`);
    // Another browser (no cookie) gets another session.
    const other = await invoke('{"method":"customers.list"}');
    expect(sessionIdOf(other)).not.toBe(id);
  });

  it('the token alone never reaches a signed-in session: sign-in moves the browser to a fresh id, refused ids are replaced', async () => {
    const anonymous = sessionIdOf(await invoke('{"method":"setup.status"}'));
    const signIn = await invoke('{"method":"auth.signIn","input":{"username":"boss","password":"right"}}', { Cookie: `${server.cookieName}=${anonymous}` });
    const signedIn = sessionIdOf(signIn);
    expect(signedIn).not.toBe(anonymous);
    expect(fake.calls.at(-1)).toMatchObject({ sessionKey: `web:${signedIn}`, method: 'auth.signIn' });
    expect(fake.ended).toContain(`web:${anonymous}`);
    // The old id (say one planted before the sign-in) still works, but only as its own signed-out session.
    await invoke('{"method":"customers.list"}', { Cookie: `${server.cookieName}=${anonymous}` });
    expect(fake.calls.at(-1)!.sessionKey).toBe(`web:${anonymous}`);
    // An id this server never gave out is not taken: the browser gets a new one.
    const forged = await invoke('{"method":"customers.list"}', { Cookie: `${server.cookieName}=${signedIn}x` });
    expect(sessionIdOf(forged)).not.toBe(`${signedIn}x`);
    expect(fake.calls.at(-1)!.sessionKey).not.toBe(`web:${signedIn}x`);
  });

  it("a failed sign-in keeps the browser's session id and sets no cookie", async () => {
    const id = sessionIdOf(await invoke('{"method":"setup.status"}'));
    const before = fake.ended.length;
    const wrong = await invoke('{"method":"auth.signIn","input":{"username":"boss","password":"wrong"}}', { Cookie: `${server.cookieName}=${id}` });
    expect(JSON.parse(wrong.body)).toMatchObject({ ok: false, error: { code: 'BAD_PASSWORD' } });
    expect(wrong.headers['set-cookie']).toBeUndefined();
    // The attempt ran under a throw-away key, which is ended; the browser's own session is not.
    expect(fake.ended.slice(before)).toEqual([fake.calls.at(-1)!.sessionKey]);
    expect(fake.calls.at(-1)!.sessionKey).not.toBe(`web:${id}`);
  });

  it('answers error results with 200 too: they are values, not transport failures', async () => {
    const answer = await invoke('{"method":"nope.nothing","input":{}}');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('answers 400 with a VALIDATION result for malformed JSON or a wrong shape', async () => {
    for (const body of ['{"method":', '[]', '"customers.list"', '{"input":{}}', '{"method":42}']) {
      const answer = await invoke(body);
      expect(answer.status, body).toBe(400);
      expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
  });

  it('answers 413 with a TOO_LARGE result for a body over 10 MB', async () => {
    const before = fake.calls.length;
    const huge = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20);
    const answer = await invoke(huge.toString('latin1'));
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'TOO_LARGE' } });
    expect(fake.calls.length).toBe(before);
  });

  it('counts streamed bytes, not only Content-Length', async () => {
    const answer = await new Promise<Answer>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: server.port,
          method: 'POST',
          path: '/api/invoke',
          headers: { Host: `127.0.0.1:${server.port}`, Authorization: `Bearer ${token}`, 'Transfer-Encoding': 'chunked' },
        },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
      });
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      for (let i = 0; i < 11; i++) req.write(chunk);
      req.end();
    });
    expect(answer.status).toBe(413);
  });

  it('serves index.html for / and files with their content type and the security headers', async () => {
    const index = await request(server.port, { path: '/' });
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>Clientele</title>');
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = index.headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("img-src 'self' data:");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(index.headers['referrer-policy']).toBe('no-referrer');

    const script = await request(server.port, { path: '/assets/app.js?v=1' });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.body).toBe('console.log(1);');

    expect((await request(server.port, { path: '/missing.js' })).status).toBe(404);
    expect((await request(server.port, { path: '/', method: 'POST' })).status).toBe(405);
  });

  it('never serves a file outside the static dir', async () => {
    const attempts = [
      '/../package.json',
      '/../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets/../../secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..%5csecret.txt',
      '/%2E%2E%2Fsecret.txt',
      '/%252e%252e/secret.txt',
      '//etc/passwd',
      '/%00index.html',
      '/%zz',
      '/link.txt',
    ];
    for (const attempt of attempts) {
      const answer = await request(server.port, { path: attempt });
      expect(answer.status, attempt).not.toBe(200);
      expect(answer.body, attempt).not.toContain('outside the static dir');
    }
  });

  it('streams core events for the session as Server-Sent Events, with the token in the query', async () => {
    const unauthorised = await new Promise<number>((resolve) => {
      http.get({ host: '127.0.0.1', port: server.port, path: '/api/events?token=wrong' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
    });
    expect(unauthorised).toBe(401);

    const id = sessionIdOf(await invoke('{"method":"setup.status"}'));
    const received = await new Promise<string>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port: server.port, path: `/api/events?token=${encodeURIComponent(token)}`, headers: { Cookie: `${server.cookieName}=${id}` } }, (res) => {
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          const at = text.indexOf('event: progress');
          if (at === -1) {
            // The stream is open and subscribed once its first line arrived; only this browser's session hears it.
            fake.emit(`web:${id}x`, { type: 'progress', job: 'other', done: 1, total: 2 });
            fake.emit(`web:${id}`, { type: 'progress', job: 'backup', done: 1, total: 2 });
          } else if (text.includes('\n\n', at)) {
            req.destroy();
            resolve(text);
          }
        });
      });
      req.on('error', reject);
    });
    expect(received).toContain('event: progress\ndata: {"type":"progress","job":"backup","done":1,"total":2}\n\n');
    expect(received).not.toContain('"job":"other"');
  });

  it("ends every browser's session in the core when closed", async () => {
    const local = fakeCore();
    const other = await startWebServer({ core: local.core, staticDir, token: 'another-token-0123456789' });
    const ask = (cookie = '') =>
      request(other.port, {
        method: 'POST',
        path: '/api/invoke',
        headers: { Authorization: 'Bearer another-token-0123456789', ...(cookie ? { Cookie: cookie } : {}) },
        body: '{"method":"customers.list"}',
      });
    const ids = [sessionIdOf(await ask()), sessionIdOf(await ask())];
    await other.close();
    expect(local.ended.sort()).toEqual(ids.map((id) => `web:${id}`).sort());
  });
});
