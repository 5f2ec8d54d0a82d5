// The tag colours on screen. Each palette entry is a soft background with text that keeps its
// contrast: near-black on the light shade in the light theme, the colour's pale tint on a
// translucent shade in the dark theme (MUI's own chips do the same), so amber and orange stay
// readable in both.
import { amber, blue, brown, green, grey, indigo, orange, pink, purple, red, teal } from '@mui/material/colors';
import { alpha, type Theme } from '@mui/material/styles';
import type { TagColor } from '../../../../shared/api/tags.ts';

type Shades = { 100: string; 200: string; 300: string; 500: string };

const SHADES: Record<TagColor, Shades> = { red, orange, amber, green, teal, blue, indigo, purple, pink, brown, grey };

/** The colour as a small solid dot (the palette menu, the list). */
export function swatchOf(color: TagColor): string {
  return SHADES[color][500];
}

/** A chip's look for a tag of this colour in `theme`; no colour: the chip's own default. */
export function tagChipStyle(color: TagColor | null | undefined, theme: Theme): { bgcolor?: string; color?: string } {
  if (!color) return {};
  const shades = SHADES[color];
  return theme.palette.mode === 'dark' ? { bgcolor: alpha(shades[300], 0.22), color: shades[100] } : { bgcolor: shades[100], color: theme.palette.text.primary };
}
