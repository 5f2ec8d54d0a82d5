// The core's own thread: builds the real core (createCore) from the options the door passed and
// answers the door's messages (protocol.ts). The door thread only forwards, so a long job here
// (re-key, seeding, audit verify) never freezes the window or the HTTP server. Loaded as bundled
// JS in the packaged app (build/out/electron/core-worker.cjs) and through dev-entry.mjs (tsx)
// everywhere else.
import { parentPort, workerData } from 'node:worker_threads';
import { fail, ok } from '../../../shared/errors.ts';
import { readPort, servePort } from '../files/port-stream.ts';
import { createCore } from '../create-core.ts';
import type { FromWorker, ToWorker, WorkerData } from './protocol.ts';

if (!parentPort) throw new Error('core-worker: must run as a worker thread (see core-in-worker.ts)');
const port = parentPort;
const data = workerData as WorkerData; // set by createCoreInWorker, the only one that starts this file
const clockView = data.clock ? new BigInt64Array(data.clock) : null;
const core = createCore({
  ...data.options,
  // The door's clock as it was when it last sent a message (tests' fixed clocks); else the real one.
  clock: clockView ? () => Number(Atomics.load(clockView, 0)) : undefined,
});
/** Session keys whose events the door listens to → this thread's unsubscribe. */
const subscriptions = new Map<string, () => void>();

function send(message: FromWorker): void {
  port.postMessage(message);
}

/** A result that cannot be cloned (a bug: results are plain data) still answers the call. */
function answer(id: number, method: string, result: FromWorker & { type: 'result' }): void {
  try {
    send(result);
  } catch (error) {
    send({ type: 'result', id, result: fail('INTERNAL', `${method}: the answer cannot leave the core: ${(error as Error).message}`) });
  }
}

function finish(): void {
  const closed = new Int32Array(data.closed);
  Atomics.store(closed, 0, 1);
  Atomics.notify(closed, 0);
  port.close(); // nothing else keeps this thread alive: it ends
}

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'invoke': {
      const { id, sessionKey, method, input } = message;
      core.invoke(sessionKey, method, input).then(
        (result) => answer(id, method, { type: 'result', id, result }),
        // The core answers with values; a throw is a bug, and its message may hold internals.
        (error: unknown) => {
          console.error(`clientele core: ${method} threw`, error);
          answer(id, method, { type: 'result', id, result: fail('INTERNAL', `${method}: internal error`) });
        },
      );
      return;
    }
    case 'upload': {
      const { id, sessionKey, purpose, file } = message;
      const incoming = 'port' in file ? { name: file.name, declaredSize: file.declaredSize, chunks: readPort(file.port, file.shared) } : file;
      core
        .upload(sessionKey, purpose, incoming)
        .then(
          (result) => answer(id, 'files.upload', { type: 'result', id, result }),
          (error: unknown) => {
            console.error('clientele core: files.upload threw', error);
            answer(id, 'files.upload', { type: 'result', id, result: fail('INTERNAL', 'files.upload: internal error') });
          },
        )
        .finally(() => ('port' in file ? file.port.close() : undefined));
      return;
    }
    case 'download': {
      const { id, sessionKey, download, port: bytes, shared } = message;
      core.download(sessionKey, download).then(
        (result) => {
          if (!result.ok) {
            bytes.close();
            answer(id, 'files.download', { type: 'result', id, result });
            return;
          }
          const { chunks, ...facts } = result.value;
          servePort(bytes, shared, chunks, { closeOnCancel: true });
          answer(id, 'files.download', { type: 'result', id, result: ok(facts) });
        },
        (error: unknown) => {
          bytes.close();
          console.error('clientele core: files.download threw', error);
          answer(id, 'files.download', { type: 'result', id, result: fail('INTERNAL', 'files.download: internal error') });
        },
      );
      return;
    }
    case 'subscribe':
      if (!subscriptions.has(message.sessionKey)) {
        const { sessionKey } = message;
        subscriptions.set(sessionKey, core.onEvent(sessionKey, (event) => send({ type: 'event', sessionKey, event })));
      }
      return;
    case 'unsubscribe':
      subscriptions.get(message.sessionKey)?.();
      subscriptions.delete(message.sessionKey);
      return;
    case 'endSession':
      subscriptions.delete(message.sessionKey); // the core forgets its listeners itself
      core.endSession(message.sessionKey);
      return;
    case 'close':
      core.close();
      finish();
      return;
    case 'shutdown':
      core.shutdown().then(
        () => send({ type: 'shutdown-done', error: null }),
        (error: unknown) => send({ type: 'shutdown-done', error: (error as Error).message ?? String(error) }),
      ).finally(() => {
        core.close(); // shutdown closed it already unless the backup threw
        finish();
      });
      return;
  }
});
