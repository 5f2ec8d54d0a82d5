// `npm run dev`'s proxy (renderer/vite.config.ts, apiProxy): Vite's dev server in front of a real
// browser-mode door. The page's own requests get through with the launch token; everything the
// door refuses directly (no or wrong token, a foreign Origin, a foreign Host) is still refused.
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core-types.ts';
import { startWebServer, type WebServer } from '../../electron/web/server.ts';
import { ok } from '../../shared/errors.ts';

const root = path.resolve(import.meta.dirname, '../..');
const token = 'dev-proxy-token-0123456789abcdef';

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** Raw http.request: fetch refuses to set Host and Origin. */
function request(port: number, options: { method?: string; path: string; headers?: Record<string, string>; body?: string; firstChunk?: boolean }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: { Host: `127.0.0.1:${port}`, ...options.headers } }, (res) => {
      const chunks: Buffer[] = [];
      const done = () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        // An event stream never ends: its headers and first bytes are the answer.
        if (options.firstChunk) {
          done();
          req.destroy();
        }
      });
      res.on('end', done);
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('npm run dev: the /api proxy', () => {
  const calls: string[] = [];
  let dir: string;
  let door: WebServer;
  let vite: ViteDevServer;
  let port: number;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clientele-dev-proxy-'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Clientele</title>');
    // Only what the door reaches for these requests; the proxy never sees the core.
    const core = {
      async invoke(_sessionKey: string, method: string) {
        calls.push(method);
        return ok({ initialised: true, shopName: 'Dev Shop' });
      },
      onEvent: () => () => {},
      endSession() {},
      close() {},
      async shutdown() {},
    } as unknown as Core; // a stand-in with just the methods the door calls here
    door = await startWebServer({ core, staticDir: dir, token });
    process.env.CLIENTELE_DEV_API = `http://127.0.0.1:${door.port}`;
    vite = await createServer({ configFile: path.join(root, 'renderer/vite.config.ts'), logLevel: 'silent', server: { port: 0, watch: null, hmr: false } });
    await vite.listen();
    const address = vite.httpServer?.address();
    if (!address || typeof address === 'string') throw new Error('vite: no port');
    port = address.port;
  }, 60_000);

  afterAll(async () => {
    await vite?.close();
    await door?.close();
    delete process.env.CLIENTELE_DEV_API;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const invoke = (headers: Record<string, string>) =>
    request(port, { method: 'POST', path: '/api/invoke', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ method: 'setup.status', input: {} }) });
  const own = () => ({ Origin: `http://127.0.0.1:${port}`, Authorization: `Bearer ${token}` });

  it("passes the dev page's own request with the token through to the core, and the door's session cookie back", async () => {
    const answer = await invoke(own());
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ ok: true, value: { initialised: true, shopName: 'Dev Shop' } });
    expect(answer.headers['set-cookie']?.[0]).toMatch(new RegExp(`^clientele-session-${door.port}=[^;]+; HttpOnly; SameSite=Strict`));
    expect(calls).toContain('setup.status');
  });

  it('streams progress events (the token in the query, as EventSource sends it)', async () => {
    const answer = await request(port, { path: `/api/events?token=${token}`, headers: { Origin: `http://127.0.0.1:${port}` }, firstChunk: true });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^text\/event-stream/);
  });

  it('still refuses a missing or wrong token', async () => {
    const before = calls.length;
    for (const headers of [{ Origin: `http://127.0.0.1:${port}` }, { ...own(), Authorization: 'Bearer wrong-token-0123456789abcdef' }]) {
      const answer = await invoke(headers);
      expect(answer.status).toBe(401);
      expect(JSON.parse(answer.body).error).toMatchObject({ code: 'UNAUTHENTICATED', details: { reason: 'token' } });
    }
    expect(calls.length).toBe(before);
  });

  it('still refuses a foreign Origin, even with the token', async () => {
    const before = calls.length;
    for (const origin of ['http://evil.example', `http://127.0.0.1:${door.port + 1}`, 'null']) {
      const answer = await invoke({ ...own(), Origin: origin });
      expect(answer.status, origin).toBe(403);
      expect(JSON.parse(answer.body).error.code).toBe('FORBIDDEN');
    }
    expect(calls.length).toBe(before);
  });

  it('still refuses a foreign Host (DNS rebinding), even with a matching Origin', async () => {
    const before = calls.length;
    const answer = await invoke({ Host: `evil.example:${port}`, Origin: `http://evil.example:${port}`, Authorization: `Bearer ${token}` });
    expect(answer.status).toBe(403);
    expect(calls.length).toBe(before);
  });
});
