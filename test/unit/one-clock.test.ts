// One clock per test. A core built on the real clock next to the harness's fake one made a backup
// written "now" look days old, and the suite failed from a date on (issue 7). So every core a test
// builds passes a clock (coreOn / h.otherCore in test/integration/harness.ts), every child process
// a test starts gets the test's time (childEnv), and no test reads today's date. This reads the
// vitest suite's sources and names each place that breaks the rule.
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
    expect(files.filter((entry) => entry.text.includes('node:child_process')).length).toBeGreaterThanOrEqual(2);
  });

  it('builds every core with a clock: coreOn(clock, …) or h.otherCore(…), never createCore without one', () => {
    const bad = files.flatMap(({ file, text }) => calls(text, 'createCore').filter((call) => !/\bclock\b/.test(call.args)).map((call) => `${file}:${call.line}`));
    expect(bad, 'these cores run on the real clock; build them with coreOn(clock, …) or h.otherCore(…) from test/integration/harness.ts').toEqual([]);
  });

  it('starts every child process on the test clock: the environment comes from childEnv(clock)', () => {
    const bad = files.filter(({ text }) => /from 'node:child_process'/.test(text) && !/\bchildEnv\(/.test(text)).map(({ file }) => file);
    expect(bad, 'these files start processes (CLI, serve, fixtures) that would read the real clock; pass env: childEnv(clock, …)').toEqual([]);
  });

  it('never reads today’s date: Date.now() and new Date() without an argument', () => {
    const bad = files.flatMap(({ file, text }) => [...text.matchAll(/\bDate\.now\(\)|\bnew Date\(\)/g)].map((match) => `${file}:${lineOf(text, match.index)} ${match[0]}`));
    expect(bad, 'use the test clock (h.clock.now, testClock()); to time something, performance.now() in a benchmark (test/bench)').toEqual([]);
  });
});
