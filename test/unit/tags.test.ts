// Tags management's pure parts: when two names are one tag (shared/api/tags.ts tagKey), what a tag
// name may be, and a palette that reads well in both themes (WCAG AA, 4.5:1, for chip text).
import { createTheme, decomposeColor, getContrastRatio } from '@mui/material/styles';
import { describe, expect, it } from 'vitest';
import { TAG_COLORS, TagName, tagKey } from '../../shared/api/tags.ts';
import { swatchOf, tagChipStyle } from '../../renderer/src/features/tags/palette.ts';

describe('tag names', () => {
  it('are one tag when they differ only in letter case or width', () => {
    expect(tagKey('VIP')).toBe(tagKey('vip'));
    expect(tagKey('ＶＩＰ')).toBe(tagKey('vip'));
    expect(tagKey(' 展会 ')).toBe(tagKey('展会'));
    expect(tagKey('\u212Aey')).toBe(tagKey('key')); // Kelvin sign
    expect(tagKey('老客户')).not.toBe(tagKey('老顾客'));
    expect(tagKey(tagKey('Ｓtraße'))).toBe(tagKey('Ｓtraße')); // stable when applied again
  });

  it('are trimmed, 1 to 40 characters, without control characters or line separators', () => {
    expect(TagName.parse('  批发  ')).toBe('批发');
    expect(TagName.safeParse('长'.repeat(40)).success).toBe(true);
    for (const bad of ['', '  ', '长'.repeat(41), 'a\u0000', 'a\nb', 'a\u2028b', 'a\u007f']) expect(TagName.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });
});

/** `color` (maybe translucent) laid over the opaque `under`, as the screen shows it. */
function over(color: string, under: string): string {
  const top = decomposeColor(color);
  const base = decomposeColor(under);
  const a = top.values[3] ?? 1;
  const mixed = [0, 1, 2].map((i) => Math.round(Number(top.values[i]) * a + Number(base.values[i]) * (1 - a)));
  return `rgb(${mixed.join(', ')})`;
}

describe('tag palette', () => {
  for (const mode of ['light', 'dark'] as const) {
    it(`keeps chip text readable in the ${mode} theme`, () => {
      const theme = createTheme({ palette: { mode } });
      for (const color of TAG_COLORS) {
        const style = tagChipStyle(color, theme);
        const background = over(style.bgcolor!, theme.palette.background.paper);
        const text = over(style.color!, background);
        expect(getContrastRatio(text, background), `${mode} ${color}`).toBeGreaterThanOrEqual(4.5);
        expect(swatchOf(color)).toMatch(/^#[0-9a-f]{6}$/i);
      }
      expect(tagChipStyle(null, theme)).toEqual({});
    });
  }
});
