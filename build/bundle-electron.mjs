// Bundles the Electron main process, the core's worker thread and the preload into single CommonJS
// files: module loading is a large part of start-up time (DESIGN.md), and a sandboxed preload must
// be one file requiring only `electron`. Native modules stay external: electron-builder unpacks
// them from the asar.
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const outDir = path.join(root, 'build/out/electron');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  // Electron 45 runs Node 22.
  target: 'node22',
  sourcemap: 'linked',
  logLevel: 'warning',
  external: ['electron', 'better-sqlite3-multiple-ciphers', '@node-rs/argon2'],
  define: { 'process.env.NODE_ENV': '"production"' },
};

/** The sources are ESM; in a CJS bundle import.meta is empty, so give it this file's values. */
const importMetaShim = {
  define: {
    ...common.define,
    'import.meta.url': '__clienteleImportMetaUrl',
    'import.meta.dirname': '__dirname',
    'import.meta.filename': '__filename',
  },
  // "use strict" first: a banner before esbuild's own directive would leave the bundle sloppy.
  banner: { js: '"use strict";\nconst __clienteleImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
};

await Promise.all([
  // The preload gets no shim: a sandboxed preload may require only `electron` and a few polyfills.
  build({ ...common, ...importMetaShim, entryPoints: [path.join(root, 'electron/main/main.ts')], outfile: path.join(outDir, 'main.cjs') }),
  // The core's worker thread (electron/core/worker/core-in-worker.ts starts it from beside main.cjs).
  build({ ...common, ...importMetaShim, entryPoints: [path.join(root, 'electron/core/worker/core-worker.ts')], outfile: path.join(outDir, 'core-worker.cjs') }),
  // The re-key's own thread, started by the core worker (electron/core/worker/threads.ts).
  build({ ...common, ...importMetaShim, entryPoints: [path.join(root, 'electron/core/db/sqlite/rekey-thread.ts')], outfile: path.join(outDir, 'rekey-thread.cjs') }),
  // A bulk load's WAL checkpoints, on a thread of their own (electron/core/db/sqlite/bulk.ts).
  build({ ...common, ...importMetaShim, entryPoints: [path.join(root, 'electron/core/db/sqlite/checkpoint-thread.ts')], outfile: path.join(outDir, 'checkpoint-thread.cjs') }),
  build({ ...common, entryPoints: [path.join(root, 'electron/preload/preload.ts')], outfile: path.join(outDir, 'preload.cjs') }),
]);
console.log(`bundled electron/main, the core worker and electron/preload into ${path.relative(root, outDir)}`);
