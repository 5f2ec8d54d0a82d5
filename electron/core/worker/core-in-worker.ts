// The core in a worker thread, behind the same `Core` type as the in-process one: the door's
// thread only forwards calls and events, so a long job in the core (re-key, seeding, audit verify)
// never freezes the window or the HTTP server. Modelled on Signal Desktop's ts/sql/main.ts +
// mainWorker.ts: numbered requests, one answer each, every pending call answered when the worker
// dies.
//
// A Node worker thread, not Electron's utility process: it runs the same way in Electron's main
// process, in browser mode (`clientele serve`), in tests and in benches, none of which (but the
// first) has an Electron binary; a thread also shares the process's memory limits and dies with it.
// (Electron loads worker scripts from app.asar since Electron 18.)
import path from 'node:path';
import { Worker, type MessagePort } from 'node:worker_threads';
import type { Upload } from '../../../shared/api/files.ts';
import { fail, ok, type Result } from '../../../shared/errors.ts';
import { readPort, servePort, streamChannel } from '../files/port-stream.ts';
import type { OutgoingFile } from '../files/sources.ts';
import type { Core, CoreEvent } from '../core-types.ts';
import type { FromWorker, ToWorker, WorkerCoreOptions, WorkerData } from './protocol.ts';

export type CoreInWorkerOptions = WorkerCoreOptions & {
  /**
   * Absent: the worker reads the real clock itself. Present (tests' fixed clocks, the CLI under
   * CLIENTELE_TEST_NOW): a function cannot cross to a thread, so the door reads it before every
   * message it sends and writes the time into memory both threads share; the worker's core reads
   * that. A fixed clock that the test moves between calls is thus seen at once: one clock.
   */
  clock?: () => number;
  /** Where the door logs the worker's death (default: stderr). */
  log?: (message: string, error: unknown) => void;
};

/** How long a close waits for the worker to close the database before it stops the thread anyway. */
const CLOSE_WAIT_MS = 10_000;

/**
 * The worker's entry: the bundled file beside the bundle in the packaged app (build/out/electron),
 * else the TypeScript sources through tsx.
 */
function workerEntry(): string | URL {
  if (!import.meta.url.endsWith('.ts')) return path.join(import.meta.dirname, 'core-worker.cjs');
  return new URL('./dev-entry.mjs', import.meta.url);
}

/** The door-side `Core`; `thread` is there for tests (a crash is `thread.terminate()`). */
export type CoreInWorker = Core & { readonly thread: Worker };

