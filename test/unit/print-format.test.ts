// The print views' pure parts (renderer/src/features/print/print-format.ts): the running head made
// safe as a CSS string, the visit sheet's address read into the core's input, times and days on paper.
import { describe, expect, it } from 'vitest';
import { clip, cssString, dayWithWeekday, daysText, sheetInput, timeRange } from '../../renderer/src/features/print/print-format.ts';

describe('print views', () => {
  it('puts any shop name into the @page running head as one CSS string, nothing escaping it', () => {
    expect(cssString('张三五金店 · 拜访单')).toBe('"张三五金店 · 拜访单"');
    expect(cssString('Say "hi"; } body { display: none')).toBe('"Say \\"hi\\"; } body { display: none"');
    expect(cssString('back\\slash')).toBe('"back\\\\slash"');
    expect(cssString('two\nlines\r\nthree')).toBe('"two\\A lines\\A three"');
    expect(cssString('tab\there\u0007')).toBe('"tab here "');
    // Every quote inside is escaped: the string ends only at its last character.
    for (const text of ['"', '\\"', '\\\\"', 'a"b"c', '\\']) {
      const css = cssString(text);
      expect(css.slice(1, -1).replace(/\\\\/g, '').replace(/\\"/g, '')).not.toContain('"');
    }
  });

  it('reads the visit sheet address: days, a staff member or the whole shop', () => {
    expect(sheetInput('from=2026-12-01&to=2026-12-07&staff=3', '2026-11-30')).toEqual({ input: { staffId: 3, from: '2026-12-01', to: '2026-12-07' }, error: null });
    expect(sheetInput('from=2026-12-01', '2026-11-30')).toEqual({ input: { staffId: null, from: '2026-12-01', to: '2026-12-01' }, error: null });
    expect(sheetInput('', '2026-11-30')).toEqual({ input: { staffId: null, from: '2026-11-30', to: '2026-11-30' }, error: null });
    // Days the core refuses go to it as they are (its VALIDATION reason is shown); a staff that is no id is refused here.
    expect(sheetInput('from=1900-01-01&to=1899-01-01', '2026-11-30').input).toEqual({ staffId: null, from: '1900-01-01', to: '1899-01-01' });
    const bad = sheetInput('staff=boss', '2026-11-30');
    expect(bad.input).toBeNull();
    expect(bad.error).toMatchObject({ code: 'VALIDATION', details: [{ path: ['staffId'], message: 'staff' }] });
  });

  it('writes times, days and clipped texts for paper', () => {
    expect(timeRange(570, 60)).toBe('09:30–10:30');
    expect(timeRange(1410, 60)).toBe('23:30–00:30');
    expect(dayWithWeekday('zh-CN', '2026-12-01')).toBe('2026年12月1日星期二');
    expect(dayWithWeekday('en-US', '2026-12-01')).toBe('Tuesday, December 1, 2026');
    expect(daysText('en-US', '2026-12-01', '2026-12-01')).toBe('Dec 1, 2026');
    expect(daysText('zh-CN', '2026-12-01', '2026-12-07')).toBe('2026年12月1日 – 2026年12月7日');
    expect(clip('门骨'.repeat(3), 4)).toBe('门骨门骨…');
    expect(clip('short', 10)).toBe('short');
  });
});
