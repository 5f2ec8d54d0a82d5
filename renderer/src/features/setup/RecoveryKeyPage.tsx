import { Box, Button, Checkbox, FormControlLabel, GlobalStyles, Paper, Stack, Typography } from '@mui/material';
import PrintIcon from '@mui/icons-material/Print';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { monospace } from '../../app/theme.ts';
import { formatDate } from '../../i18n/format.ts';

/** The key as readable groups: keep the core's own separators, else groups of four. */
export function keyGroups(key: string): string[] {
  const parts = key.split(/[\s-]+/).filter(Boolean);
  if (parts.length > 1) return parts;
  return key.match(/.{1,4}/g) ?? [key];
}

const GROUPS_PER_ROW = 4;

function rowsOf<T>(items: T[], size: number): T[][] {
  const rows: T[][] = [];
  for (let i = 0; i < items.length; i += size) rows.push(items.slice(i, i + size));
  return rows;
}

// Printing shows the key sheet alone: no buttons, no checkbox, nothing else of the app.
const printStyles = (
  <GlobalStyles
    styles={{
      '@media print': {
        'body *': { visibility: 'hidden' },
        '#recovery-sheet, #recovery-sheet *': { visibility: 'visible' },
        '#recovery-sheet': { position: 'absolute', left: 0, top: 0, width: '100%', maxWidth: 'none', boxShadow: 'none !important' },
        '#recovery-sheet .no-print': { display: 'none' },
        '@page': { size: 'A4', margin: '20mm' },
      },
    }}
  />
);

type Props = { recoveryKey: string; shopName: string; createdAt: number; onContinue: () => void | Promise<void> };

/**
 * Until "I have stored it" is ticked, closing or reloading asks first: the browser asks in browser
 * mode; in Electron, which would cancel silently, the main process asks with a native question
 * (electron/main/main.ts, 'will-prevent-unload'). A reload shows the key again either way: the
 * core keeps it for this session until acknowledged (`setup.pendingRecoveryKey`).
 */
function useWarnBeforeLeaving(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = ''; // older Chromium asks only when returnValue is set
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [active]);
}

export function RecoveryKeyPage({ recoveryKey, shopName, createdAt, onContinue }: Props) {
  const { t } = useTranslation();
  const [stored, setStored] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const groups = keyGroups(recoveryKey);
  useWarnBeforeLeaving(!stored);

  return (
    <Box sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', p: 2 }}>
      {printStyles}
      <Paper id="recovery-sheet" sx={{ p: 4, width: '100%', maxWidth: 720 }} aria-labelledby="recovery-title">
        <Stack spacing={2.5}>
          <Typography id="recovery-title" variant="h5" component="h1">
            {t('recovery.title')}
          </Typography>
          <Typography>{t('recovery.intro')}</Typography>
          <Stack direction="row" spacing={4}>
            <Typography>
              <strong>{t('recovery.shop')}:</strong> {shopName}
            </Typography>
            <Typography>
              <strong>{t('recovery.date')}:</strong> {formatDate(createdAt)}
            </Typography>
          </Stack>
          <Box
            role="group"
            aria-label={t('recovery.keyLabel')}
            sx={{ border: 2, borderColor: 'primary.main', borderRadius: 2, p: 3, textAlign: 'center' }}
          >
            <Typography
              data-testid="recovery-key"
              data-key={recoveryKey}
              sx={{
                fontFamily: monospace,
                fontSize: { xs: 22, sm: 30 },
                fontWeight: 600,
                letterSpacing: '0.08em',
                lineHeight: 1.7,
                wordSpacing: '0.4em',
                userSelect: 'all',
              }}
            >
              {/* Rows of four groups (4 + 4, not 6 + 2 as the width happens to wrap them): easier to copy. */}
              {rowsOf(groups, GROUPS_PER_ROW).map((row, r) => (
                <Box component="span" key={r} sx={{ display: 'block' }}>
                  {row.map((group, i) => (
                    <Box component="span" key={i} sx={{ display: 'inline-block', mx: 1 }}>
                      {group}
                    </Box>
                  ))}
                </Box>
              ))}
            </Typography>
          </Box>
          <Box>
            <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
              {t('recovery.instructionsTitle')}
            </Typography>
            <Box component="ol" sx={{ mt: 1, pl: 3 }}>
              {(['instruction1', 'instruction2', 'instruction3', 'instruction4'] as const).map((k) => (
                <li key={k}>
                  <Typography>{t(`recovery.${k}`)}</Typography>
                </li>
              ))}
            </Box>
          </Box>
          <Stack className="no-print" spacing={2}>
            <Box>
              <Button variant="outlined" startIcon={<PrintIcon />} onClick={() => window.print()}>
                {t('recovery.print')}
              </Button>
            </Box>
            <FormControlLabel
              control={<Checkbox checked={stored} onChange={(e) => setStored(e.target.checked)} />}
              label={t('recovery.stored')}
            />
            <Button
              variant="contained"
              size="large"
              disabled={!stored || leaving}
              onClick={() => {
                setLeaving(true);
                void onContinue();
              }}
            >
              {t('recovery.continue')}
            </Button>
          </Stack>
        </Stack>
      </Paper>
    </Box>
  );
}
