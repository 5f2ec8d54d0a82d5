// Browser mode with the core in its worker thread, as `clientele serve` runs it: while a long job
// runs in the core, the door keeps answering, and the job's progress reaches the page over
// /api/events. No sleeps: the test waits for the progress events themselves.
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../electron/core/core-types.ts';
import type { CoreInWorker } from '../../electron/core/worker/core-in-worker.ts';
import { startWebServer, type WebServer } from '../../electron/web/server.ts';
import type { Result } from '../../shared/errors.ts';
import { OWNER_PASSWORD, testClock, workerCoreOn } from './harness.ts';

describe('browser mode while a long job runs in the core', () => {
  let dataDir: string;
  let core: CoreInWorker;
  let server: WebServer;
  let cookie = '';

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'clientele-web-jobs-'));
    core = workerCoreOn(testClock(), { dataDir, validateOutput: true, longRunning: true, holder: { kind: 'serve' } });
    server = await startWebServer({ core, staticDir: join(dataDir, 'no-renderer'), token: 'jobs-token-0123456789abcdef' });
  });
  afterEach(async () => {
    await server.close();
    core.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function invoke(method: string, input: unknown): Promise<Result<unknown>> {
    return new Promise((resolve, reject) => {
      const body = JSON.stringify({ method, input });
      const req = http.request(
        {
          host: '127.0.0.1',
          port: server.port,
          method: 'POST',
          path: '/api/invoke',
          headers: { Host: `127.0.0.1:${server.port}`, Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) },
        },
        (res) => {
          const set = res.headers['set-cookie']?.[0];
          if (set) cookie = set.split(';')[0]!; // name=value of the session cookie
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Result<unknown>));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Opens /api/events for this browser; calls `onEvent` with each progress event. */
  function events(onEvent: (event: CoreEvent) => void): Promise<http.ClientRequest> {
    return new Promise((resolve, reject) => {
      const req = http.get(
        { host: '127.0.0.1', port: server.port, path: `/api/events?token=${encodeURIComponent(server.token)}`, headers: { Host: `127.0.0.1:${server.port}`, Cookie: cookie } },
        (res) => {
          let buffer = '';
          res.setEncoding('utf8');
          res.on('data', (text: string) => {
            buffer += text;
            for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
              const data = /^data: (.*)$/m.exec(buffer.slice(0, end))?.[1];
              buffer = buffer.slice(end + 2);
              if (data) onEvent(JSON.parse(data) as CoreEvent);
            }
          });
          resolve(req);
        },
      );
      req.on('error', reject);
    });
  }

  it('answers customers.list while a re-key runs, and streams the re-key’s progress', async () => {
    expect((await invoke('setup.create', { shopName: 'Shop', ownerUsername: 'boss', password: OWNER_PASSWORD })).ok).toBe(true);
    expect((await invoke('system.seed', { customers: 1500, seed: 5 })).ok).toBe(true);
    const before = await invoke('customers.list', { sort: 'name', limit: 20 });

    const seen: CoreEvent[] = [];
    let working!: () => void;
    const midway = new Promise<void>((resolve) => (working = resolve));
    const stream = await events((event) => {
      seen.push(event);
      if (event.job === 'rekey' && event.done > 0 && event.done < event.total) working();
    });
    try {
      const order: string[] = [];
      const rekey = invoke('system.rekey', {}).then((result) => {
        order.push('rekey');
        return result;
      });
      await midway; // the core is re-encrypting
      const list = await invoke('customers.list', { sort: 'name', limit: 20 });
      order.push('list');
      expect(list).toEqual(before);
      expect((await rekey).ok).toBe(true);
      expect(order).toEqual(['list', 'rekey']);
      expect(seen.filter((event) => event.job === 'rekey').length).toBeGreaterThan(1);
    } finally {
      stream.destroy();
    }
  });
});
