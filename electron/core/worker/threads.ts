// The threads the core starts, and where their code is: bundled beside the bundle in the packaged
// app (build/bundle-electron.mjs makes build/out/electron/<name>.cjs), else the TypeScript sources,
// loaded through dev-entry.mjs (a worker does not inherit the loader hooks tsx registered in its
// parent). Node worker threads, not Electron's utility process: the same in Electron's main
// process, in browser mode, in tests and in benches, which have no Electron binary.
import path from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** Each thread's TypeScript module, relative to this file. */
const SOURCES = {
  'core-worker': './core-worker.ts',
  'rekey-thread': '../db/sqlite/rekey-thread.ts',
  'checkpoint-thread': '../db/sqlite/checkpoint-thread.ts',
} as const;

export type ThreadName = keyof typeof SOURCES;

export function startThread(name: ThreadName, options: Omit<WorkerOptions, 'argv'>): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(path.join(import.meta.dirname, `${name}.cjs`), { ...options, name: `clientele-${name}` });
  return new Worker(new URL('./dev-entry.mjs', import.meta.url), { ...options, name: `clientele-${name}`, argv: [new URL(SOURCES[name], import.meta.url).href] });
}
