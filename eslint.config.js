// Lint config. Its main job is the layering of DESIGN.md, enforced here rather than by good
// intentions; test/unit/layering.test.ts checks that these rules still bite.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { defineConfig } from 'eslint/config';

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** `electron` and its subpaths (`electron/main`), and Electron's scoped helpers. */
const ELECTRON = { regex: '^(electron(/.*)?|@electron/.*)$', caseSensitive: true, message: 'This layer runs without Electron (DESIGN.md: the picture); only electron/main and electron/preload may import it.' };

/** The doors and the shell: the core is the room behind them and never reaches back out. */
const DOORS = {
  regex: '(^|/)(main|preload|web|cli|launcher)/',
  caseSensitive: true,
  message: 'electron/core must not import a door (main, preload, web, cli) or the launcher; doors import the core.',
};

/**
 * The database driver and the SQLite adapter (electron/core/db/sqlite/): only electron/core/db/
 * reaches them; services and doors go through db/engine.ts and db/database.ts, so a PostgreSQL
 * twin of the engine can run the same services.
 */
const SQLITE_ONLY = {
  regex: '^better-sqlite3-multiple-ciphers(/.*)?$|(^|/)db/sqlite(/|$)',
  caseSensitive: true,
  message: 'Only electron/core/db/ may import the database driver or db/sqlite/; use db/engine.ts (SQLite-only work) or db/database.ts (Kysely).',
};

/** Electron-only code: a plain-Node layer must not pull Electron in through a relative path. */
const ELECTRON_ONLY_DIRS = {
  regex: '(^|/)(main|preload)/',
  caseSensitive: true,
  message: 'electron/main and electron/preload import Electron; plain-Node layers may not import them.',
};

const rendererForbidden = [
  { regex: '^node:', caseSensitive: true, message: 'The renderer runs in the browser sandbox: no Node built-ins.' },
  {
    // Bare built-ins (`fs`, `path`, `crypto`, `fs/promises`, ...): the same modules without the prefix.
    regex: `^(${builtinModules.filter((name) => !name.startsWith('_')).map(escape).join('|')})(/.*)?$`,
    caseSensitive: true,
    message: 'The renderer runs in the browser sandbox: no Node built-ins.',
  },
  { regex: '^(better-sqlite3-multiple-ciphers|@node-rs/argon2)(/.*)?$', caseSensitive: true, message: 'The renderer never touches the database or the key derivation; call the core through the api client.' },
  { regex: '(^|/)electron(/|$)|^@electron/', caseSensitive: true, message: 'The renderer may not import Electron or anything under electron/; use the api client (renderer/src/api).' },
];

/**
 * shared/ imports only zod and files within shared/. A file `depth` folders below shared/ may climb
 * at most `depth` levels; `.`/`..` segments after the start are refused so nothing sneaks around it.
 */
function sharedOnly(depth) {
  const noDotSegments = '(?!(?:.*/)?\\.\\.?(?:/|$))';
  const climb = depth === 0 ? '\\./' : `(?:\\./|(?:\\.\\./){1,${depth}})`;
  return [
    {
      regex: `^(?!zod(?:/|$)|${climb}${noDotSegments})`,
      caseSensitive: true,
      message: 'shared/ is the contract: it imports only zod and files within shared/.',
    },
  ];
}

/** `import('electron')` and `require('electron')` escape no-restricted-imports; catch those too. */
const noDynamicElectron = [
  'error',
  { selector: "ImportExpression[source.value=/^electron/]", message: ELECTRON.message },
  { selector: "CallExpression[callee.name='require'][arguments.0.value=/^electron/]", message: ELECTRON.message },
];

const restrict = (patterns) => ['error', { patterns }];

/**
 * Globals per layer (VS Code's layer checker): the renderer runs in the browser sandbox, so Node's
 * own globals are refused there; the core and the Node doors run without a page, so the DOM's are
 * refused there; shared/ runs on both sides and may use neither. Node 22+ also defines
 * `navigator`, `localStorage` and `sessionStorage`, which are still the page's, hence the extras.
 */
