import { Box, Paper, Stack, Typography } from '@mui/material';
import LinkOffIcon from '@mui/icons-material/LinkOff';
import { Trans, useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../i18n/i18n.ts';

type Props = {
  /** The page came with a token the server refused (an address from an earlier start). */
  staleToken: boolean;
};

/**
 * Browser mode opened without the address `clientele serve` printed (or with one from an earlier
 * start). Nothing here can be retried: the way on is the right address, so the page says where it
 * comes from, in both languages at once (no language has been chosen on a browser seen first).
 */
export function LaunchAddressPage({ staleToken }: Props) {
  const { i18n } = useTranslation();
  // The current language first, the other beneath it.
  const languages = [...LANGUAGES].sort((a, b) => Number(b === i18n.language) - Number(a === i18n.language));
  return (
    <Box component="main" sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', p: 2 }}>
      <Paper sx={{ p: 4, width: '100%', maxWidth: 560 }}>
        <Stack spacing={3}>
          <LinkOffIcon color="warning" fontSize="large" aria-hidden />
          {languages.map((lng, index) => {
            const t = i18n.getFixedT(lng);
            return (
              <Stack key={lng} lang={lng} spacing={1} sx={index > 0 ? { borderTop: 1, borderColor: 'divider', pt: 3 } : undefined}>
                <Typography variant={index === 0 ? 'h5' : 'h6'} component={index === 0 ? 'h1' : 'h2'}>
                  {t('signin.launchTitle')}
                </Typography>
                <Typography>
                  <Trans t={t} i18nKey="signin.launchBody" components={{ code: <Box component="code" sx={{ fontFamily: 'monospace', px: 0.5, bgcolor: 'action.hover', borderRadius: 0.5 }} /> }} />
                </Typography>
                {staleToken ? <Typography color="text.secondary">{t('signin.launchEarlier')}</Typography> : null}
              </Stack>
            );
          })}
        </Stack>
      </Paper>
    </Box>
  );
}
