import { Box, Button, Paper, Typography } from '@mui/material';
import ConstructionIcon from '@mui/icons-material/Construction';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../app/router.ts';

/** A friendly stand-in for areas that are not built yet, so the navigation is complete from day one. */
export function ComingSoonPage({ area }: { area: string }) {
  const { t } = useTranslation();
  return (
    <Paper sx={{ p: 6, textAlign: 'center', maxWidth: 640, mx: 'auto', mt: 4 }}>
      <ConstructionIcon color="action" sx={{ fontSize: 56 }} />
      <Typography variant="h5" component="h1" sx={{ mt: 2 }}>
        {area}
      </Typography>
      <Typography variant="h6" component="p" color="text.secondary" sx={{ mt: 1 }}>
        {t('placeholder.title')}
      </Typography>
      <Typography color="text.secondary" sx={{ mt: 1 }}>
        {t('placeholder.body', { area })}
      </Typography>
      <Box sx={{ mt: 3 }}>
        <Button variant="outlined" onClick={() => navigate({ name: 'customers' })}>
          {t('placeholder.goToCustomers')}
        </Button>
      </Box>
    </Paper>
  );
}