const BUILTIN = new Set(Object.keys(globals.es2024));
const NODE_ONLY = Object.keys(globals.node).filter((name) => !(name in globals.browser) && !BUILTIN.has(name));
const DOM_ONLY = [
  ...Object.keys(globals.browser).filter((name) => !(name in globals.node) && !BUILTIN.has(name)),
  'navigator',
  'Navigator',
  'localStorage',
  'sessionStorage',
  'Storage',
];
const SHARED_GLOBALS = 'shared/ runs on both sides of the window: neither Node nor DOM globals.';
/** `no-restricted-globals` refusing every name in `names`, each with `message`. */
const noGlobals = (message, ...names) => ['error', ...names.flat().map((name) => ({ name, message }))];
const NODE_GLOBALS_REFUSED = noGlobals('The renderer runs in the browser sandbox: no Node globals; ask the core through the api client.', NODE_ONLY);
const DOM_GLOBALS_REFUSED = noGlobals('This layer runs without a page: no DOM globals (the renderer owns the window).', DOM_ONLY);
const TS = '{ts,tsx,mts,cts,js,mjs,cjs}';

export default defineConfig(
  {
    ignores: ['node_modules/**', 'build/out/**', 'dist/**', 'test-results/**', 'playwright-report/**', 'test/artifacts/**', '.clientele-dev/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
    },
  },
  {
    // `import X = require('m'); export = X;` is how an ambient module declaration re-exports a
    // CommonJS typing (electron/core/db/driver-types.d.ts); there is no ESM spelling for it.
    files: ['**/*.d.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },

  // Layering (DESIGN.md). One rule entry per file group: later entries for the same rule replace
  // earlier ones rather than adding to them, so each group lists everything it forbids.
  {
    files: [`electron/core/**/*.${TS}`],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict([ELECTRON, DOORS, SQLITE_ONLY]),
      'no-restricted-syntax': noDynamicElectron,
      'no-restricted-globals': DOM_GLOBALS_REFUSED,
    },
  },
  {
    // The database layer: the engine's SQLite implementation lives here.
    files: [`electron/core/db/**/*.${TS}`],
    rules: { '@typescript-eslint/no-restricted-imports': restrict([ELECTRON, DOORS]) },
  },
  {
    files: [`electron/web/**/*.${TS}`, `electron/cli/**/*.${TS}`],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict([ELECTRON, ELECTRON_ONLY_DIRS, SQLITE_ONLY]),
      'no-restricted-syntax': noDynamicElectron,
      'no-restricted-globals': DOM_GLOBALS_REFUSED,
    },
  },
  {
    files: [`shared/*.${TS}`],
    rules: { '@typescript-eslint/no-restricted-imports': restrict(sharedOnly(0)), 'no-restricted-syntax': noDynamicElectron, 'no-restricted-globals': noGlobals(SHARED_GLOBALS, NODE_ONLY, DOM_ONLY) },
  },
  {
    files: [`shared/*/*.${TS}`],
    rules: { '@typescript-eslint/no-restricted-imports': restrict(sharedOnly(1)), 'no-restricted-syntax': noDynamicElectron, 'no-restricted-globals': noGlobals(SHARED_GLOBALS, NODE_ONLY, DOM_ONLY) },
  },
  {
    files: [`shared/*/*/*.${TS}`],
    rules: { '@typescript-eslint/no-restricted-imports': restrict(sharedOnly(2)), 'no-restricted-syntax': noDynamicElectron, 'no-restricted-globals': noGlobals(SHARED_GLOBALS, NODE_ONLY, DOM_ONLY) },
  },
  {
    files: [`shared/*/*/*/**/*.${TS}`],
    // Deeper than anything planned: allow siblings only rather than guess the depth.
    rules: { '@typescript-eslint/no-restricted-imports': restrict(sharedOnly(0)), 'no-restricted-syntax': noDynamicElectron, 'no-restricted-globals': noGlobals(SHARED_GLOBALS, NODE_ONLY, DOM_ONLY) },
  },
  {
    files: [`renderer/**/*.${TS}`],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(rendererForbidden),
      'no-restricted-syntax': noDynamicElectron,
      'no-restricted-globals': NODE_GLOBALS_REFUSED,
    },
  },
  {
    // The renderer's build and dev-server configuration runs in Node, not in the page.
    files: ['renderer/vite.config.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off', 'no-restricted-globals': 'off' },
  },
);
