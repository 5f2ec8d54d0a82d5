// A renderer component that grows past 300 lines is doing several things: split it along its seams
// (issue 8). This fails on the first file over the limit, naming every one, so the limit holds for
// the areas still to come, not only for the files split today.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const RENDERER = path.resolve(import.meta.dirname, '../../renderer/src');
const MAX_LINES = 300;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

function lineCount(file: string): number {
  const text = readFileSync(file, 'utf8');
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

describe('renderer file size', () => {
  it('finds the renderer sources (a moved folder must not make this pass on nothing)', () => {
    expect(sourceFiles(RENDERER).length).toBeGreaterThan(50);
  });

  it(`keeps every renderer .ts/.tsx file at ${MAX_LINES} lines or fewer`, () => {
    const tooLong = sourceFiles(RENDERER)
      .map((file) => ({ file: path.relative(RENDERER, file), lines: lineCount(file) }))
      .filter(({ lines }) => lines > MAX_LINES)
      .map(({ file, lines }) => `${file}: ${lines} lines`);
    expect(tooLong).toEqual([]);
  });

  it('counts lines as an editor shows them', () => {
    expect(lineCount(path.join(RENDERER, 'main.tsx'))).toBe(readFileSync(path.join(RENDERER, 'main.tsx'), 'utf8').trimEnd().split('\n').length);
  });
});
