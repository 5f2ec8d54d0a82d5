// The CLI the tests start, bundled once per test run. Through electron/cli/bin.mjs every process
// registers tsx and compiles the whole TypeScript core on the fly (about 2-3 s of CPU each), and the
// tests start a few hundred of them: that alone was a large share of CI's time. So vitest's and
// Playwright's globalSetup build the working tree's CLI with esbuild (about a second) into a fresh
// folder, and the fixtures start `node <bundle>` (cliEntry below) while the run lasts. Never stale:
// built from the sources at the start of every run and removed at its end. Users and developers keep
// bin.mjs (`npx clientele`, no build step).
//
// What the bundle changes, and what it does not:
// - Only the project's own sources are bundled; every package (native or not) stays external and
//   loads from node_modules exactly as under tsx, so the folder is inside node_modules (bare imports
//   resolve upward from there).
// - `import.meta.url/dirname/filename` keep the source file's values (a plugin writes them in), so
//   paths found relative to a source file (the renderer's build dir, …) are the same as under tsx.
//   The exceptions are the two files that find the worker threads' code: bundled, they look for
//   <name>.cjs beside themselves (as in the packaged app), so the threads (the core worker of
//   `serve`, the re-key and checkpoint threads) are bundled beside the CLI too, each an ESM bundle
//   that a one-line <name>.cjs imports (as dev-entry.mjs imports the TypeScript under tsx).
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type BuildOptions, type Plugin } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '..');

/** Set by globalSetup to the bundle's entry while a test run lasts. */
export const BUNDLE_VARIABLE = 'CLIENTELE_CLI_BUNDLE';

/** What the tests start for `clientele ARGS`: `node <this> ARGS`. The bundle during a test run, else bin.mjs. */
export function cliEntry(): string {
  return process.env[BUNDLE_VARIABLE] || join(ROOT, 'electron/cli/bin.mjs');
}

/** The files that locate the threads' code from their own place (bundled: <name>.cjs beside them). */
const LOCATES_THREADS = new Set(['electron/core/worker/threads.ts', 'electron/core/worker/core-in-worker.ts'].map((file) => join(ROOT, file)));

/** Gives every other source file its own import.meta values, as if it ran unbundled. */
const sourceImportMeta: Plugin = {
  name: 'source-import-meta',
  setup(esbuild) {
    esbuild.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, (args) => {
      if (args.path.includes('/node_modules/') || LOCATES_THREADS.has(args.path)) return undefined;
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('import.meta')) return undefined;
      const contents = source
        .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)))
        .replaceAll('import.meta.filename', JSON.stringify(args.path))
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href));
      const ext = args.path.slice(args.path.lastIndexOf('.') + 1);
      return { contents, loader: ext === 'tsx' || ext === 'jsx' ? ext : ext.endsWith('ts') ? 'ts' : 'js' };
    });
  },
};

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node24',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
  plugins: [sourceImportMeta],
};

/** The threads the core starts (electron/core/worker/threads.ts, core-in-worker.ts). */
const THREADS = {
  'core-worker': 'electron/core/worker/core-worker.ts',
  'rekey-thread': 'electron/core/db/sqlite/rekey-thread.ts',
  'checkpoint-thread': 'electron/core/db/sqlite/checkpoint-thread.ts',
};

/** Builds the CLI into a new folder under node_modules/.cache; returns the entry to start with node. */
export async function buildCliBundle(): Promise<string> {
  const parent = join(ROOT, 'node_modules/.cache');
  mkdirSync(parent, { recursive: true });
  // A folder per run: several runs on one checkout must not rewrite each other's bundle.
  const outDir = mkdtempSync(join(parent, 'clientele-cli-'));
  // Readable by all: some tests start the CLI as another user (file-permission tests).
  chmodSync(outDir, 0o755);
  const entry = join(outDir, 'clientele.mjs');
  await Promise.all([
    build({
      ...common,
      format: 'esm',
      // What bin.mjs does once tsx is registered.
      stdin: {
        contents: "import { main } from './electron/cli/main.ts';\nprocess.exitCode = await main(process.argv.slice(2));\n",
        resolveDir: ROOT,
        sourcefile: 'clientele-cli-entry.ts',
        loader: 'ts',
      },
      outfile: entry,
    }),
    // Each thread as ESM too (packages resolve as under tsx: a CommonJS bundle would require() them,
    // and some export a path to `import` only). The code looks for <name>.cjs, so that file only
    // imports the ESM bundle, as dev-entry.mjs imports the TypeScript after registering tsx.
    ...Object.entries(THREADS).map(async ([name, source]) => {
      await build({ ...common, format: 'esm', entryPoints: [join(ROOT, source)], outfile: join(outDir, `${name}.mjs`) });
      writeFileSync(join(outDir, `${name}.cjs`), `// The ${name} thread: its ESM bundle (test/cli-bundle.ts).\nimport(require('node:url').pathToFileURL(require('node:path').join(__dirname, '${name}.mjs')).href);\n`);
    }),
  ]);
  return entry;
}

/** globalSetup for vitest and Playwright: build, point the fixtures at the bundle, remove it at the end. */
export default async function setup(): Promise<() => void> {
  const entry = await buildCliBundle();
  process.env[BUNDLE_VARIABLE] = entry;
  return () => {
    delete process.env[BUNDLE_VARIABLE];
    rmSync(dirname(entry), { recursive: true, force: true });
  };
}
