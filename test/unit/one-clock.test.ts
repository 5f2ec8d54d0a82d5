// One clock per test. A core built on the real clock next to the harness's fake one made a backup
// written "now" look days old, and the suite failed from a date on (issue 7). So every core a test
// builds passes a clock (coreOn / h.otherCore in test/integration/harness.ts), the core reads time
// only through that clock, and no test reads today's date. This reads the sources and names each
// place that breaks the rule. (A CLI or fixture process a test starts without childEnv(clock)
// refuses to run: electron/cli/clock.ts, inheritedClock(); cli.test.ts checks it.)
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
/** What vitest runs, with its fixtures. test/bench measures real time on purpose and is not a test. */
const FOLDERS = ['test/unit', 'test/integration'];
const SELF = 'test/unit/one-clock.test.ts';

function sources(): { file: string; text: string }[] {
  return FOLDERS.flatMap((folder) =>
    readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' })
      .filter((name) => /\.(ts|tsx|mts|mjs|js)$/.test(name))
      .map((name) => path.join(folder, name).split(path.sep).join('/'))
      .filter((file) => file !== SELF)
      .map((file) => ({ file, text: readFileSync(path.join(root, file), 'utf8') })),
  );
}

const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;

/** The text of each `name(...)` call: from the name to its matching parenthesis. */
function calls(text: string, name: string): { line: number; args: string }[] {
  const found: { line: number; args: string }[] = [];
  for (const match of text.matchAll(new RegExp(`\\b${name}\\(`, 'g'))) {
    let depth = 0;
    let end = match.index + match[0].length - 1;
    for (; end < text.length; end++) {
      if (text[end] === '(') depth++;
      if (text[end] === ')' && --depth === 0) break;
    }
    found.push({ line: lineOf(text, match.index), args: text.slice(match.index + match[0].length, end) });
  }
  return found;
}

describe('every test runs on one clock', () => {
  const files = sources();

  it('finds the suite it checks (the guard is not looking at nothing)', () => {
    const harness = files.find((entry) => entry.file === 'test/integration/harness.ts');
    expect(harness && calls(harness.text, 'createCore')).toHaveLength(1);
    expect(harness && calls(harness.text, 'createCoreInWorker')).toHaveLength(1);
  });

  it('builds every core with a clock: coreOn(clock, …), workerCoreOn(clock, …) or h.otherCore(…), never createCore or createCoreInWorker without one', () => {
    const bad = files.flatMap(({ file, text }) =>
      ['createCore', 'createCoreInWorker'].flatMap((name) => calls(text, name).filter((call) => !/\bclock\b/.test(call.args)).map((call) => `${file}:${call.line} ${name}`)),
    );
    expect(bad, 'these cores run on the real clock; build them with coreOn(clock, …) or h.otherCore(…) from test/integration/harness.ts').toEqual([]);
  });

  it('the core reads time only through its injected clock (state.clock), which defaults to the real one in one place', () => {
    const core = readdirSync(path.join(root, 'electron/core'), { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.ts'))
      .map((name) => path.join('electron/core', name).split(path.sep).join('/'));
    const uses = core.flatMap((file) => {
      const text = readFileSync(path.join(root, file), 'utf8');
      return [...text.matchAll(/\bDate\.now\b|\bnew Date\(\)/g)].map((match) => `${file}:${lineOf(text, match.index)} ${match[0]}`);
    });
    expect(uses.map((use) => use.replace(/:\d+ /, ' ')), 'use state.clock() (or take `now` as a parameter) so tests and other processes agree on the time').toEqual(['electron/core/create-core.ts Date.now']);
  });

  it('never reads today’s date: Date.now() and new Date() without an argument', () => {
    const bad = files.flatMap(({ file, text }) => [...text.matchAll(/\bDate\.now\(\)|\bnew Date\(\)/g)].map((match) => `${file}:${lineOf(text, match.index)} ${match[0]}`));
    expect(bad, 'use the test clock (h.clock.now, testClock()); to time something, performance.now() in a benchmark (test/bench)').toEqual([]);
  });
});
