// The messages between a door's thread and the core's worker thread (core-in-worker.ts ↔
// core-worker.ts). Everything here crosses by structured clone, so it holds data only: no
// functions, no class instances (a Result is a plain object; a CoreEvent too).
import type { MessagePort } from 'node:worker_threads';
import type { Result } from '../../../shared/errors.ts';
import type { CoreEvent, CoreOptions } from '../core-types.ts';

/**
 * What the worker builds its core from. The clock and the backup I/O are functions and cannot
 * cross: the clock travels as `clock` below; backupIo (tests inject faults) needs an in-process core.
 */
export type WorkerCoreOptions = Omit<CoreOptions, 'clock' | 'backupIo'>;

export type WorkerData = {
  options: WorkerCoreOptions;
  /**
   * One BigInt64 slot holding the door's clock in milliseconds since 1970 (written by the door
   * before every message it sends), or null: the worker reads the real clock itself.
   */
  clock: SharedArrayBuffer | null;
  /** One Int32 slot the worker sets to 1 and notifies once its core is closed (a synchronous close). */
  closed: SharedArrayBuffer;
};

export type ToWorker =
  | { type: 'invoke'; id: number; sessionKey: string; method: string; input: unknown }
  /** A file for the core to stage: a path it reads itself, or chunks pulled over `port` through `shared` (files/port-stream.ts). */
  | {
      type: 'upload';
      id: number;
      sessionKey: string;
      purpose: string;
      file: { path: string; name?: string } | { name: string; declaredSize: number | null; port: MessagePort; shared: SharedArrayBuffer };
    }
  /** A download's bytes: the answer is its facts; the chunks are pulled over `port` through `shared`. */
  | { type: 'download'; id: number; sessionKey: string; download: string; port: MessagePort; shared: SharedArrayBuffer }
  | { type: 'subscribe'; sessionKey: string }
  | { type: 'unsubscribe'; sessionKey: string }
  | { type: 'endSession'; sessionKey: string }
  | { type: 'close' }
  | { type: 'shutdown' };

export type FromWorker =
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; sessionKey: string; event: CoreEvent }
  | { type: 'shutdown-done'; error: string | null };
