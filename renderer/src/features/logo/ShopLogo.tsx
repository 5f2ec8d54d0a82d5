import { Box } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadUrl } from '../../api/files.ts';
import { useCoreQuery } from '../../app/query.ts';
import { useSession } from '../../app/session.tsx';

/** The shop's logo at the start of the app bar, for everyone signed in; nothing when there is none. */
export function ShopLogo() {
  const { t } = useTranslation();
  const { session } = useSession();
  const logo = useCoreQuery('logo.get', {}).data?.logo ?? null;
  // A logo that fails to load (its download expired, its bytes damaged) leaves the bar as it was.
  const [broken, setBroken] = useState<string | null>(null);
  if (!logo || broken === logo.sha256) return null;
  return (
    <Box
      component="img"
      src={downloadUrl(logo)}
      alt={t('logo.alt', { shop: session.shopName })}
      data-testid="shop-logo"
      onError={() => setBroken(logo.sha256)}
      sx={{ height: 36, maxWidth: 144, objectFit: 'contain', display: 'block', flexShrink: 0, bgcolor: 'common.white', borderRadius: 0.5, p: 0.25 }}
    />
  );
}