export function createCoreInWorker(options: CoreInWorkerOptions): CoreInWorker {
  const { clock, log = (message, error) => console.error(`clientele: ${message}`, error), ...coreOptions } = options;
  const clockView = clock ? new BigInt64Array(new SharedArrayBuffer(8)) : null;
  const closed = new Int32Array(new SharedArrayBuffer(4));
  const tick = () => {
    if (clock && clockView) Atomics.store(clockView, 0, BigInt(Math.trunc(clock())));
  };
  tick();
  const data: WorkerData = { options: coreOptions, clock: clockView ? (clockView.buffer as SharedArrayBuffer) : null, closed: closed.buffer as SharedArrayBuffer };
  const thread = new Worker(workerEntry(), { workerData: data, name: 'clientele-core' });

  const pending = new Map<number, { method: string; resolve: (result: Result<unknown>) => void }>();
  const listeners = new Map<string, Set<(event: CoreEvent) => void>>();
  let nextId = 1;
  /** Why calls cannot reach the core any more (closed, or the worker died), or null while it runs. */
  let gone: { code: 'INTERNAL'; reason: string } | null = null;
  let shuttingDown: { resolve: () => void; reject: (error: Error) => void } | null = null;
  let lastError: unknown = null;

  // An idle core does not keep the process alive (like the in-process core); a pending call does,
  // or a one-shot command awaiting its answer would end with the answer still on its way.
  thread.unref();
  const keepAlive = () => {
    if (pending.size > 0 || shuttingDown) thread.ref();
    else thread.unref();
  };

  function post(message: ToWorker, transfer: MessagePort[] = []): void {
    tick();
    thread.postMessage(message, transfer);
  }

  function answerAll(reason: string): void {
    for (const [id, call] of pending) {
      pending.delete(id);
      call.resolve(fail('INTERNAL', `${call.method}: ${reason}`));
    }
    keepAlive();
  }

  thread.on('message', (message: FromWorker) => {
    switch (message.type) {
      case 'result': {
        const call = pending.get(message.id);
        if (!call) return; // answered already (the core closed under it)
        pending.delete(message.id);
        keepAlive();
        call.resolve(message.result);
        return;
      }
      case 'event':
        listeners.get(message.sessionKey)?.forEach((listener) => listener(message.event));
        return;
      case 'shutdown-done': {
        // The worker has closed its core and is ending: settle everything before its 'exit'.
        const done = shuttingDown;
        shuttingDown = null;
        stopped('the core is closed');
        if (message.error) done?.reject(new Error(message.error));
        else done?.resolve();
        return;
      }
    }
  });
  thread.on('error', (error) => {
    lastError = error;
  });
  thread.on('exit', (code) => {
    if (gone) return; // closed on purpose
    const detail = lastError instanceof Error ? lastError.message : `exit code ${code}`;
    gone = { code: 'INTERNAL', reason: `the core stopped unexpectedly (${detail}); restart Clientele` };
    log('the core worker stopped unexpectedly', lastError ?? new Error(`exit code ${code}`));
    answerAll(gone.reason);
    shuttingDown?.reject(new Error(gone.reason));
    shuttingDown = null;
  });

  /** No call reaches the core from now on; the ones on their way are answered. */
  function stopped(reason: string): void {
    gone = { code: 'INTERNAL', reason };
    answerAll(reason);
    void thread.terminate();
  }

  function close(): void {
    if (gone) return;
    gone = { code: 'INTERNAL', reason: 'the core is closed' };
    try {
      post({ type: 'close' });
      // Synchronous like the in-process close: the database is closed and the data folder's lock
      // released when this returns (a restart opens it again at once). Bounded, in case the core is
      // in the middle of a long step.
      Atomics.wait(closed, 0, 0, CLOSE_WAIT_MS);
    } finally {
      stopped(gone.reason);
    }
  }

  return {
    thread,
    invoke(sessionKey, method, input) {
      if (gone) return Promise.resolve(fail(gone.code, `${String(method).slice(0, 100)}: ${gone.reason}`));
      const id = nextId++;
      return new Promise<Result<unknown>>((resolve) => {
        try {
          post({ type: 'invoke', id, sessionKey, method, input });
        } catch (error) {
          // Only data crosses to the core (a function or a socket in the input cannot).
          resolve(fail('VALIDATION', `${String(method).slice(0, 100)}: the input cannot be passed to the core: ${(error as Error).message}`));
          return;
        }
        pending.set(id, { method: String(method).slice(0, 100), resolve });
        keepAlive();
      });
    },
    upload(sessionKey, purpose, file) {
      const what = 'files.upload';
      if (gone) return Promise.resolve(fail(gone.code, `${what}: ${gone.reason}`));
      const id = nextId++;
      return new Promise<Result<unknown>>((resolve) => {
        if ('path' in file) {
          post({ type: 'upload', id, sessionKey, purpose: String(purpose), file: { path: String(file.path), ...(file.name === undefined ? {} : { name: String(file.name) }) } });
        } else {
          // The bytes cross one chunk at a time, as the core asks for them.
          const channel = streamChannel();
          servePort(channel.local, channel.shared, file.chunks, { closeOnCancel: false });
          const wire = { name: String(file.name), declaredSize: file.declaredSize, port: channel.remote, shared: channel.shared };
          post({ type: 'upload', id, sessionKey, purpose: String(purpose), file: wire }, [channel.remote]);
        }
        pending.set(id, { method: what, resolve });
        keepAlive();
      }) as Promise<Result<Upload>>; // the worker answers with its core's upload result
    },
    download(sessionKey, download) {
      const what = 'files.download';
      if (gone) return Promise.resolve(fail(gone.code, `${what}: ${gone.reason}`));
      const id = nextId++;
      const channel = streamChannel();
      return new Promise<Result<OutgoingFile>>((resolve) => {
        post({ type: 'download', id, sessionKey, download: String(download), port: channel.remote, shared: channel.shared }, [channel.remote]);
        pending.set(id, {
          method: what,
          resolve: (result) => {
            if (!result.ok) {
              channel.local.close();
              resolve(result);
              return;
            }
            const facts = result.value as Omit<OutgoingFile, 'chunks'>; // the worker sends the download's facts; its bytes come over the port
            resolve(ok({ ...facts, chunks: readPort(channel.local, channel.shared) }));
          },
        });
        keepAlive();
      });
    },
    onEvent(sessionKey, listener) {
      let set = listeners.get(sessionKey);
      if (!set) {
        set = new Set();
        listeners.set(sessionKey, set);
        if (!gone) post({ type: 'subscribe', sessionKey });
      }
      set.add(listener);
      const mine = set;
      return () => {
        mine.delete(listener);
        if (mine.size === 0 && listeners.get(sessionKey) === mine) {
          listeners.delete(sessionKey);
          if (!gone) post({ type: 'unsubscribe', sessionKey });
        }
      };
    },
    endSession(sessionKey) {
      listeners.delete(sessionKey);
      if (!gone) post({ type: 'endSession', sessionKey });
    },
    close,
    shutdown() {
      if (gone) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        shuttingDown = { resolve, reject };
        keepAlive();
        post({ type: 'shutdown' });
      });
    },
  };
}
