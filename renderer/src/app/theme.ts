import { createTheme } from '@mui/material/styles';
import { enUS, zhCN } from '@mui/material/locale';
import type { Language } from '../i18n/i18n.ts';

// System CJK fonts first-class: the app never loads web fonts (it is offline).
const fontFamily = [
  'system-ui',
  '-apple-system',
  '"Segoe UI"',
  'Roboto',
  '"PingFang SC"',
  '"Microsoft YaHei"',
  '"Noto Sans CJK SC"',
  '"Noto Sans SC"',
  'sans-serif',
].join(',');

export function makeTheme(lng: Language) {
  return createTheme(
    {
      palette: { primary: { main: '#1f5fa8' }, secondary: { main: '#b4562b' }, background: { default: '#f5f6f8' } },
      typography: { fontFamily },
      shape: { borderRadius: 8 },
      components: {
        // Sentence-case buttons read better in both languages than MUI's default capitals.
        MuiButton: { styleOverrides: { root: { textTransform: 'none' } } },
        MuiTab: { styleOverrides: { root: { textTransform: 'none' } } },
        // Rows that open something take keyboard focus; the focus must show (WCAG 2.4.7). Drawn inside
        // the row, so a scroll container's edge cannot clip it.
        MuiTableRow: {
          styleOverrides: {
            root: ({ theme }) => ({
              '&:focus-visible': { outline: `2px solid ${theme.palette.primary.main}`, outlineOffset: -2, backgroundColor: theme.palette.action.focus },
            }),
          },
        },
      },
    },
    lng === 'zh-CN' ? zhCN : enUS,
  );
}

export const monospace = '"JetBrains Mono", "Cascadia Mono", Consolas, "DejaVu Sans Mono", "Noto Sans Mono", monospace';
