// The globals half of the layering (eslint.config.js, VS Code's layer checker): Node's globals are
// refused in the renderer, the DOM's in the core and the Node doors, both in shared/. Each case lints
// a one-line snippet placed in that layer, so a rule that stops matching fails here, not silently.
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

/** The globals ESLint refuses in `code` as if it lived at `file`. */
async function refusedGlobals(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  if (!result) throw new Error(`no lint result for ${file}`);
  const fatal = result.messages.filter((message) => message.fatal);
  if (fatal.length > 0) throw new Error(`${file}: ${fatal.map((message) => message.message).join('; ')}`);
  return result.messages
    .filter((message) => message.ruleId === 'no-restricted-globals')
    .map((message) => /Unexpected use of '([^']+)'/.exec(message.message)?.[1] ?? message.message);
}

const NODE = ['process', 'Buffer', 'require', '__dirname', '__filename', 'global', 'setImmediate', 'module'];
const DOM = ['window', 'document', 'localStorage', 'sessionStorage', 'navigator', 'HTMLElement', 'location', 'history', 'alert'];
/** Both sides have these (or they are the language's own): no layer refuses them. */
const EVERYWHERE = ['console', 'setTimeout', 'URL', 'TextEncoder', 'structuredClone', 'AbortController', 'fetch', 'globalThis'];

type Case = { file: string; refused: string[]; allowed: string[] };

const cases: Case[] = [
  { file: 'renderer/src/features/example/Example.tsx', refused: NODE, allowed: [...DOM, ...EVERYWHERE] },
  { file: 'renderer/src/app/example.ts', refused: NODE, allowed: [...DOM, ...EVERYWHERE] },
  { file: 'electron/core/areas/example/service.ts', refused: DOM, allowed: [...NODE, ...EVERYWHERE] },
  { file: 'electron/web/example.ts', refused: DOM, allowed: [...NODE, ...EVERYWHERE] },
  { file: 'electron/cli/commands/example.ts', refused: DOM, allowed: [...NODE, ...EVERYWHERE] },
  { file: 'shared/example.ts', refused: [...NODE, ...DOM], allowed: EVERYWHERE },
  { file: 'shared/api/example.ts', refused: [...NODE, ...DOM], allowed: EVERYWHERE },
  // The Electron main process and the preload see both worlds by design; the build config is Node.
  { file: 'electron/main/example.ts', refused: [], allowed: [...NODE, ...EVERYWHERE] },
  { file: 'renderer/vite.config.ts', refused: [], allowed: NODE },
];

/** One statement per name, so each reference is judged on its own. */
const snippet = (names: string[]) => names.map((name, i) => `export const use${i} = typeof ${name};`).join('\n');

describe('layering lint rules: globals', () => {
  for (const { file, refused, allowed } of cases) {
    if (refused.length > 0) {
      it(`${file} may not use ${refused.join(', ')}`, async () => {
        expect(await refusedGlobals(file, snippet(refused))).toEqual(refused);
      });
    }
    it(`${file} may use ${allowed.join(', ')}`, async () => {
      expect(await refusedGlobals(file, snippet(allowed))).toEqual([]);
    });
  }

  it('a local of the same name is not the global', async () => {
    expect(await refusedGlobals('electron/core/areas/example/service.ts', 'export function f(document: string) { return document.length; }')).toEqual([]);
  });
});
