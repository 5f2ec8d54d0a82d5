// The layering of DESIGN.md lives in eslint.config.js; this test lints small snippets placed in each
// layer, so a rule that stops matching (a renamed folder, a bad regex) fails here, not silently.
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });
const LAYER_RULES = new Set(['@typescript-eslint/no-restricted-imports', 'no-restricted-syntax']);

/** The layering messages ESLint reports for `code` as if it lived at `file`. */
async function layeringProblems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  if (!result) throw new Error(`no lint result for ${file}`);
  const fatal = result.messages.filter((message) => message.fatal);
  if (fatal.length > 0) throw new Error(`${file}: ${fatal.map((message) => message.message).join('; ')}`);
  return result.messages.filter((message) => message.ruleId !== null && LAYER_RULES.has(message.ruleId)).map((message) => message.message);
}

type Case = { file: string; forbidden: string[]; allowed: string[] };

const cases: Case[] = [
  {
    file: 'electron/core/services/example.ts',
    forbidden: ['electron', 'electron/main', '../../web/server.ts', '../../main/main.ts', '../../cli/commands.ts', 'better-sqlite3-multiple-ciphers', '../db/sqlite/open.ts'],
    allowed: ['zod', 'kysely', 'node:fs', '@node-rs/argon2', '../db/schema.ts', '../db/engine.ts', '../db/database.ts', '../../../shared/errors.ts'],
  },
  {
    // Services reach SQLite only through the engine (db/engine.ts), so a PostgreSQL twin can run them.
    file: 'electron/core/areas/example/service.ts',
    forbidden: ['better-sqlite3-multiple-ciphers', '../../db/sqlite/dialect.ts', '../../db/sqlite'],
    allowed: ['kysely', '../../db/engine.ts', '../../db/database.ts', '../../db/keyset.ts'],
  },
  {
    file: 'electron/core/db/example.ts',
    forbidden: ['electron', '../web/server.ts'],
    allowed: ['better-sqlite3-multiple-ciphers', './sqlite/engine.ts', './database.ts'],
  },
  {
    file: 'electron/core/db/sqlite/example.ts',
    forbidden: ['electron'],
    allowed: ['better-sqlite3-multiple-ciphers', './open.ts', '../engine.ts'],
  },
  {
    file: 'electron/web/example.ts',
    forbidden: ['electron', '../main/main.ts', '../preload/preload.ts', 'better-sqlite3-multiple-ciphers', '../core/db/sqlite/open.ts'],
    allowed: ['node:http', '../core/core-types.ts', '../../shared/errors.ts', './security.ts'],
  },
  {
    file: 'electron/cli/example.ts',
    forbidden: ['electron', '../main/main.ts'],
    allowed: ['node:fs', '../core/core-types.ts', '../web/server.ts'],
  },
  {
    file: 'electron/main/example.ts',
    forbidden: [],
    allowed: ['electron', 'node:path', '../core/core-types.ts', '../web/security.ts'],
  },
  {
    file: 'shared/example.ts',
    forbidden: ['electron', 'node:fs', 'fs', 'react', '../electron/core/core-types.ts', '../renderer/src/api/client.ts', './../x.ts'],
    allowed: ['zod', './roles.ts', './api/contract.ts'],
  },
  {
    file: 'shared/api/example.ts',
    forbidden: ['electron', 'node:path', 'kysely', '../../electron/core/core-types.ts', './../../electron/x.ts', '../api/../../x.ts'],
    allowed: ['zod', 'zod/v4', './method.ts', '../roles.ts', '../errors.ts'],
  },
  {
    file: 'renderer/src/features/example.tsx',
    forbidden: [
      'electron',
      'node:fs',
      'fs',
      'fs/promises',
      'path',
      'crypto',
      'child_process',
      'better-sqlite3-multiple-ciphers',
      '@node-rs/argon2',
      '../../../electron/core/core-types.ts',
      '../../../electron/web/server.ts',
    ],
    allowed: ['react', '@mui/material', 'i18next', '../../../shared/api/contract.ts', '../api/client.ts', 'pinyin-pro'],
  },
];

describe('layering lint rules', () => {
  for (const { file, forbidden, allowed } of cases) {
    for (const specifier of forbidden) {
      it(`${file} may not import ${specifier}`, async () => {
        expect(await layeringProblems(file, `import '${specifier}';\n`)).toHaveLength(1);
        expect(await layeringProblems(file, `export { thing } from '${specifier}';\n`)).toHaveLength(1);
      });
    }
    for (const specifier of allowed) {
      it(`${file} may import ${specifier}`, async () => {
        expect(await layeringProblems(file, `import '${specifier}';\n`)).toEqual([]);
      });
    }
  }

  it('catches type-only, dynamic and require imports of electron outside main and preload', async () => {
    const file = 'electron/core/example.ts';
    expect(await layeringProblems(file, "import type { App } from 'electron';\nexport type A = App;\n")).toHaveLength(1);
    expect(await layeringProblems(file, "export const load = () => import('electron');\n")).toHaveLength(1);
    expect(await layeringProblems('electron/cli/example.ts', "export const e: unknown = require('electron');\n")).toHaveLength(1);
    expect(await layeringProblems('electron/preload/example.ts', "export const load = () => import('electron');\n")).toEqual([]);
  });
});
